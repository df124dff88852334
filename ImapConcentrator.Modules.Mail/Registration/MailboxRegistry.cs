using ImapConcentrator.Modules.Mail.Checking;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Idle;
using ImapConcentrator.Modules.Mail.Imap;
using ImapConcentrator.Modules.Mail.Persistence;
using ImapConcentrator.Modules.Mail.Scheduling;
using MailKit.Net.Imap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ImapConcentrator.Modules.Mail.Registration;

internal sealed partial class MailboxRegistry(
    MailDbContext db,
    NewMailboxValidator validator,
    LoginProbe probe,
    PasswordProtector passwords,
    ImapConnections connections,
    MailboxLocks locks,
    CheckScheduler scheduler,
    IdleWatchers watchers,
    NotificationWriter writer,
    MailListeners listeners,
    TimeProvider time,
    ILogger<MailboxRegistry> logger) : IMailboxRegistry
{
    public async Task<RegistrationResult> AddAsync(NewMailbox request, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return new RegistrationResult(null, RegistrationFailure.Invalid, "Invalid mailbox.",
                validation.ToDictionary().AsReadOnly());
        }

        var host = request.Host.Trim().ToLowerInvariant();
        // INBOX is case-insensitive in IMAP: "inbox" and "INBOX" are one folder and must not register twice.
        request = string.Equals(request.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? request with { Folder = "INBOX" } : request;
        var duplicate = await db.Mailboxes.AnyAsync(
            m => m.ChatId == request.ChatId && m.Host == host && m.Username == request.Username && m.Folder == request.Folder,
            cancellationToken);
        if (duplicate)
        {
            return Duplicate(request.Username, host, request.Folder);
        }

        var endpoint = new ImapEndpoint(host, request.Port, request.Security, request.Username);
        var login = await probe.TryAsync(endpoint, request.Password, request.Folder, cancellationToken);
        if (login.Failure is not null)
        {
            return RegistrationResult.Fail(login.Failure.Value, login.Reason!);
        }

        var mailbox = new Mailbox
        {
            ChatId = request.ChatId,
            Host = host,
            Port = request.Port,
            Security = request.Security,
            Username = request.Username,
            EncryptedPassword = passwords.Protect(request.Password),
            Folder = request.Folder,
            WebLinkTemplate = request.WebLinkTemplate,
            UidValidity = login.UidValidity,
            NextUid = login.NextUid,
            State = MailboxState.New,
            CreatedAt = time.GetUtcNow(),
        };
        db.Mailboxes.Add(mailbox);
        if (await SaveAndKeepConnectionAsync(mailbox, login.Client!, cancellationToken) is { } lostRace)
        {
            return lostRace;
        }

        await scheduler.StartAsync(mailbox.Id, TimeSpan.Zero, cancellationToken);
        watchers.Start(mailbox.Id);
        LogAdded(logger, mailbox.Id, mailbox.Account, mailbox.Folder, mailbox.UidValidity, mailbox.NextUid);
        return new RegistrationResult(mailbox.ToView());
    }

    public async Task<IReadOnlyList<MailboxView>> ListAsync(long? chatId, CancellationToken cancellationToken)
    {
        var query = db.Mailboxes.AsNoTracking();
        if (chatId is { } chat)
        {
            query = query.Where(m => m.ChatId == chat);
        }

        var mailboxes = await query.OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return mailboxes.Select(m => m.ToView()).ToList();
    }

    public async Task<MailboxView?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken))?.ToView();

    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await scheduler.StopAsync(id, cancellationToken);
        watchers.Stop(id);
        using var held = await locks.AcquireAsync(id, cancellationToken);
        var deleted = await db.Mailboxes.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        connections.Drop(id);
        if (deleted > 0)
        {
            LogRemoved(logger, id);
        }

        return deleted > 0;
    }

    public async Task<RegistrationResult> UpdateCredentialsAsync(long id, string username, string password, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(id, cancellationToken);
        var mailbox = await db.Mailboxes.FindAsync([id], cancellationToken);
        if (mailbox is null)
        {
            return RegistrationResult.Fail(RegistrationFailure.NotFound, $"No mailbox {id}.");
        }

        var request = new NewMailbox(mailbox.Host, mailbox.Port, mailbox.Security, username, password, mailbox.Folder);
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return new RegistrationResult(null, RegistrationFailure.Invalid, "Invalid credentials.", validation.ToDictionary().AsReadOnly());
        }

        var endpoint = new ImapEndpoint(mailbox.Host, mailbox.Port, mailbox.Security, username);
        var login = await probe.TryAsync(endpoint, password, mailbox.Folder, cancellationToken);
        if (login.Failure is not null)
        {
            return RegistrationResult.Fail(login.Failure.Value, login.Reason!);
        }

        var previous = mailbox.State;
        mailbox.Username = username;
        mailbox.EncryptedPassword = passwords.Protect(password);
        mailbox.State = MailboxState.Ok;
        mailbox.ConsecutiveFailures = 0;
        mailbox.LastError = null;
        if (await SaveAndKeepConnectionAsync(mailbox, login.Client!, cancellationToken) is { } clash)
        {
            return clash;
        }

        if (previous != mailbox.State)
        {
            await listeners.StateChangedAsync(mailbox, previous, cancellationToken);
        }

        // Mail that arrived while paused is still above the stored mark: the check now announces it.
        await scheduler.StartAsync(mailbox.Id, TimeSpan.Zero, cancellationToken);
        watchers.Start(mailbox.Id);
        return new RegistrationResult(mailbox.ToView());
    }

    public async Task<bool> SetWebLinkAsync(long id, string? linkTemplate, CancellationToken cancellationToken)
    {
        if (linkTemplate is not null && !WebLink.IsValid(linkTemplate))
        {
            return false;
        }

        var updated = await db.Mailboxes.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.WebLinkTemplate, linkTemplate), cancellationToken);
        return updated > 0;
    }

    public async Task<RefetchResult> RefetchAsync(long id, int count, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(id, cancellationToken);
        var mailbox = await db.Mailboxes.FindAsync([id], cancellationToken);
        if (mailbox is null)
        {
            return new RefetchResult(false, 0, $"No mailbox {id}.");
        }

        ImapClient client;
        try
        {
            client = await connections.GetAsync(mailbox, cancellationToken);
            var folder = await FolderReader.OpenAsync(client, mailbox.Folder, cancellationToken);
            mailbox.UidValidity = folder.UidValidity;
            mailbox.NextUid = await FolderReader.NextUidAsync(folder, cancellationToken);
            var newest = await FolderReader.FetchNewestAsync(folder, count, cancellationToken);
            var stored = await writer.ReplaceAsync(mailbox, newest, cancellationToken);
            await listeners.NewMailAsync(stored, cancellationToken);
            LogRefetched(logger, id, mailbox.UidValidity, mailbox.NextUid, stored.Count);
            return new RefetchResult(true, stored.Count);
        }
        catch (Exception ex) when (MailboxChecker.IsServerFault(ex) || ex is MailKit.Security.AuthenticationException)
        {
            connections.Drop(id);
            return new RefetchResult(true, 0, ex.Message);
        }
    }

    /// <summary>
    /// Saves the mailbox; the login probe's connection then becomes its kept connection (or is closed).
    /// Returns null when saved, or Duplicate when the unique index refused it (an identical registration won a race).
    /// </summary>
    private async Task<RegistrationResult?> SaveAndKeepConnectionAsync(Mailbox mailbox, ImapClient client, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            client.Dispose();
            return Duplicate(mailbox.Username, mailbox.Host, mailbox.Folder);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        connections.Keep(mailbox, client);
        return null;
    }

    private static RegistrationResult Duplicate(string username, string host, string folder) =>
        RegistrationResult.Fail(RegistrationFailure.Duplicate, $"{username}@{host} {folder} is registered already.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId} added: {Account} {Folder}, baseline UIDVALIDITY {UidValidity} next UID {NextUid}")]
    private static partial void LogAdded(ILogger logger, long mailboxId, string account, string folder, long uidValidity, long nextUid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId} removed")]
    private static partial void LogRemoved(ILogger logger, long mailboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId} refetched: baseline UIDVALIDITY {UidValidity} next UID {NextUid}, {Count} re-sent")]
    private static partial void LogRefetched(ILogger logger, long mailboxId, long uidValidity, long nextUid, int count);
}
