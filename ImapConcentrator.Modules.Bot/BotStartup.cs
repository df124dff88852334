using ImapConcentrator.Modules.Bot.Webhook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace ImapConcentrator.Modules.Bot;

/// <summary>Says once at start whether the bot is on; with Telegram:PublicUrl set, tells Telegram where the webhook is.</summary>
internal sealed partial class BotStartup(IOptions<TelegramOptions> options, IServiceProvider services, ILogger<BotStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var telegram = options.Value;
        if (!telegram.Enabled)
        {
            LogBotOff(logger);
            return;
        }

        if (string.IsNullOrEmpty(telegram.PublicUrl))
        {
            LogNoPublicUrl(logger);
            return;
        }

        var url = telegram.PublicUrl.TrimEnd('/') + WebhookEndpoint.Path;
        try
        {
            await services.GetRequiredService<ITelegramBotClient>().SetWebhook(url, allowedUpdates: [UpdateType.Message],
                secretToken: telegram.WebhookSecret, cancellationToken: cancellationToken);
            LogWebhookSet(logger, url);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            // Not fatal: the REST API and the hub work without Telegram; the next start tries again.
            LogWebhookFailed(logger, ex, url);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot is off: Telegram:BotToken is empty. The hub and the REST API work without it.")]
    private static partial void LogBotOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot is on; Telegram:PublicUrl is empty, so the webhook is left as it is.")]
    private static partial void LogNoPublicUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram webhook set to {Url}")]
    private static partial void LogWebhookSet(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not set the Telegram webhook to {Url}")]
    private static partial void LogWebhookFailed(ILogger logger, Exception ex, string url);
}
