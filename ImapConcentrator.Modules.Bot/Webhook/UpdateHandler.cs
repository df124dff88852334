using ImapConcentrator.Modules.Bot.Commands;
using ImapConcentrator.Modules.Bot.Telegram;
using Microsoft.Extensions.Logging;
using Telegram.Bot.Types;

namespace ImapConcentrator.Modules.Bot.Webhook;

/// <summary>One update, once: commands run, their errors are answered in the chat and never escape.</summary>
internal sealed partial class UpdateHandler(UpdateLog log, CommandRouter router, BotReplies replies, ILogger<UpdateHandler> logger)
{
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        try
        {
            if (!await log.FirstTimeAsync(update.Id, cancellationToken))
            {
                LogDuplicate(logger, update.Id);
                return;
            }
        }
#pragma warning disable CA1031 // answering 200 matters more than a lost dedup record
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, update.Id);
            return;
        }

        if (update.Message is not { Text: { } text, From: { } from } message)
        {
            return;
        }

        try
        {
            await router.RunAsync(new IncomingMessage(message.Chat.Id, from.Id, message.MessageId, text,
                message.Chat.Title ?? message.Chat.Username ?? from.Username), cancellationToken);
        }
#pragma warning disable CA1031 // the chat gets the error; Telegram gets 200 and does not resend
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, update.Id);
            await replies.SendAsync(message.Chat.Id, "Sorry, something went wrong on my side. Please try again later.", cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Update {UpdateId} was already handled; ignoring the repeat")]
    private static partial void LogDuplicate(ILogger logger, long updateId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling update {UpdateId} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, long updateId);
}
