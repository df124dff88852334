using System.Globalization;
using FluentValidation;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary><c>/add host[:port] username password [folder]</c>: the registry tries the login before anything is stored.</summary>
internal sealed class AddCommand(IMailboxRegistry registry) : IBotCommand
{
    public const string CommandName = "add";
    private static readonly ArgsValidator Args = new();

    public string Name => CommandName;
    public string Usage => "/add <host>[:<port>] <username> <password> [folder]   (993 = TLS, other ports STARTTLS, imap://host:port = plaintext)";
    public bool NeedsChat => true;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var address = ImapAddress.Parse(context.Args[0])!;
        var password = context.Args[2];
        var folder = context.Args.Count > 3 ? context.Args[3] : "INBOX";
        var result = await registry.AddAsync(
            new NewMailbox(address.Host, address.Port, address.Security, context.Args[1], password, folder, ChatId: context.ChatId),
            cancellationToken);
        if (result.Mailbox is { } mailbox)
        {
            var id = mailbox.Id.ToString(CultureInfo.InvariantCulture);
            return $"✅ Added mailbox <b>#{id}</b>: {Html.Escape($"{mailbox.Username}@{mailbox.Host}:{mailbox.Port}")} · {Html.Escape(mailbox.Folder)} "
                   + $"({mailbox.Security}).\nI deleted your message because it carried the password.\nSend /notify on to get new mail here.";
        }

        var why = result.Errors is { Count: > 0 } errors
            ? string.Join("; ", errors.SelectMany(e => e.Value))
            : result.Reason ?? result.Failure?.ToString() ?? "unknown reason";
        if (password.Length >= 3)
        {
            why = why.Replace(password, "•••", StringComparison.Ordinal);
        }

        return $"❌ Could not add the mailbox: {Html.EscapeWithin(why, 1500)}\nI deleted your message because it carried the password.";
    }

    private sealed class ArgsValidator : AbstractValidator<CommandArgs>
    {
        public ArgsValidator()
        {
            RuleFor(a => a.Count).InclusiveBetween(3, 4);
            RuleFor(a => a[0]).Must(a => ImapAddress.Parse(a) is not null).When(a => a.Count >= 3);
            RuleFor(a => a[1]).MaximumLength(320).When(a => a.Count >= 3);
            RuleFor(a => a[2]).MaximumLength(1000).When(a => a.Count >= 3);
            RuleFor(a => a[3]).MaximumLength(500).When(a => a.Count == 4);
        }
    }
}
