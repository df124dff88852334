namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>Stored notifications by increasing id, for clients that were away.</summary>
public interface INotificationFeed
{
    /// <summary>Oldest first, ids greater than <paramref name="afterId"/>; <paramref name="chatId"/> null means every chat.</summary>
    Task<IReadOnlyList<MailNotification>> GetSinceAsync(long afterId, int limit, long? chatId, CancellationToken cancellationToken);
}
