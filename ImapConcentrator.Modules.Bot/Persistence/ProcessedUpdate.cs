namespace ImapConcentrator.Modules.Bot.Persistence;

/// <summary>An update_id already handled: Telegram may deliver the same update again.</summary>
internal sealed class ProcessedUpdate
{
    public long UpdateId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
