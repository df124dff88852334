using FluentValidation;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary>A text message as the bot sees it.</summary>
internal sealed record IncomingMessage(long ChatId, long UserId, int MessageId, string Text, string? Title);

/// <summary>The words after the command, split on white space.</summary>
internal sealed record CommandArgs(IReadOnlyList<string> Values)
{
    public int Count => Values.Count;

    public string this[int index] => Values[index];
}

internal sealed record CommandContext(long ChatId, string? Title, CommandArgs Args);

/// <summary>
/// One bot command. Its arguments are validated first (a failure is answered with <see cref="Usage"/>);
/// the HTML it returns is sent to the chat.
/// </summary>
internal interface IBotCommand
{
    string Name { get; }

    string Usage { get; }

    /// <summary>False only for commands that work before /start.</summary>
    bool NeedsChat { get; }

    IValidator<CommandArgs> Validator { get; }

    Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);
}
