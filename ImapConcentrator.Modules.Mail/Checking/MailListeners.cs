using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Persistence;
using Microsoft.Extensions.Logging;

namespace ImapConcentrator.Modules.Mail.Checking;

/// <summary>Calls every listener; one that throws is logged and never stops the others nor the checking.</summary>
internal sealed partial class MailListeners(
    IEnumerable<INewMailListener> newMail,
    IEnumerable<IMailboxStateListener> states,
    MailMetrics metrics,
    ILogger<MailListeners> logger)
{
    public async Task NewMailAsync(IReadOnlyList<StoredNotification> notifications, CancellationToken cancellationToken)
    {
        foreach (var notification in notifications)
        {
            var contract = notification.ToContract();
            foreach (var listener in newMail)
            {
                try
                {
                    await listener.OnNewMailAsync(contract, cancellationToken);
                }
#pragma warning disable CA1031 // a listener's failure must not stop the others
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    metrics.ListenerFailed();
                    LogListenerFailed(logger, ex, listener.GetType().Name, notification.Id);
                }
            }
        }
    }

    public async Task StateChangedAsync(Mailbox mailbox, MailboxState previous, CancellationToken cancellationToken)
    {
        var view = mailbox.ToView();
        foreach (var listener in states)
        {
            try
            {
                await listener.OnStateChangedAsync(view, previous, cancellationToken);
            }
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogListenerFailed(logger, ex, listener.GetType().Name, mailbox.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Listener {Listener} failed for {Id}")]
    private static partial void LogListenerFailed(ILogger logger, Exception ex, string listener, long id);
}
