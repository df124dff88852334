using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Tests.Mail;

namespace ImapConcentrator.Tests.Bot;

/// <summary>Delivery into chats: Telegram's 429, restarts with deliveries pending, pacing, and mailbox alerts.</summary>
[Collection(ServersCollection.Name)]
public sealed class DeliveryTests(Servers servers)
{
    private DovecotServer Dovecot => servers.Dovecot;

    private async Task<(long MailboxId, string User)> SubscribedMailboxAsync(AppHost app, TelegramUpdates bot, long chat, DovecotServer? dovecot = null)
    {
        dovecot ??= Dovecot;
        var user = $"deliver{chat}{Guid.NewGuid():N}"[..20];
        await dovecot.AddUserAsync(user, "deliver-pass");
        await bot.SayAsync(chat, "/start");
        var id = TelegramUpdates.MailboxId(await bot.SayAsync(chat, $"/add imap://{dovecot.Host}:{dovecot.Port} {user} deliver-pass"));
        await bot.SayAsync(chat, "/notify on");
        await MailApi.WaitForChecksAsync(app, id, 1);
        return (id, user);
    }

    private static List<ApiCall> Delivered(FakeTelegramApi telegram, long chat, string subject) =>
        telegram.Calls.Where(c => c.Method == "sendMessage" && c.ChatId == chat && c.Text!.Contains(subject, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task After_a_429_the_message_arrives_once_after_the_wait()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        const long chat = 7001;
        var (id, user) = await SubscribedMailboxAsync(app, bot, chat);

        telegram.RetryAfterSeconds = 2;
        telegram.AnswerTooManyRequests(1);
        await Dovecot.AppendAsync(user, DovecotServer.Message("rate limited mail"));
        await Eventually.UntilAsync(() => Delivered(telegram, chat, "rate limited mail").Any(c => c.Ok), "the mail arrives", TimeSpan.FromSeconds(30));
        await MailApi.WaitForChecksAsync(app, id, 2);
        await Task.Delay(1500);

        var attempts = Delivered(telegram, chat, "rate limited mail");
        Assert.Equal([429, 200], attempts.Select(c => c.Status));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {attempts[1].At - attempts[0].At}");
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_the_message_arrives_once()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        const long chat = 7005;
        var (id, user) = await SubscribedMailboxAsync(app, bot, chat);

        telegram.AnswerServerErrors(3);
        await Dovecot.AppendAsync(user, DovecotServer.Message("through a bad gateway"));
        await Eventually.UntilAsync(() => Delivered(telegram, chat, "through a bad gateway").Any(c => c.Ok), "the mail arrives",
            TimeSpan.FromSeconds(30));
        await MailApi.WaitForChecksAsync(app, id, 2);

        var attempts = Delivered(telegram, chat, "through a bad gateway");
        Assert.Equal([502, 502, 502, 200], attempts.Select(c => c.Status));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.At - a.At).ToList();
        Assert.True(gaps[2] > gaps[0] * 1.5, $"the retries should back off, gaps were {string.Join(", ", gaps)}");
    }

    [Fact]
    public async Task A_bot_level_error_holds_delivery_instead_of_skipping_the_message()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        const long chat = 7006;
        var (_, user) = await SubscribedMailboxAsync(app, bot, chat);

