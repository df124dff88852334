using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Mail.Persistence;

internal sealed class Mailbox
{
    public long Id { get; set; }
    public long? ChatId { get; set; }
    public required string Host { get; set; }
    public int Port { get; set; }
    public MailboxSecurity Security { get; set; }
    public required string Username { get; set; }
    public required string EncryptedPassword { get; set; }
    public required string Folder { get; set; }
    public string? WebLinkTemplate { get; set; }
    public long UidValidity { get; set; }
    public long NextUid { get; set; }
    public MailboxState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }
    public string? LastError { get; set; }
    public int ConsecutiveFailures { get; set; }

    public string Account => $"{Username}@{Host}";

    public MailboxView ToView() =>
        new(Id, ChatId, Host, Port, Security, Username, Folder, WebLinkTemplate, State, LastCheckedAt, LastError);
}
