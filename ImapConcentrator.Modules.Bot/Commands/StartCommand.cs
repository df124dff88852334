using FluentValidation;
using ImapConcentrator.Modules.Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary><c>/start</c>: registers the chat (again: harmless). Telegram may add a deep-link word.</summary>
internal sealed class StartCommand(BotDbContext db, TimeProvider time) : IBotCommand
{
    private static readonly ArgCountValidator Args = new(0, 1);

    public string Name => "start";
    public string Usage => "/start";
    public bool NeedsChat => false;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var chat = await db.Chats.FirstOrDefaultAsync(c => c.Id == context.ChatId, cancellationToken);
        if (chat is null)
        {
            db.Chats.Add(new Chat { Id = context.ChatId, Title = Cut(context.Title), CreatedAt = time.GetUtcNow() });
        }
        else
        {
            chat.Title = Cut(context.Title);
        }

        await db.SaveChangesAsync(cancellationToken);
        return "Hello! I watch IMAP mailboxes and tell you about new mail.\n\n" + HelpText.Commands;
    }

    private static string? Cut(string? title) => title is { Length: > 300 } ? title[..300] : title;
}
