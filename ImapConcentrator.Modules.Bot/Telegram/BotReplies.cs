using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ImapConcentrator.Modules.Bot.Telegram;

/// <summary>
/// Answers to commands, sent while the webhook request is open: one try (and one more after a 429),
/// never throwing, so a failed answer never turns into a 5xx that makes Telegram resend the update.
/// </summary>
internal sealed partial class BotReplies(ITelegramBotClient bot, TimeProvider time, ILogger<BotReplies> logger)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public async Task SendAsync(long chatId, string html, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                await bot.SendMessage(chatId, html, ParseMode.Html, linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                    cancellationToken: cancellationToken);
                return;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429 && attempt == 0)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                await Task.Delay(wait < MaxWait ? wait : MaxWait, time, cancellationToken);
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException)
            {
                LogReplyFailed(logger, ex, chatId);
                return;
            }
        }
    }

    /// <summary>Deletes the user's message (the one carrying a password); a failure is logged, not thrown.</summary>
    public async Task DeleteAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await bot.DeleteMessage(chatId, messageId, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            LogDeleteFailed(logger, ex, chatId, messageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer chat {ChatId}")]
    private static partial void LogReplyFailed(ILogger logger, Exception ex, long chatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete message {MessageId} in chat {ChatId}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception ex, long chatId, int messageId);
}
