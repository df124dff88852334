using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Modules.Bot.Delivery;

/// <summary>
/// New mail only wakes <see cref="ChatDelivery"/>: the notification is already stored, and each chat's
/// cursor says what was delivered, so the queue is durable without a copy of its own.
/// </summary>
internal sealed class ChatDeliveryListener(DeliverySignal signal) : INewMailListener
{
    public ValueTask OnNewMailAsync(MailNotification notification, CancellationToken cancellationToken)
    {
        if (notification.ChatId is not null)
        {
            signal.Wake();
        }

        return ValueTask.CompletedTask;
    }
}
