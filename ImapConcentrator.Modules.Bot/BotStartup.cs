using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Bot;

/// <summary>Says once at start whether the bot is on.</summary>
internal sealed partial class BotStartup(IOptions<TelegramOptions> options, ILogger<BotStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogBotOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot is off: Telegram:BotToken is empty. The hub and the REST API work without it.")]
    private static partial void LogBotOff(ILogger logger);
}
