using System.Net;
using ImapConcentrator.Modules.Mail;
using ImapConcentrator.Modules.Mail.Checking;
using ImapConcentrator.Modules.Mail.Imap;
using ImapConcentrator.Modules.Mail.Scheduling;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Tests.Mail;

public sealed class UnitTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2a00:1450:4001::1", false)]
    [InlineData("93.184.216.34", false)]
    public void Internal_addresses_are_recognised(string address, bool isInternal) =>
        Assert.Equal(isInternal, HostPolicy.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public void Preview_is_plain_collapsed_and_at_most_200_characters()
    {
        Assert.Equal("a b c", MessageToNotification.Preview("  a\r\n\tb \u0000 c  "));
        Assert.Equal(string.Empty, MessageToNotification.Preview(null));
        Assert.Equal(200, MessageToNotification.Preview(new string('y', 500)).Length);
        var emoji = new string('z', 199) + "😀😀";
        var cut = MessageToNotification.Preview(emoji);
        Assert.True(cut.Length <= 200);
        Assert.False(char.IsHighSurrogate(cut[^1]));
    }

    [Fact]
    public void A_new_mailbox_never_prints_its_password()
    {
        var text = new ImapConcentrator.Modules.Mail.Contracts.NewMailbox("imap.example.com", 993,
            ImapConcentrator.Modules.Mail.Contracts.MailboxSecurity.Tls, "me", "s3cret-pw").ToString();
        Assert.DoesNotContain("s3cret-pw", text, StringComparison.Ordinal);
        Assert.Contains("me@imap.example.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_become_spaces()
    {
        Assert.Equal("a  b", MessageToNotification.Clean("a\0\u0001b"));
        Assert.Equal("plain", MessageToNotification.Clean("plain"));
    }

    [Fact]
    public void Web_links_are_filled_url_encoded()
    {
        Assert.Equal("https://m.example/Sent%20Items/7?m=a%2Bb%40x", WebLink.Fill("https://m.example/{folder}/{uid}?m={messageId}", 7, "Sent Items", "a+b@x"));
        Assert.Null(WebLink.Fill(null, 7, "INBOX", null));
        Assert.True(WebLink.IsValid("https://mail.example.com/#inbox/{messageId}"));
        Assert.False(WebLink.IsValid("javascript:alert({uid})"));
        Assert.False(WebLink.IsValid("not a url {uid}"));
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_up_to_a_cap()
    {
        var options = new StaticOptions(new MailOptions { PollInterval = TimeSpan.FromSeconds(10) });
        var scheduler = new CheckScheduler(null!, options, TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            var first = scheduler.Backoff(1);
            Assert.InRange(first, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
            Assert.InRange(scheduler.Backoff(4), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(80));
            Assert.InRange(scheduler.Backoff(30), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30));
            Assert.InRange(scheduler.NextInterval(), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(11));
        }
    }

    private sealed class StaticOptions(MailOptions value) : IOptionsMonitor<MailOptions>
    {
        public MailOptions CurrentValue => value;

        public MailOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MailOptions, string?> listener) => null;
    }
}
