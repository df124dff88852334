using System.Net;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ImapConcentrator.Tests.Bot;

/// <summary>Who may do what: a chat only its own mailboxes, only listed users, chat tokens only their chat.</summary>
[Collection(ServersCollection.Name)]
public sealed class AccessTests(Servers servers)
{
    private DovecotServer Dovecot => servers.Dovecot;

    [Fact]
    public async Task Another_chat_cannot_list_change_refetch_or_remove_the_mailbox()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        var (user, password) = await servers.NewUserAsync("owner-pass-1");
        await bot.SayAsync(100, "/start");
        var id = TelegramUpdates.MailboxId(await bot.SayAsync(100, $"/add imap://{Dovecot.Host}:{Dovecot.Port} {user} {password}"));

        await bot.SayAsync(200, "/start");
        Assert.Contains("No mailboxes", await bot.SayAsync(200, "/list"));
        Assert.Contains("no mailbox", await bot.SayAsync(200, $"/remove {id}"));
        Assert.Contains("no mailbox", await bot.SayAsync(200, $"/link {id} https://evil.example.com/{{uid}}"));
        Assert.Contains("no mailbox", await bot.SayAsync(200, $"/refetch {id} 5"));

        var mailbox = await app.Service<IMailboxRegistry>().GetAsync(id, default);
        Assert.NotNull(mailbox);
        Assert.Null(mailbox.WebLinkTemplate);
        Assert.Contains($"#{id}", await bot.SayAsync(100, "/list"));

        // the owner can
        Assert.Contains("links to", await bot.SayAsync(100, $"/link {id} https://mail.example.com/{{folder}}/{{uid}}"));
        Assert.Equal("https://mail.example.com/{folder}/{uid}", (await app.Service<IMailboxRegistry>().GetAsync(id, default))!.WebLinkTemplate);
        Assert.Contains("starts again", await bot.SayAsync(100, $"/refetch {id}"));
    }

    [Fact]
    public async Task A_user_outside_the_allowed_list_is_refused_politely_and_nothing_is_stored()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings(("Telegram:AllowedUserIds:0", "42"), ("Telegram:AllowedUserIds:1", "43")));
        var bot = new TelegramUpdates(app, telegram);
        var (user, password) = await servers.NewUserAsync("stranger-pass");

        Assert.Contains("private", await bot.SayAsync(500, "/start", userId: 99));
        Assert.Contains("private", await bot.SayAsync(500, $"/add imap://{Dovecot.Host}:{Dovecot.Port} {user} {password}", userId: 99, messageId: 5));
        Assert.Contains("private", await bot.SayAsync(500, "/token", userId: 99));
        Assert.Contains(telegram.Calls, c => c.Method == "deleteMessage" && c.ChatId == 500);
        Assert.Empty(await app.Service<IMailboxRegistry>().ListAsync(null, default));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Chats.CountAsync());
        }

        Assert.Contains("Hello", await bot.SayAsync(600, "/start", userId: 42));
    }

    [Fact]
    public async Task A_chat_token_reads_only_its_chats_notifications_and_a_replaced_token_is_401()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        var (mine, minePassword) = await servers.NewUserAsync("mine-pass");
        var (theirs, theirsPassword) = await servers.NewUserAsync("theirs-pass");
        await bot.SayAsync(301, "/start");
        await bot.SayAsync(302, "/start");
        var myMailbox = TelegramUpdates.MailboxId(await bot.SayAsync(301, $"/add imap://{Dovecot.Host}:{Dovecot.Port} {mine} {minePassword}"));
        var theirMailbox = TelegramUpdates.MailboxId(await bot.SayAsync(302, $"/add imap://{Dovecot.Host}:{Dovecot.Port} {theirs} {theirsPassword}"));
        await Dovecot.AppendAsync(mine, DovecotServer.Message("for 301"));
        await Dovecot.AppendAsync(theirs, DovecotServer.Message("for 302"));
        await MailApi.ExpectNotificationsAsync(app, myMailbox, 1);
        await MailApi.ExpectNotificationsAsync(app, theirMailbox, 1);

        var first = TelegramUpdates.TokenOf(await bot.SayAsync(301, "/token"));
        Assert.NotEmpty(first);
        var seen = await MailApi.NotificationsAsync(app, token: first);
        Assert.Equal("for 301", Assert.Single(seen).Subject);
        Assert.All(seen, n => Assert.Equal(301, n.ChatId));

        var second = TelegramUpdates.TokenOf(await bot.SayAsync(301, "/token"));
        Assert.NotEqual(first, second);
        using var revoked = app.Api(first);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync(new Uri("/api/notifications", UriKind.Relative))).StatusCode);
        Assert.Equal("for 301", Assert.Single(await MailApi.NotificationsAsync(app, token: second)).Subject);

        // a chat token is not a whitelist key
        using var asChat = app.Api(second);
        Assert.Equal(HttpStatusCode.Forbidden, (await asChat.GetAsync(new Uri("/api/mailboxes", UriKind.Relative))).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var hash = (await scope.ServiceProvider.GetRequiredService<BotDbContext>().Chats.SingleAsync(c => c.Id == 301)).TokenHash;
        Assert.Equal(64, hash!.Length);
        Assert.NotEqual(second, hash);
    }
}
