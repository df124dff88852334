using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Mail.Api;

/// <summary>
/// The POST body. Port and security may be left out: 993 means implicit TLS, any other port STARTTLS
/// (the bot's rule), and a missing port follows the security.
/// </summary>
internal sealed record MailboxRequest(
    string? Host,
    int? Port,
    string? Security,
    string? Username,
    string? Password,
    string? Folder,
    long? ChatId,
    string? WebLinkTemplate)
{
    public (NewMailbox? Mailbox, string? SecurityError) ToNewMailbox()
    {
        MailboxSecurity security;
        if (Security is null)
        {
            security = Port is null or 993 ? MailboxSecurity.Tls : MailboxSecurity.StartTls;
        }
        else if (!Enum.TryParse(Security, ignoreCase: true, out security) || !Enum.IsDefined(security) || int.TryParse(Security, out _))
        {
            return (null, "'security' must be Tls, StartTls or None.");
        }

        var port = Port ?? (security == MailboxSecurity.Tls ? 993 : 143);
        return (new NewMailbox(Host ?? string.Empty, port, security, Username ?? string.Empty, Password ?? string.Empty,
            Folder ?? "INBOX", ChatId, string.IsNullOrEmpty(WebLinkTemplate) ? null : WebLinkTemplate), null);
    }
}

internal sealed record CredentialsRequest(string? Username, string? Password);
