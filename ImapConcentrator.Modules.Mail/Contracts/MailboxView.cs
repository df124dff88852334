namespace ImapConcentrator.Modules.Mail.Contracts;

public enum MailboxSecurity { Tls, StartTls, None }

public enum MailboxState { New, Ok, Failing, AuthFailed }

/// <summary>A mailbox as the API and the bot show it: never with the password.</summary>
public sealed record MailboxView(
    long Id,
    long? ChatId,
    string Host,
    int Port,
    MailboxSecurity Security,
    string Username,
    string Folder,
    string? WebLinkTemplate,
    MailboxState State,
    DateTimeOffset? LastCheckedAt,
    string? LastError);
