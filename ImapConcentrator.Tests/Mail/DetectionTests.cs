using ImapConcentrator.Modules.Mail.Contracts;
using MimeKit;

namespace ImapConcentrator.Tests.Mail;

/// <summary>Issue 3's "done when" 1-4 and 8, against a real Dovecot, on both stores.</summary>
[Collection(ServersCollection.Name)]
public sealed class DetectionTests(Servers servers)
{
    private DovecotServer Dovecot => servers.Dovecot;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Existing_mail_is_not_announced_and_new_mail_is_once_with_every_field(string provider)
    {
        var (user, password) = await servers.NewUserAsync();
        await Dovecot.AppendAsync(user, DovecotServer.Message("old 1"), DovecotServer.Message("old 2"), DovecotServer.Message("old 3"));
        await using var app = await servers.AppAsync(provider);
        var mailbox = await MailApi.RegisterAsync(app, Dovecot, user, password, "https://mail.example.com/{folder}/{uid}?id={messageId}");
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 2);
        Assert.Empty(await MailApi.NotificationsAsync(app));
        Assert.Equal(MailboxState.Ok, (await MailApi.MailboxAsync(app, mailbox.Id)).State);

        var encoded = DovecotServer.Message("Grüße aus Köln – 東京", "First line\r\n\r\n  second   line " + new string('x', 400), "Zoë Müller <zoe@example.com>");
        var date = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.FromHours(2));
        encoded.Date = date;
        var plain = DovecotServer.Message("plain subject");
        var uids = await Dovecot.AppendAsync(user, encoded, plain);
        var raw = System.Text.Encoding.ASCII.GetString(encoded.Headers.First(h => h.Id == HeaderId.Subject).RawValue);
        Assert.Contains("=?", raw, StringComparison.Ordinal); // really RFC 2047 on the wire

        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 2);
        var first = found[0];
        Assert.Equal(uids[0], first.Uid);
        Assert.Equal(uids[1], found[1].Uid);
        Assert.True(found[1].Id > first.Id);
        Assert.Equal("Grüße aus Köln – 東京", first.Subject);
        Assert.Equal("Zoë Müller <zoe@example.com>", first.From);
        Assert.Equal(date.ToUniversalTime(), first.Date.ToUniversalTime());
        Assert.StartsWith("First line second line xxx", first.Preview, StringComparison.Ordinal);
        Assert.True(first.Preview.Length <= 200, $"preview has {first.Preview.Length} characters");
        Assert.Equal($"{user}@{Dovecot.Host}", first.Account);
        Assert.Equal("INBOX", first.Folder);
        Assert.Equal(encoded.MessageId, first.MessageId);
        Assert.Equal($"https://mail.example.com/INBOX/{uids[0]}?id={Uri.EscapeDataString(encoded.MessageId!)}", first.Link);
        Assert.Equal(mailbox.Id, first.MailboxId);
        Assert.True(first.UidValidity > 0);
        Assert.Equal("plain subject", found[1].Subject);
        Assert.False(await Dovecot.AnySeenAsync(user), "checking must never set \\Seen");
    }

    [Fact]
    public async Task A_message_without_subject_sender_or_body_still_makes_a_notification()
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        var mailbox = await MailApi.RegisterAsync(app, Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        var bare = new MimeMessage();
        bare.Headers.Remove(HeaderId.Date);
        bare.Body = new TextPart("plain") { Text = string.Empty };
        await Dovecot.AppendAsync(user, bare);

        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 1);
        Assert.Equal(string.Empty, found[0].Subject);
        Assert.Equal(string.Empty, found[0].From);
        Assert.Equal(string.Empty, found[0].Preview);
        Assert.True(found[0].Date > DateTimeOffset.UtcNow.AddDays(-1), "without a Date header the internal date is used");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Control_characters_in_headers_do_not_block_the_mailbox(string provider)
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = await servers.AppAsync(provider);
        var mailbox = await MailApi.RegisterAsync(app, Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        var nasty = DovecotServer.Message("placeholder");
        nasty.Headers.Replace(HeaderId.Subject, System.Text.Encoding.ASCII, "before =?utf-8?B?AAE=?= after"); // decodes to NUL and SOH
        await Dovecot.AppendAsync(user, nasty, DovecotServer.Message("the next one"));

        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 2);
        Assert.DoesNotContain(found[0].Subject, char.IsControl);
        Assert.StartsWith("before", found[0].Subject, StringComparison.Ordinal);
        Assert.Equal("the next one", found[1].Subject);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Deleting_old_mail_never_hides_new_mail(string provider)
    {
        var (user, password) = await servers.NewUserAsync();
        await Dovecot.AppendAsync(user, DovecotServer.Message("old 1"), DovecotServer.Message("old 2"), DovecotServer.Message("old 3"));
        await using var app = await servers.AppAsync(provider);
        var mailbox = await MailApi.RegisterAsync(app, Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        await Dovecot.DeleteAllAsync(user);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);
        await Dovecot.AppendAsync(user, DovecotServer.Message("after the purge"));

        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 1);
        Assert.Equal("after the purge", found[0].Subject);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_uidvalidity_change_rebaselines_without_a_flood(string provider)
    {
        var (user, password) = await servers.NewUserAsync();
        await Dovecot.AppendAsync(user, DovecotServer.Message("old 1"), DovecotServer.Message("old 2"));
        await using var app = await servers.AppAsync(provider);
        var mailbox = await MailApi.RegisterAsync(app, Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        var validity = await Dovecot.UidValidityAsync(user);
        await Dovecot.ChangeUidValidityAsync(user, validity + 7);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 2);
        Assert.Empty(await MailApi.NotificationsAsync(app));

        await Dovecot.AppendAsync(user, DovecotServer.Message("first after the change"));
        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 1);
        Assert.Equal("first after the change", found[0].Subject);
        Assert.Equal(validity + 7, found[0].UidValidity);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Mail_that_arrives_while_the_app_is_down_is_notified_once_after_restart(string provider)
    {
        var (user, password) = await servers.NewUserAsync();
        var app = await servers.AppAsync(provider);
        var mailbox = await MailApi.RegisterAsync(app, Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);
        var restarted = app.Restart();
        await app.DisposeAsync();

        await Dovecot.AppendAsync(user, DovecotServer.Message("while down"));
        await using (restarted)
        {
            var found = await MailApi.ExpectNotificationsAsync(restarted, mailbox.Id, 1);
            Assert.Equal("while down", found[0].Subject);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_burst_of_1000_messages_makes_1000_notifications_in_batches(string provider)
    {
        var (user, password) = await servers.NewUserAsync();
        await using var app = await servers.AppAsync(provider);
        var mailbox = await MailApi.RegisterAsync(app, Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        var uids = await Dovecot.AppendAsync(user, Enumerable.Range(1, 1000).Select(i => DovecotServer.Message($"burst {i}")));
        var found = await MailApi.ExpectNotificationsAsync(app, mailbox.Id, 1000, TimeSpan.FromSeconds(90));
        Assert.Equal(uids.Select(u => (long)u).Order(), found.Select(n => n.Uid).Order());
        Assert.Equal(1000, found.Select(n => n.Uid).Distinct().Count());
        Assert.Equal(found.OrderBy(n => n.Id).Select(n => n.Uid), found.OrderBy(n => n.Uid).Select(n => n.Uid));
        var batches = app.Logs.Lines.Count(l => l.Contains($"Mailbox {mailbox.Id}: fetched", StringComparison.Ordinal));
        Assert.True(batches >= 4, $"expected the 1000 messages in batches of at most 250, saw {batches} fetch(es)");
    }
}
