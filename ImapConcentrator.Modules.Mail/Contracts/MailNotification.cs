namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>One new message, as stored and as pushed to every subscriber.</summary>
public sealed record MailNotification(
    long Id,
    long MailboxId,
    long? ChatId,
    string Account,
    string Folder,
    long UidValidity,
    long Uid,
    string? MessageId,
    string From,
    string Subject,
    DateTimeOffset Date,
    string Preview,
    string? Link);
