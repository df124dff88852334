using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ImapConcentrator.Tests.Mail;

[Collection(ServersCollection.Name)]
public sealed class MailboxApiTests(Servers servers)
{
    [Fact]
    public async Task Invalid_bodies_are_400_naming_each_field_and_store_nothing()
    {
        await using var app = AppHost.Sqlite();
        using var client = app.Api();

        var empty = await client.PostAsJsonAsync("/api/mailboxes", new { });
        var problem = await ProblemAsync(empty);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["host", "password", "username"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        var bad = await client.PostAsJsonAsync("/api/mailboxes", new
        {
            host = "imap.example.com", port = 0, username = "u", password = "p", folder = "", webLinkTemplate = "javascript:alert(1)",
        });
        var badProblem = await ProblemAsync(bad);
        Assert.Equal(["folder", "port", "webLinkTemplate"], badProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        var security = await client.PostAsJsonAsync("/api/mailboxes", new { host = "imap.example.com", username = "u", password = "p", security = "Ssl" });
        Assert.Equal(HttpStatusCode.BadRequest, security.StatusCode);
        Assert.True((await ProblemAsync(security)).GetProperty("errors").TryGetProperty("security", out _));

        using var malformed = new StringContent("{ not json", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(new Uri("/api/mailboxes", UriKind.Relative), malformed)).StatusCode);

        Assert.Equal("[]", await client.GetStringAsync(new Uri("/api/mailboxes", UriKind.Relative)));
    }

    [Fact]
    public async Task The_same_account_and_folder_for_the_same_chat_is_409_and_remove_stops_checking()
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        using var client = app.Api();
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);

        var again = await client.PostAsJsonAsync("/api/mailboxes", MailApi.Body(servers.Dovecot, user, password));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var otherCase = await client.PostAsJsonAsync("/api/mailboxes", MailApi.Body(servers.Dovecot, user, password, folder: "inbox"));
        Assert.Equal(HttpStatusCode.Conflict, otherCase.StatusCode); // INBOX is case-insensitive
        var otherChat = await client.PostAsJsonAsync("/api/mailboxes", MailApi.Body(servers.Dovecot, user, password, chatId: 42));
        Assert.Equal(HttpStatusCode.Created, otherChat.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(new Uri($"/api/mailboxes/{mailbox.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/mailboxes/{mailbox.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(new Uri($"/api/mailboxes/{mailbox.Id}", UriKind.Relative))).StatusCode);

        var remaining = JsonSerializer.Deserialize<List<ImapConcentrator.Modules.Mail.Contracts.MailboxView>>(
            await client.GetStringAsync(new Uri("/api/mailboxes", UriKind.Relative)), MailApi.Json)!;
        var other = Assert.Single(remaining);
        Assert.Equal(42, other.ChatId);

        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("only for the remaining mailbox"));
        var found = await MailApi.ExpectNotificationsAsync(app, other.Id, 1);
        Assert.All(await MailApi.NotificationsAsync(app), n => Assert.Equal(other.Id, n.MailboxId));
        Assert.Equal(42, found[0].ChatId);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Racing_identical_registrations_store_one_mailbox(string provider)
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = await servers.AppAsync(provider);
        using var client = app.Api();
        var body = MailApi.Body(servers.Dovecot, user, password, chatId: 77);
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsJsonAsync("/api/mailboxes", body)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var stored = JsonSerializer.Deserialize<List<ImapConcentrator.Modules.Mail.Contracts.MailboxView>>(
            await client.GetStringAsync(new Uri("/api/mailboxes", UriKind.Relative)), MailApi.Json)!;
        Assert.Single(stored);
    }

    [Fact]
    public async Task Refetch_rebaselines_and_resends_the_newest_n()
    {
        var (user, password) = await servers.NewUserAsync();
        await servers.Dovecot.AppendAsync(user, Enumerable.Range(1, 5).Select(i => DovecotServer.Message($"message {i}")));
        await using var app = AppHost.Sqlite();
        using var client = app.Api();
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(new Uri($"/api/mailboxes/{mailbox.Id}/refetch?count=-1", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(new Uri("/api/mailboxes/999/refetch", UriKind.Relative), null)).StatusCode);

        var response = await client.PostAsync(new Uri($"/api/mailboxes/{mailbox.Id}/refetch?count=2", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"notified\":2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var first = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 2);
        Assert.Equal(["message 4", "message 5"], first.Select(n => n.Subject));

        // Again: the same messages get fresh notifications with new ids, the old rows go.
        await client.PostAsync(new Uri($"/api/mailboxes/{mailbox.Id}/refetch?count=1", UriKind.Relative), null);
        var after = await MailApi.NotificationsAsync(app, first[^1].Id);
        var again = Assert.Single(after);
        Assert.Equal("message 5", again.Subject);

        var plain = await client.PostAsync(new Uri($"/api/mailboxes/{mailbox.Id}/refetch", UriKind.Relative), null);
        Assert.Contains("\"notified\":0", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notifications_page_by_id_and_validate_their_arguments()
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        using var client = app.Api();
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);
        await servers.Dovecot.AppendAsync(user, Enumerable.Range(1, 5).Select(i => DovecotServer.Message($"n{i}")));
        var all = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 5);

        var page = await client.GetFromJsonAsync<List<ImapConcentrator.Modules.Mail.Contracts.MailNotification>>(
            $"/api/notifications?after={all[1].Id}&limit=2", MailApi.Json);
        Assert.Equal(["n3", "n4"], page!.Select(n => n.Subject));

        foreach (var query in new[] { "limit=0", "limit=1001", "after=-1", "after=x" })
        {
            var response = await client.GetAsync(new Uri($"/api/notifications?{query}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
        }
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
