using ImapConcentrator.Modules.Bot.Commands;
using ImapConcentrator.Modules.Bot.Delivery;
using ImapConcentrator.Modules.Mail.Contracts;

namespace ImapConcentrator.Tests.Bot;

/// <summary>The chat message for a notification: escaped, within Telegram's limit; and /add's address rule.</summary>
public sealed class NotificationMessageTests
{
    private static MailNotification Notification(string subject = "Hi", string from = "a@b.c", string preview = "text", string? link = null) =>
        new(1, 2, 3, "me@imap.example.com", "INBOX", 1, 10, "<id@x>", from, subject, new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), preview, link);

    [Fact]
    public void Mail_text_is_escaped_and_the_link_is_kept()
    {
        var text = NotificationMessage.Format(Notification(
            "<script>alert(1)</script> & <b>bold</b>", "\"Eve <i>\" <eve@example.com>", "a < b && c > d", "https://mail.example.com/?a=1&b=\"2\""));

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", text, StringComparison.Ordinal);
        Assert.Contains("&quot;Eve &lt;i&gt;&quot; &lt;eve@example.com&gt;", text, StringComparison.Ordinal);
        Assert.Contains("a &lt; b &amp;&amp; c &gt; d", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://mail.example.com/?a=1&amp;b=&quot;2&quot;\">", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 09:30 UTC", text, StringComparison.Ordinal);
        Assert.Contains("me@imap.example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_that_is_not_http_is_left_out()
    {
        Assert.DoesNotContain("href", NotificationMessage.Format(Notification(link: "javascript:alert(1)")), StringComparison.Ordinal);
        Assert.DoesNotContain("href", NotificationMessage.Format(Notification()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000, "x")]
    [InlineData(5_000, "&")]
    [InlineData(3_000, "😀")]
    [InlineData(4_090, "<")]
    public void A_long_preview_is_cut_to_fit(int repeat, string piece)
    {
        var preview = string.Concat(Enumerable.Repeat(piece, repeat));
        var text = NotificationMessage.Format(Notification(subject: new string('<', 3000), preview: preview, link: "https://x.example/1"));
        Assert.True(text.Length <= NotificationMessage.MaxLength, $"{text.Length} characters");
        Assert.EndsWith("</a>", text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
        Assert.False(text.Contains("&am…", StringComparison.Ordinal) || text.Contains("&l…", StringComparison.Ordinal), "an entity was cut");
        Assert.False(char.IsHighSurrogate(text[text.IndexOf('…', StringComparison.Ordinal) - 1]), "a surrogate pair was cut");
    }

    [Fact]
    public void A_short_preview_is_whole()
    {
        var text = NotificationMessage.Format(Notification(preview: "short & sweet"));
        Assert.Contains("short &amp; sweet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("imap.example.com", "imap.example.com", 993, MailboxSecurity.Tls)]
    [InlineData("imap.example.com:993", "imap.example.com", 993, MailboxSecurity.Tls)]
    [InlineData("imap.example.com:143", "imap.example.com", 143, MailboxSecurity.StartTls)]
    [InlineData("imaps://imap.example.com:1993", "imap.example.com", 1993, MailboxSecurity.Tls)]
    [InlineData("imap://127.0.0.1:1143", "127.0.0.1", 1143, MailboxSecurity.None)]
    [InlineData("imap://127.0.0.1", "127.0.0.1", 143, MailboxSecurity.None)]
    [InlineData("[::1]:143", "::1", 143, MailboxSecurity.StartTls)]
    public void Add_reads_host_port_and_security(string text, string host, int port, MailboxSecurity security) =>
        Assert.Equal(new ImapAddress(host, port, security), ImapAddress.Parse(text));

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:abc")]
    [InlineData(":143")]
    [InlineData("ho st")]
    [InlineData("<b>:1")]
    [InlineData("[::1")]
    public void Add_refuses_a_bad_address(string text) => Assert.Null(ImapAddress.Parse(text));
}
