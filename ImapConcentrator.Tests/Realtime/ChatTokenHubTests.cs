using System.Net;
using ImapConcentrator.Tests.Bot;
using ImapConcentrator.Tests.Mail;

namespace ImapConcentrator.Tests.Realtime;

/// <summary>Issues 4 and 5 together: a chat token from /token sees only its chat's mail on the hub; the revoked one is 401.</summary>
[Collection(ServersCollection.Name)]
public sealed class ChatTokenHubTests(Servers servers)
{
    [Fact]
    public async Task A_chat_token_receives_only_its_chats_notifications_and_a_revoked_one_is_refused()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var address = app.StartOnKestrel();
        var bot = new TelegramUpdates(app, telegram);
        var dovecot = servers.Dovecot;
        var (mine, minePassword) = await servers.NewUserAsync("mine-pass");
        var (theirs, theirsPassword) = await servers.NewUserAsync("theirs-pass");
        await bot.SayAsync(401, "/start");
        await bot.SayAsync(402, "/start");
        var myMailbox = TelegramUpdates.MailboxId(await bot.SayAsync(401, $"/add imap://{dovecot.Host}:{dovecot.Port} {mine} {minePassword}"));
        var theirMailbox = TelegramUpdates.MailboxId(await bot.SayAsync(402, $"/add imap://{dovecot.Host}:{dovecot.Port} {theirs} {theirsPassword}"));
        await MailApi.WaitForChecksAsync(app, myMailbox, 1);
        await MailApi.WaitForChecksAsync(app, theirMailbox, 1);

        var revoked = TelegramUpdates.TokenOf(await bot.SayAsync(401, "/token"));
        var token = TelegramUpdates.TokenOf(await bot.SayAsync(401, "/token"));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(address, revoked));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await using var chat = await HubClient.ConnectAsync(address, token);
        await using var operator_ = await HubClient.ConnectAsync(address, AppHost.WhitelistKey);
        await dovecot.AppendAsync(theirs, DovecotServer.Message("for chat 402"));
        await dovecot.AppendAsync(mine, DovecotServer.Message("for chat 401"));
        await Eventually.UntilAsync(() => operator_.Received.Count == 2, "the whitelist client saw both");
        await Eventually.UntilAsync(() => chat.Received.Count >= 1, "the chat client saw its own");
        await Task.Delay(500);

        var received = Assert.Single(chat.Received);
        Assert.Equal("for chat 401", received.Subject);
        Assert.Equal(401, received.ChatId);
        var replay = await chat.SinceAsync(0);
        Assert.Equal(["for chat 401"], replay.Select(n => n.Subject));
        Assert.Equal(2, (await operator_.SinceAsync(0)).Count);
    }
}
