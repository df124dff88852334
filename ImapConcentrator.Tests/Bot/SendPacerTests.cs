using System.Diagnostics;
using ImapConcentrator.Modules.Bot.Telegram;

namespace ImapConcentrator.Tests.Bot;

/// <summary>Telegram's limits: about one message a second into a chat, 30 a second in all.</summary>
public sealed class SendPacerTests
{
    [Fact]
    public async Task One_chat_gets_one_message_a_second()
    {
        var pacer = new SendPacer(TimeProvider.System);
        var clock = Stopwatch.StartNew();
        await pacer.WaitAsync(1, default);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200));
        await pacer.WaitAsync(2, default); // another chat does not wait
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(200));
        await pacer.WaitAsync(1, default);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited {clock.Elapsed}");
    }

    [Fact]
    public async Task The_bot_sends_at_most_thirty_a_second()
    {
        var pacer = new SendPacer(TimeProvider.System);
        var clock = Stopwatch.StartNew();
        for (var chat = 0; chat < SendPacer.PerSecond; chat++)
        {
            await pacer.WaitAsync(chat, default);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"the first 30 took {clock.Elapsed}");
        await pacer.WaitAsync(1000, default);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"the 31st came after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_hold_after_429_delays_the_chat()
    {
        var pacer = new SendPacer(TimeProvider.System);
        var clock = Stopwatch.StartNew();
        pacer.Hold(5, TimeSpan.FromSeconds(2));
        await pacer.WaitAsync(5, default);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1950), $"waited {clock.Elapsed}");
    }
}
