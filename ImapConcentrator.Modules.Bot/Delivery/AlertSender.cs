using ImapConcentrator.Modules.Bot.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Bot.Delivery;

/// <summary>Sends queued mailbox alerts with the same pacing and retries as mail delivery.</summary>
internal sealed class AlertSender(AlertQueue queue, IServiceProvider services, IOptions<TelegramOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var sender = services.GetRequiredService<TelegramSender>();
        try
        {
            await foreach (var (chatId, html) in queue.ReadAllAsync(stoppingToken))
            {
                await sender.SendAsync(chatId, html, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
