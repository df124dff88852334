using System.Globalization;
using FluentValidation;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Commands;

internal sealed class RefetchCommand(IMailboxRegistry registry) : IBotCommand
{
    public const int MaxCount = 100;
    private static readonly ArgsValidator Args = new();

    public string Name => "refetch";
    public string Usage => $"/refetch <id> [n]   (n from 0 to {MaxCount})";
    public bool NeedsChat => true;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = CommandArgsValidators.Id(context.Args[0]);
        if (await registry.OwnMailboxAsync(id, context.ChatId, cancellationToken) is null)
        {
            return Ownership.NotFound(id);
        }

        var count = context.Args.Count > 1 ? int.Parse(context.Args[1], CultureInfo.InvariantCulture) : 0;
        var result = await registry.RefetchAsync(id, count, cancellationToken);
        if (!result.Found)
        {
            return Ownership.NotFound(id);
        }

        return result.Error is { } error
            ? $"❌ Could not refetch mailbox #{context.Args[0]}: {Html.EscapeWithin(error, 1000)}"
            : $"🔄 Mailbox #{context.Args[0]} starts again from its state now; re-sent {result.Notified.ToString(CultureInfo.InvariantCulture)} message(s).";
    }

    private sealed class ArgsValidator : AbstractValidator<CommandArgs>
    {
        public ArgsValidator()
        {
            RuleFor(a => a.Count).InclusiveBetween(1, 2);
            RuleFor(a => a[0]).Must(CommandArgsValidators.IsId).When(a => a.Count >= 1);
            RuleFor(a => a[1]).Must(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= MaxCount)
                .When(a => a.Count == 2);
        }
    }
}
