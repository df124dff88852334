using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Persistence;
using ImapConcentrator.Modules.Mail.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImapConcentrator.Tests.Mail;

[Collection(ServersCollection.Name)]
public sealed class ModuleBehaviourTests(Servers servers)
{
    [Fact]
    public async Task A_throwing_listener_stops_neither_the_others_nor_the_checking()
    {
        var recorder = new RecordingListener();
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        app.TestServices = s =>
        {
            s.AddSingleton<INewMailListener, ThrowingListener>();
            s.AddSingleton<INewMailListener>(recorder);
        };
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("one"));
        await Eventually.UntilAsync(() => recorder.Received.Count == 1, "the recording listener got the first message");
        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("two"));
        await Eventually.UntilAsync(() => recorder.Received.Count == 2, "the recording listener got the second message");
        Assert.Equal(["one", "two"], recorder.Received.Select(n => n.Subject));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Listener ThrowingListener failed", StringComparison.Ordinal));
        Assert.Equal(MailboxState.Ok, (await MailApi.MailboxAsync(app, mailbox.Id)).State);
    }

    [Fact]
    public async Task Metrics_count_checks_and_new_messages()
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        _ = app.Services; // build the host so its meter factory exists
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == "ImapConcentrator.Mail")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => totals.AddOrUpdate(i.Name, v, (_, old) => old + v));
        listener.SetMeasurementEventCallback<double>((i, _, _, _) => totals.AddOrUpdate(i.Name, 1, (_, old) => old + 1));
        listener.Start();

        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);
        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("counted 1"), DovecotServer.Message("counted 2"));
        await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 2);
        Assert.Equal(2, totals.GetValueOrDefault("imap_new_messages"));
        Assert.True(totals.GetValueOrDefault("imap_checks") >= 2);
        Assert.True(totals.GetValueOrDefault("imap_check_duration") >= 2);
    }

    [Fact]
    public async Task Retention_deletes_only_notifications_older_than_the_setting()
    {
        await using var app = AppHost.Sqlite(extra: new Dictionary<string, string?> { ["Mail:NotificationRetention"] = "2.00:00:00" });
        _ = app.Services;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Notifications.AddRange(
            Row(1, now - TimeSpan.FromDays(3)),
            Row(2, now - TimeSpan.FromDays(1)),
            Row(3, now));
        await db.SaveChangesAsync();

        var job = ActivatorUtilities.CreateInstance<RetentionJob>(scope.ServiceProvider);
        await job.Execute(null!, CancellationToken.None);

        Assert.Equal([2L, 3L], await db.Notifications.AsNoTracking().OrderBy(n => n.Uid).Select(n => n.Uid).ToListAsync());
    }

    private static StoredNotification Row(long uid, DateTimeOffset createdAt) => new()
    {
        MailboxId = 1, Account = "a@b", Folder = "INBOX", UidValidity = 1, Uid = uid, From = "", Subject = "", Preview = "",
        Date = createdAt, CreatedAt = createdAt,
    };

    private sealed class ThrowingListener : INewMailListener
    {
        public ValueTask OnNewMailAsync(MailNotification notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("broken subscriber");
    }

    private sealed class RecordingListener : INewMailListener
    {
        private readonly ConcurrentQueue<MailNotification> received = new();

        public List<MailNotification> Received => received.ToList();

        public ValueTask OnNewMailAsync(MailNotification notification, CancellationToken cancellationToken)
        {
            received.Enqueue(notification);
            return ValueTask.CompletedTask;
        }
    }
}
