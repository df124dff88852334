using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Tests.Mail;

/// <summary>The REST API as a client uses it.</summary>
internal static class MailApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static object Body(DovecotServer dovecot, string user, string password, string folder = "INBOX", string? webLinkTemplate = null, long? chatId = null) =>
        new { host = dovecot.Host, port = dovecot.Port, security = "None", username = user, password, folder, webLinkTemplate, chatId };

    public static async Task<MailboxView> RegisterAsync(AppHost app, DovecotServer dovecot, string user, string password, string? webLinkTemplate = null)
    {
        using var client = app.Api();
        var response = await client.PostAsJsonAsync("/api/mailboxes", Body(dovecot, user, password, webLinkTemplate: webLinkTemplate));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"registration failed: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<MailboxView>(text, Json)!;
    }

    public static async Task<List<MailNotification>> NotificationsAsync(AppHost app, long after = 0, string token = AppHost.WhitelistKey)
    {
        using var client = app.Api(token);
        var all = new List<MailNotification>();
        while (true)
        {
            var page = await client.GetFromJsonAsync<List<MailNotification>>($"/api/notifications?after={after}&limit=1000", Json);
            if (page is null || page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Id;
        }
    }

    public static async Task<MailboxView> MailboxAsync(AppHost app, long id)
    {
        using var client = app.Api();
        return (await client.GetFromJsonAsync<MailboxView>($"/api/mailboxes/{id}", Json))!;
    }

    /// <summary>Waits for exactly <paramref name="count"/> notifications of the mailbox, then a few more checks to be sure no more come.</summary>
    public static async Task<List<MailNotification>> ExpectNotificationsAsync(AppHost app, long mailboxId, int count, TimeSpan? timeout = null)
    {
        await WaitForNotificationsAsync(app, mailboxId, count, timeout);
        await WaitForChecksAsync(app, mailboxId, 2);
        var found = await OfMailboxAsync(app, mailboxId);
        Assert.Equal(count, found.Count);
        return found;
    }

    /// <summary>Waits for at least <paramref name="count"/> notifications of the mailbox (no extra checks: push-only tests have none).</summary>
    public static async Task<List<MailNotification>> WaitForNotificationsAsync(AppHost app, long mailboxId, int count, TimeSpan? timeout = null)
    {
        List<MailNotification> found = [];
        await Eventually.UntilAsync(async () =>
        {
            found = await OfMailboxAsync(app, mailboxId);
            return found.Count >= count;
        }, $"{count} notification(s) of mailbox {mailboxId}", timeout ?? TimeSpan.FromSeconds(30));
        return found;
    }

    private static async Task<List<MailNotification>> OfMailboxAsync(AppHost app, long mailboxId) =>
        (await NotificationsAsync(app)).Where(n => n.MailboxId == mailboxId).ToList();

    /// <summary>Waits until the mailbox was checked <paramref name="checks"/> more times.</summary>
    public static async Task WaitForChecksAsync(AppHost app, long mailboxId, int checks)
    {
        for (var i = 0; i < checks; i++)
        {
            var before = (await MailboxAsync(app, mailboxId)).LastCheckedAt;
            try
            {
                await Eventually.UntilAsync(async () => (await MailboxAsync(app, mailboxId)).LastCheckedAt is { } after && (before is null || after > before),
                    $"mailbox {mailboxId} was checked again");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message}; the app's last log lines:\n{string.Join('\n', app.Logs.Lines.TakeLast(40))}", ex);
            }
        }
    }
}
