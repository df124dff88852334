using System.Globalization;
using System.Threading.Channels;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Bot.Delivery;

/// <summary>
/// Tells the owning chat when its mailbox stops working. Mail calls this once per state change, not per check,
/// so the chat hears of an AuthFailed or Failing mailbox once, again only after it recovered and broke again.
/// </summary>
internal sealed class MailboxStateAlerts(AlertQueue queue, IOptions<TelegramOptions> options) : IMailboxStateListener
{
    public ValueTask OnStateChangedAsync(MailboxView mailbox, MailboxState previous, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || mailbox.ChatId is not { } chatId || mailbox.State == previous)
        {
            return ValueTask.CompletedTask;
        }

        var id = mailbox.Id.ToString(CultureInfo.InvariantCulture);
        var name = Html.Escape($"{mailbox.Username}@{mailbox.Host}") + " · " + Html.Escape(mailbox.Folder);
        var why = string.IsNullOrEmpty(mailbox.LastError) ? string.Empty : "\n" + Html.EscapeWithin(mailbox.LastError, 1000);
        string? text = mailbox.State switch
        {
            MailboxState.AuthFailed =>
                $"⚠️ Mailbox <b>#{id}</b> ({name}): the server refused the login, so checking is paused.{why}\nRemove it with /remove {id} and /add it again with the right password.",
            MailboxState.Failing =>
                $"⚠️ Mailbox <b>#{id}</b> ({name}) cannot be checked right now; I keep retrying and will not repeat this message.{why}",
            _ => null,
        };
        if (text is not null)
        {
            queue.Enqueue(chatId, text);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Alerts waiting to be sent (in memory: a lost alert is repeated by the next state change).</summary>
internal sealed class AlertQueue
{
    private readonly Channel<(long ChatId, string Html)> channel = Channel.CreateBounded<(long, string)>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    public void Enqueue(long chatId, string html) => channel.Writer.TryWrite((chatId, html));

    public IAsyncEnumerable<(long ChatId, string Html)> ReadAllAsync(CancellationToken cancellationToken) =>
        channel.Reader.ReadAllAsync(cancellationToken);
}
