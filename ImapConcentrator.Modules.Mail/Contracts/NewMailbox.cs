namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>What registering a mailbox takes (the REST body and the bot's /add).</summary>
public sealed record NewMailbox(
    string Host,
    int Port,
    MailboxSecurity Security,
    string Username,
    string Password,
    string Folder = "INBOX",
    long? ChatId = null,
    string? WebLinkTemplate = null)
{
    /// <summary>Never prints the password (records print every member by default).</summary>
    public override string ToString() => $"NewMailbox {{ {Username}@{Host}:{Port} {Security} {Folder} chat {ChatId} }}";
}
