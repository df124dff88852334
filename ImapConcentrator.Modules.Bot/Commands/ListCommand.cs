using System.Globalization;
using System.Text;
using FluentValidation;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Commands;

internal sealed class ListCommand(IMailboxRegistry registry) : IBotCommand
{
    private static readonly ArgCountValidator Args = new(0, 0);

    public string Name => "list";
    public string Usage => "/list";
    public bool NeedsChat => true;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var mailboxes = await registry.ListAsync(context.ChatId, cancellationToken);
        if (mailboxes.Count == 0)
        {
            return "No mailboxes yet. Add one with /add &lt;host&gt;[:&lt;port&gt;] &lt;username&gt; &lt;password&gt; [folder].";
        }

        var sb = new StringBuilder("Your mailboxes:\n");
        var listed = 0;
        foreach (var m in mailboxes.Take(50))
        {
            if (sb.Length > 3500)
            {
                break; // Telegram refuses messages over 4096 characters
            }

            listed++;
            sb.Append(CultureInfo.InvariantCulture, $"\n<b>#{m.Id}</b> ")
                .Append(Html.Escape($"{m.Username}@{m.Host}:{m.Port}")).Append(" · ").Append(Html.Escape(m.Folder))
                .Append(" — ").Append(m.State);
            if (m.State is MailboxState.Failing or MailboxState.AuthFailed && m.LastError is { } error)
            {
                sb.Append(" (").Append(Html.EscapeWithin(error, 200)).Append(')');
            }

            if (m.WebLinkTemplate is not null)
            {
                sb.Append(" 🔗");
            }
        }

        if (mailboxes.Count > listed)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n… and {mailboxes.Count - listed} more.");
        }

        return sb.ToString();
    }
}
