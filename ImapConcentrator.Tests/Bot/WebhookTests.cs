using System.Net;
using System.Net.Http.Json;
using System.Text;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImapConcentrator.Tests.Bot;

/// <summary>The webhook's contract: secret, body, duplicates, and robustness against any text.</summary>
public sealed class WebhookTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    [InlineData("test-webhook-secret_4")]
    public async Task Without_the_right_secret_it_is_403_and_nothing_happens(string? secret)
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);

        using var response = await bot.PostAsync(TelegramUpdates.Update(1, 5, 5, "/start", 1), secret);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(telegram.Calls);
        Assert.Equal(0, await CountAsync<Chat>(app));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{}")]
    [InlineData("{\"update_id\":\"abc\"}")]
    [InlineData("{\"update_id\":1,\"message\":\"text\"}")]
    [InlineData("")]
    public async Task A_body_that_is_not_an_update_is_400(string body)
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        using var client = app.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.Add("X-Telegram-Bot-Api-Secret-Token", FakeTelegramApi.Secret);
        using var response = await client.PostAsync(new Uri("/telegram/webhook", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(telegram.Calls);
    }

    [Fact]
    public async Task The_same_update_delivered_twice_is_handled_once_even_after_a_restart()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        var update = TelegramUpdates.Update(777, 31, 31, "/help", 3);

        for (var i = 0; i < 3; i++)
        {
            using var response = await bot.PostAsync(update);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var twice = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bot.PostAsync(TelegramUpdates.Update(778, 31, 31, "/help", 4))));
        Assert.All(twice, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, telegram.Messages(31).Count);

        await using var restarted = app.Restart();
        using var again = await new TelegramUpdates(restarted, telegram).PostAsync(update);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, telegram.Messages(31).Count);
    }

    [Fact]
    public async Task A_thousand_random_or_malformed_commands_get_no_5xx_each_is_answered_and_nothing_is_stored()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        const long chat = 808;
        await bot.SayAsync(chat, "/start");
        var random = new Random(5);

        for (var i = 0; i < 1000; i++)
        {
            var text = RandomText(random);
            var before = telegram.Messages(chat).Count;
            using var response = await bot.PostAsync(TelegramUpdates.Update(10_000 + i, chat, chat, text, 10_000 + i));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{text}' gave {(int)response.StatusCode}");
            Assert.True(telegram.Messages(chat).Count == before + 1, $"'{text}' was not answered exactly once");
        }

        Assert.Empty(await app.Service<IMailboxRegistry>().ListAsync(null, default));
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<BotDbContext>().Chats.SingleAsync();
        Assert.Null(stored.TokenHash);
        Assert.False(stored.NotifyInChat);
        Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    /// <summary>Commands with wrong, hostile or random arguments, and texts that are no command; never a valid state change.</summary>
    private static string RandomText(Random random)
    {
        string Word(int max)
        {
            const string chars = "abcXYZ019_-.:/@#<>&\"'{}[]()*%$!?äö東😀 \t\\";
            var length = random.Next(1, max);
            return new string(Enumerable.Range(0, length).Select(_ => chars[random.Next(chars.Length)]).ToArray());
        }

        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Word(12)));

        return random.Next(14) switch
        {
            0 => Word(60),
            1 => "/" + Word(20),
            2 => "/add " + Words(random.Next(0, 3)),
            3 => $"/add 127.0.0.1:{random.Next(65536, 999999)} user pass",
            4 => "/add 127.0.0.1:1 user password INBOX",
            5 => "/remove " + (random.Next(2) == 0 ? Word(10) : random.Next(1, 100000).ToString()),
            6 => "/link " + random.Next(1, 1000) + " " + (random.Next(2) == 0 ? "javascript:alert(1)" : "https://x.example/{uid}"),
            7 => "/refetch " + Words(random.Next(0, 4)),
            8 => "/notify " + (random.Next(2) == 0 ? string.Empty : "maybe " + Word(5)),
            9 => "/token " + Words(random.Next(1, 3)),
            10 => "/list " + Words(random.Next(1, 3)),
            11 => "/ADD@SomeBot " + Words(random.Next(5, 9)),
            12 => new string('x', random.Next(1, 4096)),
            _ => "/" + Words(random.Next(1, 6)),
        };
    }

    [Fact]
    public async Task With_a_public_url_the_webhook_is_set_with_the_secret_at_startup()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings(("Telegram:PublicUrl", "https://bot.example.com/")));
        using var client = app.CreateClient();

        var call = Assert.Single(telegram.Calls, c => c.Method == "setWebhook");
        Assert.Equal("https://bot.example.com/telegram/webhook", call.Body.GetProperty("url").GetString());
        Assert.Equal(FakeTelegramApi.Secret, call.Body.GetProperty("secret_token").GetString());
    }

    [Fact]
    public async Task With_the_bot_off_the_webhook_is_404_and_the_rest_works()
    {
        await using var app = AppHost.Sqlite();
        var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/telegram/webhook", TelegramUpdates.Update(1, 1, 1, "/start", 1));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync(new Uri("/api/mailboxes", UriKind.Relative))).StatusCode);
        Assert.Single(app.Logs.Lines, l => l.Contains("Telegram bot is off", StringComparison.Ordinal));
    }

    private static async Task<int> CountAsync<T>(AppHost app) where T : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BotDbContext>().Set<T>().CountAsync();
    }
}
