using System.Diagnostics;
using System.Net.Sockets;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Imap;
using ImapConcentrator.Modules.Mail.Persistence;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging;

namespace ImapConcentrator.Modules.Mail.Checking;

/// <summary>
/// One check of one mailbox (DESIGN.md section 4): new mail is decided by UID against the stored
/// (UIDVALIDITY, next UID) mark, never by message count, so deleting old mail cannot hide new mail.
/// </summary>
internal sealed partial class MailboxChecker(
    MailDbContext db,
    ImapConnections connections,
    MailboxLocks locks,
    NotificationWriter writer,
    MailListeners listeners,
    MailMetrics metrics,
    TimeProvider time,
    ILogger<MailboxChecker> logger)
{
    public async Task<CheckOutcome> CheckAsync(long mailboxId, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(mailboxId, cancellationToken);
        var mailbox = await db.Mailboxes.FindAsync([mailboxId], cancellationToken);
        if (mailbox is null)
        {
            return new CheckOutcome(CheckResult.Gone);
        }

        if (mailbox.State == MailboxState.AuthFailed)
        {
            return new CheckOutcome(CheckResult.Paused);
        }

        var previous = mailbox.State;
        var started = Stopwatch.GetTimestamp();
        CheckOutcome outcome;
        try
        {
            var (client, reused) = await connections.GetOrReuseAsync(mailbox, cancellationToken);
            try
            {
                await ReadNewMailAsync(client, mailbox, cancellationToken);
            }
            catch (Exception ex) when (reused && IsBrokenConnection(ex) && !cancellationToken.IsCancellationRequested)
            {
                // A kept-open connection can die silently (server restart, NAT timeout): one retry on a fresh one.
                connections.Drop(mailbox.Id);
                client = await connections.GetAsync(mailbox, cancellationToken);
                await ReadNewMailAsync(client, mailbox, cancellationToken);
            }

            mailbox.State = MailboxState.Ok;
            mailbox.ConsecutiveFailures = 0;
            mailbox.LastError = null;
            outcome = new CheckOutcome(CheckResult.Ok);
        }
        catch (AuthenticationException ex)
        {
            connections.Drop(mailbox.Id);
            metrics.Failed("auth");
            mailbox.State = MailboxState.AuthFailed;
            mailbox.LastError = Truncate($"Login refused: {ex.Message} Update the mailbox's credentials to resume.");
            LogAuthFailed(logger, mailbox.Id, ex.Message);
            outcome = new CheckOutcome(CheckResult.Paused);
        }
        catch (Exception ex) when (IsServerFault(ex) && !cancellationToken.IsCancellationRequested)
        {
            connections.Drop(mailbox.Id);
            var kind = ex is ImapProtocolException or ImapCommandException or FolderNotFoundException ? "protocol" : "network";
            metrics.Failed(kind);
            mailbox.State = MailboxState.Failing;
            mailbox.ConsecutiveFailures++;
            mailbox.LastError = Truncate(ex.Message);
            LogFailed(logger, mailbox.Id, mailbox.ConsecutiveFailures, kind, ex.Message);
            outcome = new CheckOutcome(CheckResult.Failed, mailbox.ConsecutiveFailures);
        }

        mailbox.LastCheckedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        metrics.Checked(Stopwatch.GetElapsedTime(started));
        if (mailbox.State != previous)
        {
            await listeners.StateChangedAsync(mailbox, previous, cancellationToken);
        }

        return outcome;
    }

    private async Task ReadNewMailAsync(ImapClient client, Mailbox mailbox, CancellationToken cancellationToken)
    {
        var folder = await FolderReader.OpenAsync(client, mailbox.Folder, cancellationToken);
        if (folder.UidValidity != mailbox.UidValidity)
        {
            // UIDs of the old validity mean nothing now: start over from the server's state, announce nothing old.
            var next = await FolderReader.NextUidAsync(folder, cancellationToken);
            LogUidValidityChanged(logger, mailbox.Id, mailbox.UidValidity, folder.UidValidity, next);
            mailbox.UidValidity = folder.UidValidity;
            mailbox.NextUid = next;
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var uidNext = folder.UidNext?.Id;
        var found = 0;
        while (uidNext is null || mailbox.NextUid < uidNext)
        {
            var from = mailbox.NextUid;
            long? to = uidNext is { } n ? Math.Min(from + FolderReader.BatchSize - 1, n - 1L) : null;
            var messages = await FolderReader.FetchRangeAsync(folder, from, to, cancellationToken);
            LogFetched(logger, mailbox.Id, messages.Count, from, to);

            // Every UID below UIDNEXT is assigned already: one missing from the range was expunged and never comes back.
            var newNext = to is { } last ? last + 1 : messages.Count > 0 ? messages[^1].UniqueId.Id + 1L : from;
            var stored = await writer.StoreAsync(mailbox, messages, newNext, cancellationToken);
            found += stored.Count;
            metrics.NewMessages(stored.Count);
            await listeners.NewMailAsync(stored, cancellationToken);
            if (uidNext is null)
            {
                break;
            }
        }

        if (found > 0)
        {
            LogNewMail(logger, mailbox.Id, found);
        }
    }

    public static bool IsServerFault(Exception ex) =>
        ex is ImapProtocolException or ImapCommandException or FolderNotFoundException or IOException or SocketException
            or ImapConnectException or HostRefusedException or SslHandshakeException or TimeoutException
            or OperationCanceledException or ServiceNotConnectedException or ServiceNotAuthenticatedException;

    private static bool IsBrokenConnection(Exception ex) =>
        ex is IOException or SocketException or ImapProtocolException or ServiceNotConnectedException;

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mailbox {MailboxId}: fetched {Count} message(s) in UID {From}:{To}")]
    private static partial void LogFetched(ILogger logger, long mailboxId, int count, long from, long? to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId}: {Count} new message(s)")]
    private static partial void LogNewMail(ILogger logger, long mailboxId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {MailboxId}: UIDVALIDITY changed {Old} -> {New}; re-baselined at UID {Next}, nothing old announced")]
    private static partial void LogUidValidityChanged(ILogger logger, long mailboxId, long old, uint @new, long next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {MailboxId}: login refused ({Reason}); paused until its credentials are updated")]
    private static partial void LogAuthFailed(ILogger logger, long mailboxId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {MailboxId}: check failed ({Failures} in a row, {Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, long mailboxId, int failures, string kind, string reason);
}
