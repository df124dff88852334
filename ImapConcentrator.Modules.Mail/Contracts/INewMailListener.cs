namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>
/// Called once for each notification after it was committed. Implementations must return quickly
/// (queue, don't deliver inline): a slow listener delays the mailbox's next check.
/// </summary>
public interface INewMailListener
{
    ValueTask OnNewMailAsync(MailNotification notification, CancellationToken cancellationToken);
}
