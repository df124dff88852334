using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Mail.Persistence;

/// <summary>
/// A notification row. Account and folder are copied in so that a notification stays readable
/// (and re-fetchable) after its mailbox was removed, until retention deletes it.
/// </summary>
internal sealed class StoredNotification
{
    public long Id { get; set; }
    public long MailboxId { get; set; }
    public long? ChatId { get; set; }
    public required string Account { get; set; }
    public required string Folder { get; set; }
    public long UidValidity { get; set; }
    public long Uid { get; set; }
    public string? MessageId { get; set; }
    public required string From { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset Date { get; set; }
    public required string Preview { get; set; }
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public MailNotification ToContract() =>
        new(Id, MailboxId, ChatId, Account, Folder, UidValidity, Uid, MessageId, From, Subject, Date, Preview, Link);
}
