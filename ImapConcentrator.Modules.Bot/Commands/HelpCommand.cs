using FluentValidation;

namespace ImapConcentrator.Modules.Bot.Commands;

internal sealed class HelpCommand : IBotCommand
{
    private static readonly InlineValidator<CommandArgs> Anything = [];

    public string Name => "help";
    public string Usage => "/help";
    public bool NeedsChat => false;
    public IValidator<CommandArgs> Validator => Anything;

    public Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(HelpText.Commands);
}
