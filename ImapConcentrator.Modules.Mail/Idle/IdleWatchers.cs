using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ImapConcentrator.Modules.Mail.Imap;
using ImapConcentrator.Modules.Mail.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Mail.Idle;

/// <summary>Starts, stops and reports the IDLE watcher of each mailbox (when <c>Mail:Idle</c> is on).</summary>
internal sealed class IdleWatchers : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<long, Running> running = new();
    private readonly IServiceScopeFactory scopes;
    private readonly ImapConnector connector;
    private readonly PasswordProtector passwords;
    private readonly CheckScheduler scheduler;
    private readonly IOptionsMonitor<MailOptions> options;
    private readonly ILogger<IdleWatcher> logger;
    private readonly CancellationTokenSource stopping = new();
    private volatile bool disposed;

    public IdleWatchers(
        IServiceScopeFactory scopes, ImapConnector connector, PasswordProtector passwords, CheckScheduler scheduler,
        IOptionsMonitor<MailOptions> options, IMeterFactory meters, ILogger<IdleWatcher> logger)
    {
        this.scopes = scopes;
        this.connector = connector;
        this.passwords = passwords;
        this.scheduler = scheduler;
        this.options = options;
        this.logger = logger;
        meters.Create(MailMetrics.MeterName).CreateObservableGauge("imap_idle_watching", () => WatchingCount,
            description: "Mailboxes with an IDLE connection up");
    }

    public bool Enabled => options.CurrentValue.Idle;

    public int WatchingCount => running.Values.Count(r => r.Watcher.Watching);

    public bool IsWatching(long mailboxId) => running.TryGetValue(mailboxId, out var r) && r.Watcher.Watching;

    public void Start(long mailboxId)
    {
        if (!Enabled || disposed)
        {
            return;
        }

        var entry = new Running(
            new IdleWatcher(mailboxId, scopes, connector, passwords, scheduler, logger),
            CancellationTokenSource.CreateLinkedTokenSource(stopping.Token));
        lock (running)
        {
            // One watcher per mailbox even when two starts race (start-up and a credentials update).
            Stop(mailboxId);
            running[mailboxId] = entry;
        }

        entry.Task = Task.Run(async () =>
        {
            try
            {
                await entry.Watcher.RunAsync(entry.Cancel.Token);
            }
            finally
            {
                // Only this entry: a newer watcher of the same mailbox may have replaced it.
                running.TryRemove(KeyValuePair.Create(mailboxId, entry));
                entry.Cancel.Dispose();
            }
        }, CancellationToken.None);
    }

    public void Stop(long mailboxId)
    {
        if (running.TryRemove(mailboxId, out var r))
        {
            try
            {
                r.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // it had ended by itself
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Cancel();
        var tasks = running.Values.Select(r => r.Task).ToArray();
        await Task.WhenAll(tasks).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    // The host can be stopped again after the container disposed this (RunAsync disposes, then a test host
    // stops): so the source is only ever cancelled, never disposed, and both paths are safe in any order.
    public void Dispose() => Cancel();

    private void Cancel()
    {
        disposed = true;
        stopping.Cancel();
    }

    private sealed class Running(IdleWatcher watcher, CancellationTokenSource cancel)
    {
        public IdleWatcher Watcher { get; } = watcher;
        public CancellationTokenSource Cancel { get; } = cancel;
        public Task Task { get; set; } = Task.CompletedTask;
    }
}
