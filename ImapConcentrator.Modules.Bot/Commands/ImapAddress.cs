using System.Globalization;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary>
/// <c>/add</c>'s first word: <c>host[:port]</c> (993 or no port = TLS, any other port = STARTTLS),
/// <c>imaps://host[:port]</c> (TLS) or <c>imap://host[:port]</c> (plaintext, default 143: refused unless Mail:AllowPlaintext).
/// </summary>
internal sealed record ImapAddress(string Host, int Port, MailboxSecurity Security)
{
    public const int TlsPort = 993;

    public static ImapAddress? Parse(string text)
    {
        MailboxSecurity? security = null;
        if (text.StartsWith("imaps://", StringComparison.OrdinalIgnoreCase))
        {
            security = MailboxSecurity.Tls;
            text = text["imaps://".Length..];
        }
        else if (text.StartsWith("imap://", StringComparison.OrdinalIgnoreCase))
        {
            security = MailboxSecurity.None;
            text = text["imap://".Length..];
        }

        text = text.TrimEnd('/');
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            if (end < 2)
            {
                return null;
            }

            host = text[1..end];
            var rest = text[(end + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return null;
                }

                port = rest[1..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length is 0 or > 253 || host.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '_')))
        {
            return null;
        }

        var number = security == MailboxSecurity.None ? 143 : TlsPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            return null;
        }

        return new ImapAddress(host, number, security ?? (number == TlsPort ? MailboxSecurity.Tls : MailboxSecurity.StartTls));
    }
}
