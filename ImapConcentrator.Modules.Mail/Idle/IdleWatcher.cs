using ImapConcentrator.Modules.Mail.Checking;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Imap;
using ImapConcentrator.Modules.Mail.Persistence;
using ImapConcentrator.Modules.Mail.Scheduling;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImapConcentrator.Modules.Mail.Idle;

/// <summary>
/// One mailbox's push connection: a second IMAP connection that sits in IDLE on the folder. Any EXISTS
/// (or expunge) runs the ordinary check at once, so detection, storage and delivery stay one path.
/// IDLE is re-issued every 9 minutes (servers drop it after 30); a broken connection is reopened with
/// backoff, and every (re)connect runs a check so nothing that arrived meanwhile waits for the next poll.
/// </summary>
internal sealed partial class IdleWatcher(
    long mailboxId,
    IServiceScopeFactory scopes,
    ImapConnector connector,
    PasswordProtector passwords,
    CheckScheduler scheduler,
    ILogger logger)
{
    public static readonly TimeSpan IdlePeriod = TimeSpan.FromMinutes(9);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);
    private volatile bool watching;

    /// <summary>True while the IDLE connection is up.</summary>
    public bool Watching => watching;

    public async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            ImapClient? client = null;
            try
            {
                var mailbox = await LoadAsync(stop);
                if (mailbox is null || mailbox.State == MailboxState.AuthFailed)
                {
                    return;
                }

                client = await connector.ConnectAsync(ImapConnections.EndpointOf(mailbox), passwords.Unprotect(mailbox.EncryptedPassword), stop);
                if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
                {
                    LogNoIdle(logger, mailboxId);
                    return;
                }

                var folder = await FolderReader.OpenAsync(client, mailbox.Folder, stop);
                watching = true;
                failures = 0;
                await CheckAsync(stop);
                await IdleLoopAsync(client, folder, stop);
            }
#pragma warning disable CA1031 // whatever broke (server, network, database), the watcher must come back
            catch (Exception ex) when (!stop.IsCancellationRequested)
#pragma warning restore CA1031
            {
                var wasWatching = watching;
                watching = false;
                failures++;
                LogIdleLost(logger, mailboxId, failures, ex.Message);
                if (wasWatching)
                {
                    // Fall back to polling until push is back.
                    await scheduler.ContinueAsync(mailboxId, scheduler.NextInterval(), stop);
                }

                await Task.Delay(ReconnectDelay(failures), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                watching = false;
                client?.Dispose();
            }
        }
    }

    private async Task IdleLoopAsync(ImapClient client, IMailFolder folder, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var changed = 0;
            using var done = new CancellationTokenSource(IdlePeriod);
            void OnChange(object? sender, EventArgs e)
            {
                Interlocked.Exchange(ref changed, 1);
                done.Cancel();
            }

            folder.CountChanged += OnChange;
            try
            {
                await client.IdleAsync(done.Token, stop);
            }
            finally
            {
                folder.CountChanged -= OnChange;
            }

            if (changed == 1)
            {
                await CheckAsync(stop);
            }
        }
    }

    private async Task CheckAsync(CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<MailboxChecker>().CheckAsync(mailboxId, stop);
        if (outcome.Result == CheckResult.Failed)
        {
            await scheduler.ContinueAsync(mailboxId, scheduler.Backoff(outcome.Failures), stop);
        }
    }

    private async Task<Mailbox?> LoadAsync(CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDbContext>().Mailboxes.FindAsync([mailboxId], stop);
    }

    private static TimeSpan ReconnectDelay(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxReconnectDelay.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures - 1, 10))))
        * (0.5 + (Random.Shared.NextDouble() * 0.5));

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {MailboxId}: the server does not offer IDLE; polling it")]
    private static partial void LogNoIdle(ILogger logger, long mailboxId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {MailboxId}: IDLE connection lost ({Failures} in a row): {Reason}; reconnecting, polling meanwhile")]
    private static partial void LogIdleLost(ILogger logger, long mailboxId, int failures, string reason);
}
