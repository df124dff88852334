using System.Net;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Tests.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace ImapConcentrator.Tests.Realtime;

[Collection(ServersCollection.Name)]
public sealed class HubTests(Servers servers)
{
    [Fact]
    public async Task A_whitelist_client_receives_NewMail_with_every_field()
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        var address = app.StartOnKestrel();
        await using var client = await HubClient.ConnectAsync(address, AppHost.WhitelistKey);
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password, "https://mail.example.com/{uid}");
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        var message = DovecotServer.Message("pushed to the hub", "the body");
        var uids = await servers.Dovecot.AppendAsync(user, message);
        await Eventually.UntilAsync(() => client.Received.Count == 1, "NewMail arrived");

        var n = client.Received[0];
        Assert.True(n.Id > 0);
        Assert.Equal(mailbox.Id, n.MailboxId);
        Assert.Null(n.ChatId);
        Assert.Equal($"{user}@127.0.0.1", n.Account);
        Assert.Equal("INBOX", n.Folder);
        Assert.True(n.UidValidity > 0);
        Assert.Equal(uids[0], n.Uid);
        Assert.Equal(message.MessageId, n.MessageId);
        Assert.Contains("alice@example.com", n.From, StringComparison.Ordinal);
        Assert.Equal("pushed to the hub", n.Subject);
        Assert.Equal(message.Date.ToUniversalTime().ToUnixTimeSeconds(), n.Date.ToUnixTimeSeconds());
        Assert.Equal("the body", n.Preview);
        Assert.Equal($"https://mail.example.com/{uids[0]}", n.Link);
    }

    [Fact]
    public async Task A_client_that_was_away_gets_exactly_what_it_missed_in_order()
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        var address = app.StartOnKestrel();
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        long lastSeen;
        await using (var first = await HubClient.ConnectAsync(address, AppHost.WhitelistKey))
        {
            await servers.Dovecot.AppendAsync(user, DovecotServer.Message("seen"));
            await Eventually.UntilAsync(() => first.Received.Count == 1, "the first message arrived live");
            lastSeen = first.Received[0].Id;
        }

        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("missed 1"), DovecotServer.Message("missed 2"), DovecotServer.Message("missed 3"));
        await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 4);

        await using var back = await HubClient.ConnectAsync(address, AppHost.WhitelistKey);
        var missed = await back.SinceAsync(lastSeen);
        Assert.Equal(["missed 1", "missed 2", "missed 3"], missed.Select(n => n.Subject));
        Assert.True(missed.Zip(missed.Skip(1)).All(p => p.First.Id < p.Second.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_wrong_token_is_refused_at_negotiate(string? token)
    {
        await using var app = AppHost.Sqlite();
        var address = app.StartOnKestrel();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(address, token));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);

        using var http = new HttpClient { BaseAddress = address };
        var negotiate = await http.PostAsync(new Uri($"/hubs/notifications/negotiate?negotiateVersion=1&access_token={token}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task A_throwing_listener_and_a_client_that_never_reads_do_not_delay_checks()
    {
        var (slowUser, slowPassword) = await servers.NewUserAsync();
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        app.TestServices = s => s.AddSingleton<INewMailListener, AlwaysThrows>();
        var address = app.StartOnKestrel();
        var stuck = new TaskCompletionSource();
        await using var neverReads = await HubClient.ConnectAsync(address, AppHost.WhitelistKey, _ => stuck.Task);
        var busy = await MailApi.RegisterAsync(app, servers.Dovecot, slowUser, slowPassword);
        var watched = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, watched.Id, 1);

        // The stuck client's handler never returns, so it stops reading while 300 pushes queue up for it.
        await servers.Dovecot.AppendAsync(slowUser, Enumerable.Range(1, 300).Select(i => DovecotServer.Message($"flood {i}")));
        await MailApi.ExpectNotificationsAsync(app, busy.Id, 300, TimeSpan.FromSeconds(60));

        var started = DateTime.UtcNow;
        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("must not wait"));
        await Eventually.UntilAsync(async () => (await MailApi.NotificationsAsync(app)).Any(n => n.Subject == "must not wait"),
            "the other mailbox's message is stored", TimeSpan.FromSeconds(10));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await MailApi.WaitForChecksAsync(app, busy.Id, 2);
        stuck.SetResult();
    }

    [Fact]
    public async Task Metrics_show_the_counters_moving_after_a_check_found_mail()
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        var address = app.StartOnKestrel();
        using var http = new HttpClient { BaseAddress = address };
        await using var client = await HubClient.ConnectAsync(address, AppHost.WhitelistKey);
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);
        var before = Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("m1"), DovecotServer.Message("m2"));
        await Eventually.UntilAsync(() => client.Received.Count == 2, "two pushes");
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var after = Parse(text);

        Assert.Contains("# TYPE imap_checks_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE imap_check_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Equal(before.GetValueOrDefault("imap_new_messages_total") + 2, after["imap_new_messages_total"]);
        Assert.True(after["imap_checks_total"] > before["imap_checks_total"]);
        Assert.True(after["imap_check_duration_seconds_count"] > before["imap_check_duration_seconds_count"]);
        Assert.Equal(before.GetValueOrDefault("hub_notifications_pushed_total") + 2, after["hub_notifications_pushed_total"]);
        Assert.Equal(1, after["hub_connections"]);
    }

    private static Dictionary<string, double> Parse(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#' && !l.Contains('{', StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

    private sealed class AlwaysThrows : INewMailListener
    {
        public ValueTask OnNewMailAsync(MailNotification notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("hub listener down");
    }
}
