using ImapConcentrator.Modules.Mail.Persistence;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ImapConcentrator.Modules.Mail.Checking;

/// <summary>
/// Stores one batch of new messages and advances the mailbox's next UID in one transaction, so a crash
/// either keeps both or neither (and the unique key turns a re-fetch into a no-op).
/// </summary>
internal sealed class NotificationWriter(MailDbContext db, TimeProvider time)
{
    // On PostgreSQL, ids come from a sequence and concurrent transactions may commit out of id order;
    // a reader asking "after id N" could then skip a row that commits later. This lock serializes the
    // (short) insert transactions of all nodes so ids become visible in order.
    private const string OrderedIdsLock = "SELECT pg_advisory_xact_lock(4242001)";

    public async Task<IReadOnlyList<StoredNotification>> StoreAsync(
        Mailbox mailbox, IReadOnlyList<IMessageSummary> messages, long nextUid, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginInIdOrderAsync(cancellationToken);

        var rows = new List<StoredNotification>(messages.Count);
        if (messages.Count > 0)
        {
            var uids = messages.Select(m => (long)m.UniqueId.Id).ToList();
            var existing = await db.Notifications
                .Where(n => n.MailboxId == mailbox.Id && n.UidValidity == mailbox.UidValidity && uids.Contains(n.Uid))
                .Select(n => n.Uid)
                .ToListAsync(cancellationToken);
            var now = time.GetUtcNow();
            rows.AddRange(messages
                .Where(m => !existing.Contains(m.UniqueId.Id))
                .Select(m => MessageToNotification.Create(mailbox, m, now)));
            db.Notifications.AddRange(rows);
        }

        mailbox.NextUid = Math.Max(mailbox.NextUid, nextUid);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// Re-notifies messages: their old rows go and new ones (with new ids) take their place, in the same
    /// transaction as the mailbox's changed mark (a refetch's new baseline).
    /// </summary>
    public async Task<IReadOnlyList<StoredNotification>> ReplaceAsync(
        Mailbox mailbox, IReadOnlyList<IMessageSummary> messages, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginInIdOrderAsync(cancellationToken);

        var uids = messages.Select(m => (long)m.UniqueId.Id).ToList();
        await db.Notifications
            .Where(n => n.MailboxId == mailbox.Id && n.UidValidity == mailbox.UidValidity && uids.Contains(n.Uid))
            .ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow();
        var rows = messages.OrderBy(m => m.UniqueId.Id).Select(m => MessageToNotification.Create(mailbox, m, now)).ToList();
        db.Notifications.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>A transaction whose inserted ids become visible in id order (see <see cref="OrderedIdsLock"/>).</summary>
    private async Task<IDbContextTransaction> BeginInIdOrderAsync(CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(OrderedIdsLock, cancellationToken);
        }

        return transaction;
    }
}
