using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ImapConcentrator.Modules.Bot.Telegram;

/// <summary>
/// Sends one HTML message and keeps trying until Telegram accepts it: paced by <see cref="SendPacer"/>,
/// 429 waits the retry_after Telegram asked for, network and 5xx errors back off (capped).
/// Returns false only when Telegram refuses the message for good (e.g. the bot was blocked).
/// </summary>
internal sealed partial class TelegramSender(ITelegramBotClient bot, SendPacer pacer, TimeProvider time, ILogger<TelegramSender> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    public async Task<bool> SendAsync(long chatId, string html, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            await pacer.WaitAsync(chatId, cancellationToken);
            TimeSpan wait;
            try
            {
                await bot.SendMessage(chatId, html, ParseMode.Html, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                    cancellationToken: cancellationToken);
                return true;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                pacer.Hold(chatId, wait);
                LogRateLimited(logger, chatId, wait.TotalSeconds);
                continue;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode >= 500 || ex.ErrorCode is 401 or 404)
            {
                // 5xx: Telegram's trouble; 401/404: our token or Telegram:ApiBaseUrl is wrong. Neither is this
                // message's fault, so it is retried (with backoff) rather than skipped.
                wait = backoff;
                LogRetrying(logger, ex, chatId, wait.TotalSeconds);
            }
            catch (ApiRequestException ex)
            {
                LogRefused(logger, chatId, ex.ErrorCode, ex.Message);
                return false;
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                wait = backoff;
                LogRetrying(logger, ex, chatId, wait.TotalSeconds);
            }

            await Task.Delay(wait, time, cancellationToken);
            backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram asked to slow down for chat {ChatId}: retrying after {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, long chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending into chat {ChatId} failed; retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, Exception ex, long chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram refused a message into chat {ChatId} ({Code}: {Reason}); skipping it")]
    private static partial void LogRefused(ILogger logger, long chatId, int code, string reason);
}
