namespace ImapConcentrator.Modules.Bot.Telegram;

/// <summary>
/// Telegram's limits for bots: about one message a second into one chat and 30 a second in all.
/// Each send takes a slot; a caller waits until both its chat and the whole bot have room.
/// </summary>
internal sealed class SendPacer(TimeProvider time)
{
    public static readonly TimeSpan PerChat = TimeSpan.FromSeconds(1);
    public const int PerSecond = 30;

    private readonly Lock gate = new();
    private readonly Dictionary<long, DateTimeOffset> nextPerChat = [];
    private readonly Queue<DateTimeOffset> recent = new();

    public async Task WaitAsync(long chatId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (gate)
            {
                var now = time.GetUtcNow();
                while (recent.Count > 0 && now - recent.Peek() >= TimeSpan.FromSeconds(1))
                {
                    recent.Dequeue();
                }

                var chatWait = nextPerChat.TryGetValue(chatId, out var next) ? next - now : TimeSpan.Zero;
                var globalWait = recent.Count >= PerSecond ? recent.Peek().AddSeconds(1) - now : TimeSpan.Zero;
                wait = chatWait > globalWait ? chatWait : globalWait;
                if (wait <= TimeSpan.Zero)
                {
                    recent.Enqueue(now);
                    nextPerChat[chatId] = now + PerChat;
                    return;
                }
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>After a 429 the chat waits at least <paramref name="delay"/> before its next message.</summary>
    public void Hold(long chatId, TimeSpan delay)
    {
        lock (gate)
        {
            var until = time.GetUtcNow() + delay;
            if (!nextPerChat.TryGetValue(chatId, out var next) || next < until)
            {
                nextPerChat[chatId] = until;
            }
        }
    }
}
