using System.Net;
using System.Net.Http.Json;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Tests.Mail;

/// <summary>Issue 3's "done when" 5 and 6: a server that goes away, and logins that fail. Each test has its own Dovecot, since it stops it.</summary>
public sealed class FailureTests
{
    [Fact]
    public async Task A_stopped_server_makes_the_mailbox_fail_with_backoff_and_mail_is_notified_once_it_is_back()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AddUserAsync("carol", "secret one");
        await using var app = AppHost.Sqlite();
        var mailbox = await MailApi.RegisterAsync(app, dovecot, "carol", "secret one");
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        await dovecot.StopAsync();
        var checks = new List<DateTimeOffset>();
        await Eventually.UntilAsync(async () =>
        {
            var view = await MailApi.MailboxAsync(app, mailbox.Id);
            if (view.State == MailboxState.Failing && view.LastCheckedAt is { } at && !checks.Contains(at))
            {
                checks.Add(at);
            }

            return checks.Count >= 4;
        }, "four failed checks", TimeSpan.FromSeconds(40));
        var failing = await MailApi.MailboxAsync(app, mailbox.Id);
        Assert.False(string.IsNullOrEmpty(failing.LastError));
        var gaps = checks.Zip(checks.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps[^1] > gaps[0] * 1.5, $"the retries should back off, gaps were {string.Join(", ", gaps)}");

        await dovecot.StartAgainAsync();
        await dovecot.AppendAsync("carol", DovecotServer.Message("after the outage 1"), DovecotServer.Message("after the outage 2"));
        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 2, TimeSpan.FromSeconds(60));
        Assert.Equal(["after the outage 1", "after the outage 2"], found.Select(n => n.Subject));
        var recovered = await MailApi.MailboxAsync(app, mailbox.Id);
        Assert.Equal(MailboxState.Ok, recovered.State);
        Assert.Null(recovered.LastError);
    }

    [Fact]
    public async Task A_wrong_password_at_registration_is_400_with_the_servers_reason_and_stores_nothing()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AddUserAsync("dave", "right");
        await using var app = AppHost.Sqlite();
        using var client = app.Api();

        var response = await client.PostAsJsonAsync("/api/mailboxes", MailApi.Body(dovecot, "dave", "wrong"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Authentication failed", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[]", await client.GetStringAsync(new Uri("/api/mailboxes", UriKind.Relative)));
    }

    [Fact]
    public async Task A_password_changed_on_the_server_pauses_the_mailbox_until_its_credentials_are_updated()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AddUserAsync("erin", "first password");
        await using var app = AppHost.Sqlite();
        var mailbox = await MailApi.RegisterAsync(app, dovecot, "erin", "first password");
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        // A real server ends sessions sooner or later; restarting it makes that happen now.
        await dovecot.SetPasswordAsync("erin", "second password");
        await dovecot.StopAsync();
        await dovecot.StartAgainAsync();
        await Eventually.UntilAsync(async () => (await MailApi.MailboxAsync(app, mailbox.Id)).State == MailboxState.AuthFailed,
            "the mailbox is AuthFailed", TimeSpan.FromSeconds(30));
        var paused = await MailApi.MailboxAsync(app, mailbox.Id);
        Assert.Contains("Login refused", paused.LastError, StringComparison.Ordinal);

        await dovecot.AppendAsync("erin", DovecotServer.Message("while paused"));
        await Task.Delay(3000);
        Assert.Equal(paused.LastCheckedAt, (await MailApi.MailboxAsync(app, mailbox.Id)).LastCheckedAt);
        Assert.Empty(await MailApi.NotificationsAsync(app));

        using var client = app.Api();
        var wrong = await client.PutAsJsonAsync($"/api/mailboxes/{mailbox.Id}/credentials", new { password = "still wrong" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var update = await client.PutAsJsonAsync($"/api/mailboxes/{mailbox.Id}/credentials", new { password = "second password" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 1);
        Assert.Equal("while paused", found[0].Subject);
        Assert.Equal(MailboxState.Ok, (await MailApi.MailboxAsync(app, mailbox.Id)).State);
    }

    [Fact]
    public async Task Internal_hosts_and_plaintext_are_refused_unless_allowed()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await dovecot.AddUserAsync("frank", "pw");
        await using var app = AppHost.Sqlite(extra: new Dictionary<string, string?>
        {
            ["Mail:AllowPrivateHosts"] = "false",
        });
        using var client = app.Api();

        foreach (var host in new[] { "127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "::1" })
        {
            var body = new { host, port = dovecot.Port, security = "None", username = "frank", password = "pw" };
            var response = await client.PostAsJsonAsync("/api/mailboxes", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{host}: {(int)response.StatusCode} {text}");
            Assert.Contains("internal address", text, StringComparison.Ordinal);
        }

        await using var strict = AppHost.Sqlite(extra: new Dictionary<string, string?> { ["Mail:AllowPlaintext"] = "false" });
        using var strictClient = strict.Api();
        var plaintext = await strictClient.PostAsJsonAsync("/api/mailboxes", MailApi.Body(dovecot, "frank", "pw"));
        Assert.Equal(HttpStatusCode.BadRequest, plaintext.StatusCode);
        Assert.Contains("\"security\"", await plaintext.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("[]", await client.GetStringAsync(new Uri("/api/mailboxes", UriKind.Relative)));
    }
}
