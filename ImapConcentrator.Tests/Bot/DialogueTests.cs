using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Tests.Mail;

namespace ImapConcentrator.Tests.Bot;

/// <summary>Issue 5's full dialogue against a real Dovecot and the fake Bot API.</summary>
[Collection(ServersCollection.Name)]
public sealed class DialogueTests(Servers servers)
{
    private DovecotServer Dovecot => servers.Dovecot;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Start_add_notify_list_remove(string provider)
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = await servers.AppAsync(provider, telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        var (user, password) = await servers.NewUserAsync("Hunter2-secret!");
        const long chat = 4242;

        Assert.Contains("/add", await bot.SayAsync(chat, "/start"));

        var added = await bot.SayAsync(chat, $"/add imap://{Dovecot.Host}:{Dovecot.Port} {user} {password}", messageId: 77);
        Assert.Contains("Added mailbox", added);
        var mailboxId = TelegramUpdates.MailboxId(added);
        var delete = Assert.Single(telegram.Calls, c => c.Method == "deleteMessage");
        Assert.Equal(77, delete.Body.GetProperty("message_id").GetInt32());
        Assert.Equal(chat, delete.ChatId);
        Assert.True(telegram.Calls.ToList().IndexOf(delete) < telegram.Calls.ToList().FindIndex(c => c.Text == added),
            "the password message is deleted before the answer");
        Assert.DoesNotContain(telegram.Calls, c => c.Body.ToString().Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(FakeTelegramApi.Token.Split(':')[1], StringComparison.Ordinal));
        var mailbox = await app.Service<IMailboxRegistry>().GetAsync(mailboxId, default);
        Assert.Equal(chat, mailbox!.ChatId);
        Assert.Equal(MailboxSecurity.None, mailbox.Security);

        Assert.Contains("will arrive here", await bot.SayAsync(chat, "/notify on"));
        await MailApi.WaitForChecksAsync(app, mailboxId, 1);
        var before = telegram.Messages(chat).Count;
        await Dovecot.AppendAsync(user, DovecotServer.Message("Quarterly <b>report</b> & more", "See the attached numbers.",
            "Bob <bob@example.com>"));
        await Eventually.UntilAsync(() => telegram.Messages(chat).Count > before, "the new mail is delivered into the chat", TimeSpan.FromSeconds(30));
        var delivered = telegram.Messages(chat)[before];
        Assert.Equal("HTML", delivered.Body.GetProperty("parse_mode").GetString(), ignoreCase: true);
        Assert.Contains("Quarterly &lt;b&gt;report&lt;/b&gt; &amp; more", delivered.Text, StringComparison.Ordinal);
        Assert.Contains("Bob", delivered.Text, StringComparison.Ordinal);
        Assert.Contains("&lt;bob@example.com&gt;", delivered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<bob@", delivered.Text, StringComparison.Ordinal);
        Assert.Contains($"{user}@{Dovecot.Host}", delivered.Text, StringComparison.Ordinal);
        Assert.Contains("INBOX", delivered.Text, StringComparison.Ordinal);
        Assert.Contains("See the attached numbers.", delivered.Text, StringComparison.Ordinal);

        var list = await bot.SayAsync(chat, "/list");
        Assert.Contains($"#{mailboxId}", list, StringComparison.Ordinal);
        Assert.Contains(user, list, StringComparison.Ordinal);

        Assert.Contains("Removed", await bot.SayAsync(chat, $"/remove {mailboxId}"));
        Assert.Null(await app.Service<IMailboxRegistry>().GetAsync(mailboxId, default));
        Assert.Contains("No mailboxes", await bot.SayAsync(chat, "/list"));
        var afterRemove = telegram.Messages(chat).Count;
        await Dovecot.AppendAsync(user, DovecotServer.Message("after removal"));
        await Task.Delay(TimeSpan.FromSeconds(3)); // several poll intervals: nothing may arrive
        Assert.Equal(afterRemove, telegram.Messages(chat).Count);
    }

    [Fact]
    public async Task A_wrong_password_is_answered_without_echoing_it_and_stores_nothing()
    {
        await using var telegram = await FakeTelegramApi.StartAsync();
        await using var app = AppHost.Sqlite(extra: telegram.Settings());
        var bot = new TelegramUpdates(app, telegram);
        var (user, _) = await servers.NewUserAsync("right-password");
        await bot.SayAsync(9, "/start");

        var answer = await bot.SayAsync(9, $"/add imap://{Dovecot.Host}:{Dovecot.Port} {user} wrong-password-xyz", messageId: 12);
        Assert.Contains("Could not add", answer);
        Assert.DoesNotContain("wrong-password-xyz", answer, StringComparison.Ordinal);
        Assert.Contains(telegram.Calls, c => c.Method == "deleteMessage" && c.Body.GetProperty("message_id").GetInt32() == 12);
        Assert.Empty(await app.Service<IMailboxRegistry>().ListAsync(null, default));

        // bad arguments: the usage line, and the message is still deleted
        Assert.StartsWith("Usage: /add", await bot.SayAsync(9, "/add only-a-host secret-in-here", messageId: 13));
        Assert.Contains(telegram.Calls, c => c.Method == "deleteMessage" && c.Body.GetProperty("message_id").GetInt32() == 13);
    }
}
