using ImapConcentrator.Modules.Mail.Idle;
using ImapConcentrator.Tests.Mail;
using ImapConcentrator.Tests.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace ImapConcentrator.Tests.Idle;

/// <summary>Issue 6: push with IMAP IDLE against a real Dovecot, and the fall-backs to polling.</summary>
public sealed class IdleTests
{
    // Polls so rare that only push can explain a prompt notification.
    private static readonly Dictionary<string, string?> PushOnly = new()
    {
        ["Mail:PollInterval"] = "01:00:00",
        ["Mail:SafetyCheckInterval"] = "01:00:00",
    };

    [Fact]
    public async Task New_mail_in_an_idle_watched_mailbox_reaches_a_hub_client_without_waiting_for_a_poll()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AddUserAsync("gina", "pw");
        await using var app = AppHost.Sqlite(extra: PushOnly);
        var address = app.StartOnKestrel();
        await using var client = await HubClient.ConnectAsync(address, AppHost.WhitelistKey);
        var mailbox = await MailApi.RegisterAsync(app, dovecot, "gina", "pw");
        var watchers = app.Services.GetRequiredService<IdleWatchers>();
        await Eventually.UntilAsync(() => watchers.IsWatching(mailbox.Id), "the mailbox is IDLE-watched");

        for (var i = 1; i <= 3; i++)
        {
            await dovecot.AppendAsync("gina", DovecotServer.Message($"pushed {i}"));
            await Eventually.UntilAsync(() => client.Received.Count == i, $"push {i} arrived", TimeSpan.FromSeconds(10));
        }

        Assert.Equal(["pushed 1", "pushed 2", "pushed 3"], client.Received.Select(n => n.Subject));
    }

    [Fact]
    public async Task A_killed_idle_connection_is_noticed_and_reopened_and_mail_from_meanwhile_is_notified_once()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AddUserAsync("hank", "pw");
        await using var app = AppHost.Sqlite(extra: PushOnly);
        var mailbox = await MailApi.RegisterAsync(app, dovecot, "hank", "pw");
        var watchers = app.Services.GetRequiredService<IdleWatchers>();
        await Eventually.UntilAsync(() => watchers.IsWatching(mailbox.Id), "the mailbox is IDLE-watched");

        await dovecot.StopAsync();
        await Eventually.UntilAsync(() => !watchers.IsWatching(mailbox.Id), "the lost IDLE connection is noticed");
        await dovecot.DeliverToMaildirAsync("hank", DovecotServer.Message("delivered while IMAP was down"));
        await dovecot.StartAgainAsync();

        await Eventually.UntilAsync(() => watchers.IsWatching(mailbox.Id), "the IDLE connection is back", TimeSpan.FromSeconds(30));
        var found = await MailApi.WaitForNotificationsAsync(app, mailbox.Id, 1);
        Assert.Equal("delivered while IMAP was down", found[0].Subject);

        await dovecot.AppendAsync("hank", DovecotServer.Message("pushed after the restart"));
        found = await MailApi.WaitForNotificationsAsync(app, mailbox.Id, 2);
        Assert.Equal(["delivered while IMAP was down", "pushed after the restart"], found.Select(n => n.Subject));
        await Task.Delay(1500);
        Assert.Equal(2, (await MailApi.NotificationsAsync(app)).Count);
    }

    [Fact]
    public async Task A_server_without_idle_is_polled()
    {
        await using var dovecot = await DovecotServer.StartAsync(withoutIdle: true);
        await dovecot.AddUserAsync("ivan", "pw");
        await using var app = AppHost.Sqlite();
        var mailbox = await MailApi.RegisterAsync(app, dovecot, "ivan", "pw");
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 2);
        Assert.False(app.Services.GetRequiredService<IdleWatchers>().IsWatching(mailbox.Id));
        Assert.Contains(app.Logs.Lines, l => l.Contains("does not offer IDLE", StringComparison.Ordinal));

        await dovecot.AppendAsync("ivan", DovecotServer.Message("found by polling"));
        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 1);
        Assert.Equal("found by polling", found[0].Subject);
    }

    [Fact]
    public async Task With_idle_switched_off_mailboxes_are_polled()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AddUserAsync("jane", "pw");
        await using var app = AppHost.Sqlite(extra: new Dictionary<string, string?> { ["Mail:Idle"] = "false" });
        var mailbox = await MailApi.RegisterAsync(app, dovecot, "jane", "pw");
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 2);
        Assert.Equal(0, app.Services.GetRequiredService<IdleWatchers>().WatchingCount);

        await dovecot.AppendAsync("jane", DovecotServer.Message("polled"));
        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 1);
        Assert.Equal("polled", found[0].Subject);
    }
}
