using FluentValidation;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Bot.Tokens;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Bot.Commands;

/// <summary><c>/token</c>: a new chat token, shown once; storing its hash replaces (revokes) the previous one.</summary>
internal sealed class TokenCommand(BotDbContext db) : IBotCommand
{
    private static readonly ArgCountValidator Args = new(0, 0);

    public string Name => "token";
    public string Usage => "/token";
    public bool NeedsChat => true;
    public IValidator<CommandArgs> Validator => Args;

    public async Task<string> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var token = ChatTokens.NewToken();
        var hash = ChatTokens.Hash(token);
        await db.Chats.Where(c => c.Id == context.ChatId).ExecuteUpdateAsync(s => s.SetProperty(c => c.TokenHash, hash), cancellationToken);
        return $"🔑 Your chat token (shown only now; the previous one stopped working):\n<code>{token}</code>\n\n"
               + "Use it as <code>Authorization: Bearer …</code> or <code>access_token=…</code> for the live feed and /api/notifications.";
    }
}
