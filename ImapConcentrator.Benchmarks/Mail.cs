using System.Collections.Concurrent;
using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;

namespace ImapConcentrator.Benchmarks;

/// <summary>
/// APPENDs over a bounded pool of persistent IMAP connections (one per user, at most <c>capacity</c> open,
/// least recently used closed first). The send time is taken right before APPEND goes out, after any login.
/// </summary>
internal sealed class Appender(BenchDovecot dovecot, int capacity) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Slot> slots = new();
    private readonly SemaphoreSlim open = new(capacity, capacity);

    public static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(new MailboxAddress("Bench Sender", "bench@example.com"));
        message.To.Add(new MailboxAddress("Bench", "bench@example.com"));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("bench.example");
        message.Body = new TextPart("plain") { Text = "benchmark message " + subject };
        return message;
    }

    /// <summary>Appends; calls <paramref name="sending"/> with Stopwatch ticks right before the APPEND command is sent. Returns the UID.</summary>
    public async Task<uint?> AppendAsync(string user, string password, MimeMessage message, Action<long> sending, CancellationToken cancellationToken)
    {
        var slot = slots.GetOrAdd(user, _ => new Slot());
        await slot.Lock.WaitAsync(cancellationToken);
        try
        {
            if (slot.Client is not { IsConnected: true, IsAuthenticated: true })
            {
                slot.Client?.Dispose();
                slot.Client = null;
                await MakeRoomAsync(user, cancellationToken);
                try
                {
                    slot.Client = await dovecot.ConnectAsync(user, password, cancellationToken);
                }
                catch
                {
                    open.Release();
                    throw;
                }
            }

            slot.LastUsed = Stopwatch.GetTimestamp();
            try
            {
                sending(Stopwatch.GetTimestamp());
                var uid = await slot.Client.Inbox.AppendAsync(message, MessageFlags.None, cancellationToken);
                return uid?.Id;
            }
            catch (Exception ex) when (ex is IOException or ImapProtocolException or ServiceNotConnectedException)
            {
                slot.Client.Dispose();
                slot.Client = null;
                open.Release();
                throw;
            }
        }
        finally
        {
            slot.Lock.Release();
        }
    }

    /// <summary>Takes a connection permit, closing the least recently used idle connection when none is free.</summary>
    private async Task MakeRoomAsync(string forUser, CancellationToken cancellationToken)
    {
        while (!await open.WaitAsync(0, cancellationToken))
        {
            var victim = slots.Where(s => s.Key != forUser && s.Value.Client is not null)
                .OrderBy(s => s.Value.LastUsed).Select(s => s.Value).FirstOrDefault();
            if (victim is not null && await victim.Lock.WaitAsync(0, cancellationToken))
            {
                try
                {
                    if (victim.Client is not null)
                    {
                        victim.Client.Dispose();
                        victim.Client = null;
                        open.Release();
                    }
                }
                finally
                {
                    victim.Lock.Release();
                }
            }
            else
            {
                await Task.Delay(5, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var slot in slots.Values)
        {
            slot.Client?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Slot
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);
        public ImapClient? Client { get; set; }
        public long LastUsed { get; set; }
    }
}

/// <summary>
/// The floor: bare MailKit IDLE connections of the benchmark's own on extra users. A probe appends to one of them and
/// measures the time until the untagged EXISTS (CountChanged). Users are used round-robin so each one sits idle
/// (hibernated, like the app's connections) longer than imap_hibernate_timeout before its next message.
/// </summary>
internal sealed class FloorProbe : IAsyncDisposable
{
    private readonly List<Watcher> watchers = [];

    private readonly ConcurrentQueue<double> latencies = new();
    private int timeouts;

    public List<double> LatenciesMs => latencies.ToList();
    public int Timeouts => timeouts;

    public static async Task<FloorProbe> StartAsync(BenchDovecot dovecot, IReadOnlyList<(string User, string Password)> users, CancellationToken cancellationToken)
    {
        var probe = new FloorProbe();
        foreach (var (user, password) in users)
        {
            var client = await dovecot.ConnectAsync(user, password, cancellationToken);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var watcher = new Watcher(user, password, client);
            watcher.Start();
            probe.watchers.Add(watcher);
        }

        return probe;
    }

    /// <summary>
    /// One probe every <paramref name="every"/> until <paramref name="stop"/>, round-robin over the users, not waiting for
    /// earlier probes (so one user can get messages closer together than the EXISTS latency, like the burst mailbox).
    /// </summary>
    public async Task RunAsync(Appender appender, TimeSpan every, CancellationToken stop)
    {
        var next = 0;
        var sequence = 0;
        var pending = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var watcher = watchers[next++ % watchers.Count];
            var expected = watcher.NextExpected();
            var subject = $"floor {sequence++}";
            pending.Add(Task.Run(() => ProbeAsync(appender, watcher, expected, subject), CancellationToken.None));
            try
            {
                var due = TimeSpan.FromTicks(every.Ticks * sequence) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
        }

        // Once sent, a probe is always waited for (up to 10 s), also when the run stops meanwhile.
        await Task.WhenAll(pending);
    }

    private async Task ProbeAsync(Appender appender, Watcher watcher, int expected, string subject)
    {
        try
        {
            var arrived = watcher.WaitForCountAsync(expected);
            long sent = 0;
            await appender.AppendAsync(watcher.User, watcher.Password, Appender.Message(subject), t => sent = t, CancellationToken.None);
            var done = await Task.WhenAny(arrived, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
            if (done == arrived)
            {
                latencies.Enqueue(Stopwatch.GetElapsedTime(sent, await arrived).TotalMilliseconds);
            }
            else
            {
                Interlocked.Increment(ref timeouts);
            }
        }
        catch (Exception ex) when (ex is IOException or ImapProtocolException or ImapCommandException or ServiceNotConnectedException)
        {
            Interlocked.Increment(ref timeouts);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var w in watchers)
        {
            await w.StopAsync();
        }
    }

    private sealed class Watcher(string user, string password, ImapClient client)
    {
        private readonly CancellationTokenSource done = new();
        private readonly Lock gate = new();
        private readonly List<(int Count, TaskCompletionSource<long> Arrived)> waiting = [];
        private int scheduled = -1;
        private Task? loop;

        public string User => user;
        public string Password => password;
        public int Count { get; private set; }

        public void Start()
        {
            Count = client.Inbox.Count;
            client.Inbox.CountChanged += (_, _) =>
            {
                var now = Stopwatch.GetTimestamp();
                lock (gate)
                {
                    Count = client.Inbox.Count;
                    foreach (var w in waiting.Where(w => w.Count <= Count).ToList())
                    {
                        w.Arrived.TrySetResult(now);
                        waiting.Remove(w);
                    }
                }
            };
            loop = Task.Run(async () =>
            {
                while (!done.IsCancellationRequested)
                {
                    try
                    {
                        // Dovecot ends IDLE itself only after ~30 min; re-enter well before that.
                        using var cycle = CancellationTokenSource.CreateLinkedTokenSource(done.Token);
                        cycle.CancelAfter(TimeSpan.FromMinutes(9));
                        await client.IdleAsync(cycle.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    catch (Exception ex) when (ex is IOException or ImapProtocolException or ServiceNotConnectedException)
                    {
                        await Console.Error.WriteLineAsync($"floor IDLE connection of {user} broke: {ex.Message}");
                        return;
                    }
                }
            });
        }

        /// <summary>The message count the next probe's APPEND makes (probes of one user are appended in order).</summary>
        public int NextExpected()
        {
            lock (gate)
            {
                scheduled = Math.Max(scheduled, Count) + 1;
                return scheduled;
            }
        }

        public Task<long> WaitForCountAsync(int expected)
        {
            lock (gate)
            {
                var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (Count >= expected)
                {
                    tcs.SetResult(Stopwatch.GetTimestamp());
                    return tcs.Task;
                }

                waiting.Add((expected, tcs));
                return tcs.Task;
            }
        }

        public async Task StopAsync()
        {
            await done.CancelAsync();
            if (loop is not null)
            {
                await loop;
            }

            client.Dispose();
        }
    }
}
