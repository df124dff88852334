using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Mail.Api;

internal sealed class NotificationFeed(MailDbContext db) : INotificationFeed
{
    public const int MaxLimit = 1000;

    public async Task<IReadOnlyList<MailNotification>> GetSinceAsync(long afterId, int limit, long? chatId, CancellationToken cancellationToken)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.Id > afterId);
        if (chatId is { } chat)
        {
            query = query.Where(n => n.ChatId == chat);
        }

        var rows = await query.OrderBy(n => n.Id).Take(Math.Clamp(limit, 1, MaxLimit)).ToListAsync(cancellationToken);
        return rows.Select(n => n.ToContract()).ToList();
    }
}