        // 401: the bot token is wrong (e.g. revoked). That is no reason to drop this chat's mail.
        telegram.ServerErrorCode = 401;
        telegram.AnswerServerErrors(2);
        await Dovecot.AppendAsync(user, DovecotServer.Message("after the token is fixed"));
        await Eventually.UntilAsync(() => Delivered(telegram, chat, "after the token is fixed").Any(c => c.Ok), "the mail arrives",
            TimeSpan.FromSeconds(30));
        Assert.Equal([401, 401, 200], Delivered(telegram, chat, "after the token is fixed").Select(c => c.Status));
    }

    [Fact]
    public async Task Deliveries_queued_at_shutdown_arrive_after_a_restart_in_order_once_and_paced()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        const long chat = 7002;
        var (id, user) = await SubscribedMailboxAsync(app, bot, chat);

        telegram.RetryAfterSeconds = 60;
        telegram.AnswerTooManyRequests(int.MaxValue);
        await Dovecot.AppendAsync(user, DovecotServer.Message("queued one"), DovecotServer.Message("queued two"), DovecotServer.Message("queued three"));
        await MailApi.ExpectNotificationsAsync(app, id, 3);
        await Eventually.UntilAsync(() => Delivered(telegram, chat, "queued one").Count > 0, "a first attempt was refused");
        await app.DisposeAsync();
        Assert.DoesNotContain(telegram.Calls, c => c.Ok && c.Text?.Contains("queued", StringComparison.Ordinal) == true);

        telegram.AnswerTooManyRequests(0);
        await using var restarted = app.Restart();
        _ = restarted.Services;
        await Eventually.UntilAsync(() => Delivered(telegram, chat, "queued three").Any(c => c.Ok), "the queued mail arrives after the restart",
            TimeSpan.FromSeconds(30));
        await Task.Delay(2000);

        var sent = telegram.Messages(chat).Where(c => c.Text!.Contains("queued", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Contains("queued one", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("queued two", sent[1].Text, StringComparison.Ordinal);
        Assert.Contains("queued three", sent[2].Text, StringComparison.Ordinal);
        Assert.All(sent.Zip(sent.Skip(1)), p => Assert.True(p.Second.At - p.First.At >= TimeSpan.FromSeconds(0.95),
            $"one chat gets at most a message a second, gap was {p.Second.At - p.First.At}"));
    }

    [Fact]
    public async Task Notify_off_stops_delivery_and_on_starts_from_now()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        const long chat = 7003;
        var (id, user) = await SubscribedMailboxAsync(app, bot, chat);

        Assert.Contains("no longer", await bot.SayAsync(chat, "/notify off"));
        await Dovecot.AppendAsync(user, DovecotServer.Message("while off"));
        await MailApi.ExpectNotificationsAsync(app, id, 1);
        await bot.SayAsync(chat, "/notify on");
        await Dovecot.AppendAsync(user, DovecotServer.Message("after on"));
        await Eventually.UntilAsync(() => Delivered(telegram, chat, "after on").Count == 1, "the new mail arrives");
        Assert.Empty(Delivered(telegram, chat, "while off"));
    }

    [Fact]
    public async Task A_failing_then_auth_failed_mailbox_is_told_to_its_chat_once_each()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        const long chat = 7004;
        var (id, user) = await SubscribedMailboxAsync(app, bot, chat, dovecot);

        await dovecot.StopAsync();
        var checks = new HashSet<DateTimeOffset>();
        await Eventually.UntilAsync(async () =>
        {
            var view = await MailApi.MailboxAsync(app, id);
            if (view.State == MailboxState.Failing && view.LastCheckedAt is { } at)
            {
                checks.Add(at);
            }

            return checks.Count >= 3;
        }, "three failed checks", TimeSpan.FromSeconds(40));
        await Eventually.UntilAsync(() => Alerts(telegram, chat, "cannot be checked") == 1, "the chat is told the mailbox fails");

        await dovecot.SetPasswordAsync(user, "changed-pass");
        await dovecot.StartAgainAsync();
        await Eventually.UntilAsync(async () => (await MailApi.MailboxAsync(app, id)).State == MailboxState.AuthFailed, "AuthFailed",
            TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(() => Alerts(telegram, chat, "refused the login") == 1, "the chat is told the login is refused");
        await Task.Delay(3000);
        Assert.Equal(1, Alerts(telegram, chat, "cannot be checked"));
        Assert.Equal(1, Alerts(telegram, chat, "refused the login"));
    }

    private static int Alerts(FakeTelegramApi telegram, long chat, string text) =>
        telegram.Messages(chat).Count(c => c.Text!.Contains(text, StringComparison.Ordinal));
}
