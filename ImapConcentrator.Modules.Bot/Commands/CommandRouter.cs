using System.Net;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Bot.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary>Checks who is asking, finds the command, validates its arguments, runs it and sends its answer.</summary>
internal sealed class CommandRouter(
    IEnumerable<IBotCommand> commands,
    BotDbContext db,
    BotReplies replies,
    IOptions<TelegramOptions> options)
{
    public async Task RunAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var parsed = CommandLine.Parse(message.Text);
        if (parsed?.Name == AddCommand.CommandName)
        {
            // The message carries a password: gone before anything else happens, whatever comes next.
            await replies.DeleteAsync(message.ChatId, message.MessageId, cancellationToken);
        }

        var answer = await AnswerAsync(message, parsed, cancellationToken);
        await replies.SendAsync(message.ChatId, answer, cancellationToken);
    }

    private async Task<string> AnswerAsync(IncomingMessage message, (string Name, CommandArgs Args)? parsed, CancellationToken cancellationToken)
    {
        var allowed = options.Value.AllowedUserIds;
        if (allowed.Count > 0 && !allowed.Contains(message.UserId))
        {
            return "Sorry, this bot is private: your Telegram account is not on its list of users. Ask its operator to add your user id "
                   + $"<code>{message.UserId}</code>.";
        }

        if (parsed is not var (name, args) || commands.FirstOrDefault(c => c.Name == name) is not { } command)
        {
            return "I did not understand that. /help lists what I can do.";
        }

        if (!(await command.Validator.ValidateAsync(args, cancellationToken)).IsValid)
        {
            return "Usage: " + WebUtility.HtmlEncode(command.Usage);
        }

        if (command.NeedsChat && !await db.Chats.AnyAsync(c => c.Id == message.ChatId, cancellationToken))
        {
            return "Please send /start first.";
        }

        return await command.ExecuteAsync(new CommandContext(message.ChatId, message.Title, args), cancellationToken);
    }
}
