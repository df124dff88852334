using ImapConcentrator.Modules.Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Bot.Webhook;

/// <summary>Recent update_ids, stored: an update Telegram delivers twice (even across a restart) is handled once.</summary>
internal sealed class UpdateLog(BotDbContext db, TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(2);
    private static int calls;

    /// <summary>Records the update; false when it was seen before.</summary>
    public async Task<bool> FirstTimeAsync(long updateId, CancellationToken cancellationToken)
    {
        if (await db.ProcessedUpdates.AnyAsync(u => u.UpdateId == updateId, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        db.ProcessedUpdates.Add(new ProcessedUpdate { UpdateId = updateId, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false; // the same update arrived twice at once; the other request handles it
        }

        if (Interlocked.Increment(ref calls) % 500 == 1)
        {
            var before = now - Keep;
            await db.ProcessedUpdates.Where(u => u.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
        }

        return true;
    }
}
