using System.Text;
using ImapConcentrator.Modules.Mail.Persistence;
using MailKit;

namespace ImapConcentrator.Modules.Mail.Checking;

/// <summary>Turns a fetched message summary into a notification row: decoded headers, a short plain-text preview, the web link.</summary>
internal static class MessageToNotification
{
    public const int PreviewLength = 200;

    public const MessageSummaryItems Items =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.InternalDate | MessageSummaryItems.PreviewText;

    public static StoredNotification Create(Mailbox mailbox, IMessageSummary message, DateTimeOffset now)
    {
        var envelope = message.Envelope;
        var messageId = envelope?.MessageId;
        return new StoredNotification
        {
            MailboxId = mailbox.Id,
            ChatId = mailbox.ChatId,
            Account = mailbox.Account,
            Folder = mailbox.Folder,
            UidValidity = mailbox.UidValidity,
            Uid = message.UniqueId.Id,
            MessageId = messageId is null ? null : Clean(messageId),
            From = Clean(Addresses(envelope?.From)),
            Subject = Clean(envelope?.Subject ?? string.Empty),
            Date = (envelope?.Date ?? message.InternalDate ?? now).ToUniversalTime(),
            Preview = Preview(message.PreviewText),
            Link = WebLink.Fill(mailbox.WebLinkTemplate, message.UniqueId.Id, mailbox.Folder, messageId is null ? null : Clean(messageId)),
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Decoded headers can carry control characters (even NUL, which PostgreSQL text refuses and which would
    /// then fail every check of the mailbox): they become spaces.
    /// </summary>
    public static string Clean(string text) =>
        text.Any(char.IsControl) ? new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim() : text;

    /// <summary>"Name &lt;address&gt;" (decoded, unquoted), comma-separated; empty without a sender.</summary>
    public static string Addresses(MimeKit.InternetAddressList? list) =>
        list is null ? string.Empty : string.Join(", ", list.Mailboxes.Select(m =>
            string.IsNullOrWhiteSpace(m.Name) ? m.Address : $"{m.Name} <{m.Address}>"));

    /// <summary>Whitespace collapsed, cut to 200 characters without splitting a surrogate pair.</summary>
    public static string Preview(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(PreviewLength);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
            if (sb.Length >= PreviewLength)
            {
                break;
            }
        }

        if (sb.Length > PreviewLength)
        {
            sb.Length = PreviewLength;
        }

        if (sb.Length > 0 && char.IsHighSurrogate(sb[^1]))
        {
            sb.Length--;
        }

        return sb.ToString();
    }
}
