using System.Threading.Channels;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace ImapConcentrator.Web.Realtime;

/// <summary>
/// The hub's <see cref="INewMailListener"/>: it only queues, so a slow or broken hub never delays a mail check;
/// a background loop pushes to group <c>all</c> and to <c>chat:{id}</c>. If the queue ever overflows, the
/// notification is still stored and clients get it from <c>GetNotificationsSince</c>.
/// </summary>
internal sealed partial class HubNotifier(
    IHubContext<NotificationsHub, INotificationsClient> hub,
    RealtimeMetrics metrics,
    ILogger<HubNotifier> logger) : BackgroundService, INewMailListener
{
    private readonly Channel<MailNotification> queue = Channel.CreateBounded<MailNotification>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask OnNewMailAsync(MailNotification notification, CancellationToken cancellationToken)
    {
        if (!queue.Writer.TryWrite(notification))
        {
            metrics.Dropped();
            LogDropped(logger, notification.Id);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var notification in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.Group(NotificationsHub.AllGroup).NewMail(notification);
                if (notification.ChatId is { } chatId)
                {
                    await hub.Clients.Group(NotificationsHub.ChatGroup(chatId)).NewMail(notification);
                }

                metrics.Pushed();
            }
#pragma warning disable CA1031 // one failed push must not stop the loop; the notification stays fetchable
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPushFailed(logger, ex, notification.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub queue full: notification {Id} not pushed (clients still get it from GetNotificationsSince)")]
    private static partial void LogDropped(ILogger logger, long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pushing notification {Id} failed")]
    private static partial void LogPushFailed(ILogger logger, Exception ex, long id);
}
