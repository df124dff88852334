using FluentValidation;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary><c>/link id template|off</c>: the template's placeholders are filled (URL-encoded) by the mail module.</summary>
internal sealed class LinkCommand(IMailboxRegistry registry) : IBotCommand
{
    private static readonly ArgsValidator Args = new();

    public string Name => "link";
    public string Usage => "/link <id> <template>|off   e.g. /link 3 https://mail.example.com/{folder}/{uid}";
    public bool NeedsChat => true;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = CommandArgsValidators.Id(context.Args[0]);
        if (await registry.OwnMailboxAsync(id, context.ChatId, cancellationToken) is null)
        {
            return Ownership.NotFound(id);
        }

        var off = IsOff(context.Args[1]);
        if (!await registry.SetWebLinkAsync(id, off ? null : context.Args[1], cancellationToken))
        {
            return "That template is not valid: it must be an absolute http(s) URL; placeholders are {uid}, {folder} and {messageId}.";
        }

        return off
            ? $"Mailbox #{context.Args[0]}: no web link any more."
            : $"Mailbox #{context.Args[0]}: new mail links to {Html.Escape(context.Args[1])}";
    }

    private static bool IsOff(string word) => word.Equals("off", StringComparison.OrdinalIgnoreCase);

    private sealed class ArgsValidator : AbstractValidator<CommandArgs>
    {
        public ArgsValidator()
        {
            RuleFor(a => a.Count).Equal(2);
            RuleFor(a => a[0]).Must(CommandArgsValidators.IsId).When(a => a.Count == 2);
            RuleFor(a => a[1]).Must(t => IsOff(t) || (t.Length <= 1000
                                                      && (t.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                                                          || t.StartsWith("http://", StringComparison.OrdinalIgnoreCase))))
                .When(a => a.Count == 2);
        }
    }
}
