using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Bot.Tokens;

/// <summary>
/// A chat token → its chat. The lookup is by hash, so timing shows nothing about stored tokens; a token
/// replaced by /token no longer matches anything.
/// </summary>
internal sealed class ChatTokenResolver(BotDbContext db) : IChatTokenResolver
{
    public async Task<long?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > ChatTokens.MaxLength)
        {
            return null;
        }

        var hash = ChatTokens.Hash(token);
        return await db.Chats.AsNoTracking().Where(c => c.TokenHash == hash).Select(c => (long?)c.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
