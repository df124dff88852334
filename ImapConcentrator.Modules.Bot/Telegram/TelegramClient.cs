using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ImapConcentrator.Modules.Bot.Telegram;

internal static class TelegramClient
{
    public const string HttpClientName = "telegram";

    /// <summary>Telegram.Bot pointed at Telegram:ApiBaseUrl; it never retries by itself, <see cref="TelegramSender"/> does.</summary>
    public static IServiceCollection AddTelegramClient(this IServiceCollection services)
    {
        // The request URI carries the bot token (/bot{token}/method): HttpClient's own logging would write it out.
        services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var clientOptions = new TelegramBotClientOptions(options.BotToken, options.ApiBaseUrl.TrimEnd('/')) { RetryCount = 0 };
            return new TelegramBotClient(clientOptions, http);
        });
        return services;
    }
}
