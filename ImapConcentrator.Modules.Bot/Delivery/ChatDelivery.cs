using System.Collections.Concurrent;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Bot.Telegram;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Bot.Delivery;

/// <summary>
/// Delivers stored notifications into chats with /notify on. Each such chat has one worker that reads the feed after
/// the chat's cursor (<see cref="Chat.DeliveredThrough"/>) in id order, sends one message at a time and advances the
/// cursor after Telegram accepted it. Nothing is lost across restarts (the cursor and the notifications are stored);
/// a message is sent twice only if the process dies between Telegram's answer and the cursor update, or if a send
/// timed out after Telegram had in fact delivered it (it is retried; the Bot API offers no idempotency key).
/// </summary>
internal sealed partial class ChatDelivery(
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    IOptions<TelegramOptions> options,
    ILogger<ChatDelivery> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan SafetyInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, Task> workers = new();
    private long passes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Interlocked.Increment(ref passes);
                await StartWorkersAsync(stoppingToken);
                await signal.WaitAsync(SafetyInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // the loop must outlive a database hiccup
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, ex);
                await Task.Delay(SafetyInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await Task.WhenAll(workers.Values).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task StartWorkersAsync(CancellationToken cancellationToken)
    {
        List<long> chats;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
            chats = await db.Chats.Where(c => c.NotifyInChat).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        foreach (var chatId in chats)
        {
            if (workers.TryGetValue(chatId, out var running) && !running.IsCompleted)
            {
                continue;
            }

            var worker = Task.Run(() => RunWorkerAsync(chatId, cancellationToken), cancellationToken);
            workers[chatId] = worker;
            // A wake that came while the worker was finishing would otherwise wait for the safety interval.
            _ = worker.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully && t.Result)
                {
                    signal.Wake();
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Returns true when another pass began while it ran (it may have missed that pass's news).</summary>
    private async Task<bool> RunWorkerAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var seen = Interlocked.Read(ref passes);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
                var cursor = await db.Chats.Where(c => c.Id == chatId && c.NotifyInChat)
                    .Select(c => (long?)c.DeliveredThrough).FirstOrDefaultAsync(cancellationToken);
                if (cursor is null)
                {
                    return false;
                }

                var feed = scope.ServiceProvider.GetRequiredService<INotificationFeed>();
                var batch = await feed.GetSinceAsync(cursor.Value, BatchSize, chatId, cancellationToken);
                if (batch.Count == 0)
                {
                    return Interlocked.Read(ref passes) != seen;
                }

                var sender = scope.ServiceProvider.GetRequiredService<TelegramSender>();
                foreach (var notification in batch)
                {
                    var sent = await sender.SendAsync(chatId, NotificationMessage.Format(notification), cancellationToken);
                    var advanced = await db.Chats
                        .Where(c => c.Id == chatId && c.NotifyInChat && c.DeliveredThrough < notification.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveredThrough, notification.Id), CancellationToken.None);
                    if (sent)
                    {
                        LogDelivered(logger, notification.Id, chatId);
                    }

                    if (advanced == 0)
                    {
                        return false; // /notify off (or the cursor moved on) meanwhile
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
#pragma warning disable CA1031 // a failing worker is retried by the next pass
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWorkerFailed(logger, ex, chatId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivered notification {Id} into chat {ChatId}")]
    private static partial void LogDelivered(ILogger logger, long id, long chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery into chat {ChatId} failed; the next pass retries")]
    private static partial void LogWorkerFailed(ILogger logger, Exception ex, long chatId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A delivery pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
