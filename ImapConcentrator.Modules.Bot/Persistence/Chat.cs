namespace ImapConcentrator.Modules.Bot.Persistence;

internal sealed class Chat
{
    public long Id { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool NotifyInChat { get; set; }

    /// <summary>SHA-256 of the current chat token (hex); the token itself is shown once and never stored.</summary>
    public string? TokenHash { get; set; }

    /// <summary>
    /// Id of the last notification delivered into the chat. Delivery reads the feed after it and advances it
    /// after each message Telegram accepted, so a restart resumes where it stopped.
    /// </summary>
    public long DeliveredThrough { get; set; }
}
