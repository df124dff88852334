using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ImapConcentrator.Benchmarks;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine("interrupted: stopping what the benchmark started…");
    cancel.Cancel();
};
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Console.Error.WriteLine("terminated: stopping what the benchmark started…");
    cancel.Cancel();
});

try
{
    var result = await Benchmark.RunAsync(options, cancel.Token);
    var table = Report.Table([result]);
    Console.WriteLine();
    Console.WriteLine(table);
    foreach (var note in result.Notes)
    {
        Console.WriteLine($"- {note}");
    }

    if (options.MarkdownOut is { } file)
    {
        Report.Append(file, result);
    }

    if (options.Smoke && (result.Lost > 0 || result.Duplicated > 0))
    {
        Console.Error.WriteLine($"smoke: FAILED: {result.Lost} lost, {result.Duplicated} duplicated notification(s)");
        return 1;
    }

    if (options.Smoke)
    {
        Console.Error.WriteLine($"smoke: ok ({result.Sent} messages, 0 lost, 0 duplicated)");
    }

    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("interrupted");
    return 2;
}
catch (SetupException ex)
{
    Console.Error.WriteLine($"setup failed: {ex.Message}");
    return 2;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"benchmark failed: {ex}");
    return 2;
}

namespace ImapConcentrator.Benchmarks
{
    internal sealed record Sent(int Sequence, int MailboxIndex, bool Burst)
    {
        public long SentAt { get; set; }
        public bool Ok { get; set; }
        public string? Error { get; set; }
    }

    internal enum WatchedBy { StateOk, IdleFlag, IdleMetric }

    internal sealed class RunResult
    {
        public required BenchOptions Options { get; init; }
        public double WatchedFromStart { get; set; }
        public double WatchedFromRegistration { get; set; }
        public int Sent { get; set; }
        public int AppendErrors { get; set; }
        public List<double> Latencies { get; } = [];
        public List<double> BurstLatencies { get; } = [];
        public List<double> AllLatencies { get; } = [];
        public List<double> Floor { get; } = [];
        public List<double> AwakeFloor { get; } = [];
        public int FloorTimeouts { get; set; }
        public int Lost { get; set; }
        public int MissingDeliveries { get; set; }
        public int Duplicated { get; set; }
        public double PeakRssMb { get; set; }
        public double CpuSeconds { get; set; }
        public double WindowSeconds { get; set; }
        public double KbPerMailbox { get; set; }
        public List<string> Notes { get; } = [];
    }

    internal static class Benchmark
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public static async Task<RunResult> RunAsync(BenchOptions o, CancellationToken ct)
        {
            if (!OperatingSystem.IsLinux() || !Os.IsRoot)
            {
                throw new SetupException("run the benchmark as root on Linux: it starts Dovecot with one uid per user (like ./test.sh's fixtures)");
            }

            var result = new RunResult { Options = o };
            var repo = FindRepoRoot();
            var temp = Os.OpenTempDirectory("imapc-bench-");
            Log($"temp folder {temp}");
            BenchDovecot? dovecot = null;
            BenchPostgres? postgres = null;
            AppProcess? app = null;
            FloorProbe? floor = null;
            FloorProbe? awakeFloor = null;
            Appender? appender = null;
            var clients = new List<BenchClient>();
            try
            {
                var dll = o.AppDll ?? Path.Combine(repo, "ImapConcentrator.Web", "bin", "Release", "net10.0", "ImapConcentrator.Web.dll");
                if (!o.NoBuild)
                {
                    dll = await AppProcess.BuildAsync(repo);
                }

                var accounts = Enumerable.Range(0, o.Mailboxes)
                    .Select(i => (User: $"bench{i}", Password: $"pw-{i}-{Guid.NewGuid():N}"))
                    .ToList();
                var floorAccounts = Enumerable.Range(0, o.FloorUsers).Select(i => (User: $"floor{i}", Password: $"pw-floor-{i}")).ToList();
                Log($"starting Dovecot with {accounts.Count} + {o.FloorUsers + 1} users");
                var awakeAccounts = new List<(string User, string Password)> { ("awake0", "pw-awake-0") };
                dovecot = await BenchDovecot.StartAsync(temp, [.. accounts, .. floorAccounts, .. awakeAccounts], ct);
                if (o.Store == "postgres")
                {
                    Log("starting PostgreSQL 15");
                    postgres = await BenchPostgres.StartAsync(temp);
                }

                floor = await FloorProbe.StartAsync(dovecot, floorAccounts, ct);
                awakeFloor = await FloorProbe.StartAsync(dovecot, awakeAccounts, ct);
                appender = new Appender(dovecot, capacity: 64);

                Log($"starting the app ({o.Mode} mode, {o.Store}, poll interval {o.Interval})");
                app = await AppProcess.StartAsync(dll, temp, o, postgres?.ConnectionString, ct);
                var rssBefore = Os.Memory(app.Pid).RssKb;

                Log($"registering {o.Mailboxes} mailboxes");
                var firstRegistration = Stopwatch.GetTimestamp();
                await RegisterAsync(app, dovecot, accounts, o.RegisterParallelism, ct);
                Log($"registered in {Stopwatch.GetElapsedTime(firstRegistration).TotalSeconds:F1} s; waiting until every mailbox is watched");
                var watchedBy = await WaitWatchedAsync(app, o.Mailboxes, ct);
                var watched = Stopwatch.GetTimestamp();
                result.WatchedFromStart = Stopwatch.GetElapsedTime(app.StartedAt, watched).TotalSeconds;
                result.WatchedFromRegistration = Stopwatch.GetElapsedTime(firstRegistration, watched).TotalSeconds;
                result.Notes.Add(watchedBy switch
                {
                    WatchedBy.IdleFlag => "watched = state Ok, checked once, and the mailbox's `idle` field true",
                    WatchedBy.IdleMetric => "watched = every mailbox in state Ok, checked once, and `imap_idle_watching` on /metrics = mailboxes",
                    _ when o.Idle => "watched = every mailbox in state Ok with lastCheckedAt set (this app build shows no IDLE state: no `imap_idle_watching` on /metrics)",
                    _ => "watched = every mailbox in state Ok with lastCheckedAt set",
                });
                var rssAfter = Os.Memory(app.Pid).RssKb;
                result.KbPerMailbox = (double)(rssAfter - rssBefore) / o.Mailboxes;
                Log($"all watched {result.WatchedFromStart:F1} s after app start; RSS {rssBefore / 1024} MB → {rssAfter / 1024} MB");

                Log($"connecting {o.Clients} SignalR clients");
                using (var gate = new SemaphoreSlim(16))
                {
                    var connecting = Enumerable.Range(0, o.Clients).Select(async _ =>
                    {
                        await gate.WaitAsync(ct);
                        try
                        {
                            return await BenchClient.ConnectAsync(app.BaseAddress, app.Key, ct);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }).ToList();
                    foreach (var c in connecting)
                    {
                        clients.Add(await c);
                    }
                }

                // Let IDLE connections (ours and the app's) go into hibernation (after 5 s), as they would in a quiet
                // steady state, with a margin: a change arriving around the hand-over is announced late (BENCHMARKS.md).
                await Task.Delay(o.Idle ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(1), ct);

                Log($"appending {o.Rate}/s for {o.Duration} s{(o.BurstMailbox ? " plus one mailbox every 0.5 s" : string.Empty)}");
                var cpuStart = Os.CpuSeconds(app.Pid);
                var windowStart = Stopwatch.GetTimestamp();
                using var floorStop = new CancellationTokenSource();
                var floorTask = floor.RunAsync(appender, TimeSpan.FromSeconds(1), floorStop.Token);
                // The awake floor: with a burst mailbox, one bare IDLE user gets messages just as often (0.5 s apart).
                var awakeTask = awakeFloor.RunAsync(appender, TimeSpan.FromSeconds(o.BurstMailbox ? 0.5 : 1), floorStop.Token);
                var sent = await AppendAllAsync(o, appender, accounts, ct);
                await floorStop.CancelAsync();
                await floorTask;
                await awakeTask;

                var ok = sent.Where(s => s.Ok).ToList();
                result.Sent = ok.Count;
                result.AppendErrors = sent.Count - ok.Count;
                foreach (var failed in sent.Where(s => !s.Ok).Take(3))
                {
                    result.Notes.Add($"APPEND {failed.Sequence} failed: {failed.Error}");
                }

                Log($"appended {ok.Count} ({result.AppendErrors} failed); waiting up to {o.GracePeriod.TotalSeconds:F0} s for the rest");
                var graceEnd = Stopwatch.GetTimestamp() + (long)(o.GracePeriod.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < graceEnd && !AllDelivered(ok, clients))
                {
                    await Task.Delay(200, ct);
                }

                // A moment more for duplicates to show up.
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                result.CpuSeconds = Os.CpuSeconds(app.Pid) - cpuStart;
                result.WindowSeconds = Stopwatch.GetElapsedTime(windowStart).TotalSeconds;
                result.PeakRssMb = Os.Memory(app.Pid).PeakKb / 1024.0;
                result.Floor.AddRange(floor.LatenciesMs);
                result.FloorTimeouts = floor.Timeouts + awakeFloor.Timeouts;
                result.AwakeFloor.AddRange(awakeFloor.LatenciesMs);
                Analyse(result, ok, clients);
                if (result.FloorTimeouts > 0)
                {
                    result.Notes.Add($"{result.FloorTimeouts} floor probe(s) saw no EXISTS within 10 s");
                }

                if (app.HasExited)
                {
                    result.Notes.Add("the app exited during the run");
                }

                var problems = dovecot.Problems();
                if (problems.Count > 0)
                {
                    result.Notes.Add($"Dovecot logged {problems.Count} warning/error line(s), e.g. {problems[0]}");
                }

                return result;
            }
            catch (SetupException) when (app is not null)
            {
                Log("app log tail:\n" + AppProcess.Tail(Path.Combine(temp, "app.log")));
                throw;
            }
            finally
            {
                foreach (var c in clients)
                {
                    await c.DisposeAsync();
                }

                if (app is not null)
                {
                    await app.DisposeAsync();
                }

                if (floor is not null)
                {
                    await floor.DisposeAsync();
                }

                if (awakeFloor is not null)
                {
                    await awakeFloor.DisposeAsync();
                }

                if (appender is not null)
                {
                    await appender.DisposeAsync();
                }

                if (dovecot is not null)
                {
                    await dovecot.DisposeAsync();
                }

                if (postgres is not null)
                {
                    await postgres.DisposeAsync();
                }

                if (o.KeepTemp)
                {
                    Log($"kept {temp}");
                }
                else
                {
                    try
                    {
                        Directory.Delete(temp, recursive: true);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        Log($"could not delete {temp}: {ex.Message}");
                    }
                }
            }
        }

        private static void Log(string message) =>
            Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.f}] {message}");

        private static string FindRepoRoot()
        {
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "ImapConcentrator.sln")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new SetupException("cannot find ImapConcentrator.sln above the current folder or the benchmark's binaries");
        }

        private static async Task RegisterAsync(AppProcess app, BenchDovecot dovecot, List<(string User, string Password)> accounts, int parallelism, CancellationToken ct)
        {
            using var http = app.Api();
            using var gate = new SemaphoreSlim(parallelism);
            var errors = new ConcurrentQueue<string>();
            var tasks = accounts.Select(async a =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var body = new { host = dovecot.Host, port = dovecot.Port, security = "None", username = a.User, password = a.Password };
                    using var response = await http.PostAsJsonAsync(new Uri("/api/mailboxes", UriKind.Relative), body, ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors.Enqueue($"{a.User}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    }
                }
                catch (HttpRequestException ex)
                {
                    errors.Enqueue($"{a.User}: {ex.Message}");
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(tasks);
            if (!errors.IsEmpty)
            {
                throw new SetupException($"{errors.Count} registration(s) failed, e.g. {string.Join("; ", errors.Take(3))}");
            }
        }

        /// <summary>
        /// Until every mailbox is Ok and checked and, in idle mode, IDLE-watched where the app says so: by an `idle` field on the
        /// mailbox, or by the `imap_idle_watching` gauge on /metrics. Returns which definition applied.
        /// </summary>
        private static async Task<WatchedBy> WaitWatchedAsync(AppProcess app, int count, CancellationToken ct)
        {
            using var http = app.Api();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120 + (count / 5.0));
            var lastSummary = string.Empty;
            while (true)
            {
                var text = await http.GetStringAsync(new Uri("/api/mailboxes", UriKind.Relative), ct);
                using var doc = JsonDocument.Parse(text);
                var mailboxes = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [];
                var idleFlag = false;
                var watched = 0;
                var states = new Dictionary<string, int>();
                foreach (var m in mailboxes)
                {
                    var state = m.TryGetProperty("state", out var s) ? s.ToString() : "?";
                    states[state] = states.GetValueOrDefault(state) + 1;
                    var checkedOnce = m.TryGetProperty("lastCheckedAt", out var c) && c.ValueKind != JsonValueKind.Null;
                    var idleOk = true;
                    if (m.TryGetProperty("idle", out var idle) && idle.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        idleFlag = true;
                        idleOk = idle.ValueKind == JsonValueKind.True || !app.IsIdleMode;
                    }

                    if (state == "Ok" && checkedOnce && idleOk)
                    {
                        watched++;
                    }
                }

                var idleWatching = app.IsIdleMode ? await IdleWatchingAsync(http, ct) : null;
                if (mailboxes.Count >= count && watched >= count && (idleWatching is null || idleWatching >= count))
                {
                    return idleFlag ? WatchedBy.IdleFlag : idleWatching is not null ? WatchedBy.IdleMetric : WatchedBy.StateOk;
                }

                lastSummary = $"{watched}/{count} Ok and checked{(idleWatching is { } w ? $", imap_idle_watching {w}" : string.Empty)}; states {string.Join(", ", states.Select(kv => $"{kv.Key} {kv.Value}"))}";
                if (DateTime.UtcNow > deadline || app.HasExited)
                {
                    throw new SetupException($"not every mailbox was watched in time: {lastSummary}");
                }

                await Task.Delay(250, ct);
            }
        }

        /// <summary>The `imap_idle_watching` gauge from /metrics, or null when the app does not publish it.</summary>
        private static async Task<double?> IdleWatchingAsync(HttpClient http, CancellationToken ct)
        {
            try
            {
                var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
                double? total = null;
                foreach (var line in text.Split('\n'))
                {
                    if (line.StartsWith("imap_idle_watching", StringComparison.Ordinal)
                        && (line.Length == "imap_idle_watching".Length || line["imap_idle_watching".Length] is ' ' or '{')
                        && double.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    {
                        total = (total ?? 0) + v;
                    }
                }

                return total;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }

        private static async Task<List<Sent>> AppendAllAsync(BenchOptions o, Appender appender, List<(string User, string Password)> accounts, CancellationToken ct)
        {
            var plan = new List<(double At, Sent Sent)>();
            var total = (int)Math.Round(o.Rate * o.Duration);
            var sequence = 0;
            var burstTarget = o.BurstMailbox && accounts.Count > 1;
            for (var i = 0; i < total; i++)
            {
                // With a burst mailbox, the steady stream goes to the others so the burst mailbox sees exactly 0.5 s spacing.
                var index = burstTarget ? 1 + (i % (accounts.Count - 1)) : i % accounts.Count;
                plan.Add((i / o.Rate, new Sent(sequence++, index, false)));
            }

            if (o.BurstMailbox)
            {
                for (var t = 0.25; t < o.Duration; t += 0.5)
                {
                    plan.Add((t, new Sent(sequence++, 0, true)));
                }
            }

            plan.Sort((a, b) => a.At.CompareTo(b.At));
            var start = Stopwatch.GetTimestamp();
            var running = new List<Task>(plan.Count);
            using var gate = new SemaphoreSlim(64);
            foreach (var (at, sent) in plan)
            {
                var wait = TimeSpan.FromSeconds(at) - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                await gate.WaitAsync(ct);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        var (user, password) = accounts[sent.MailboxIndex];
                        await appender.AppendAsync(user, password, Appender.Message($"bench {sent.Sequence}"), t => sent.SentAt = t, ct);
                        sent.Ok = true;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        sent.Error = ex.Message;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }, ct));
            }

            await Task.WhenAll(running);
            return plan.Select(p => p.Sent).ToList();
        }

        private static int? Token(string subject) =>
            subject.StartsWith("bench ", StringComparison.Ordinal)
            && int.TryParse(subject.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;

        private static bool AllDelivered(List<Sent> ok, List<BenchClient> clients)
        {
            foreach (var c in clients)
            {
                var got = new HashSet<int>(c.Received.Select(r => Token(r.Notification.Subject) ?? -1));
                if (ok.Any(s => !got.Contains(s.Sequence)))
                {
                    return false;
                }
            }

            return true;
        }

        private static void Analyse(RunResult result, List<Sent> ok, List<BenchClient> clients)
        {
            var first = new Dictionary<int, long>();
            var missing = new HashSet<int>();
            foreach (var c in clients)
            {
                var received = c.Received.ToList();
                var byToken = new Dictionary<int, int>();
                var byUid = new Dictionary<(long, long, long), int>();
                foreach (var r in received)
                {
                    var n = r.Notification;
                    var key = (n.MailboxId, n.UidValidity, n.Uid);
                    byUid[key] = byUid.GetValueOrDefault(key) + 1;
                    if (Token(n.Subject) is { } token)
                    {
                        byToken[token] = byToken.GetValueOrDefault(token) + 1;
                        if (!first.TryGetValue(token, out var at) || r.At < at)
                        {
                            first[token] = r.At;
                        }
                    }
                }

                result.Duplicated += Math.Max(byToken.Values.Sum(v => v - 1), byUid.Values.Sum(v => v - 1));
                foreach (var s in ok)
                {
                    if (!byToken.ContainsKey(s.Sequence))
                    {
                        missing.Add(s.Sequence);
                        result.MissingDeliveries++;
                    }
                }
            }

            result.Lost = missing.Count;
            foreach (var s in ok)
            {
                if (first.TryGetValue(s.Sequence, out var at))
                {
                    var ms = Stopwatch.GetElapsedTime(s.SentAt, at).TotalMilliseconds;
                    result.AllLatencies.Add(ms);
                    (s.Burst ? result.BurstLatencies : result.Latencies).Add(ms);
                }
            }

            if (result.MissingDeliveries > 0)
            {
                result.Notes.Add($"{result.Lost} message(s) not received by at least one client ({result.MissingDeliveries} missing deliveries over {clients.Count} clients)");
            }

            var h = result.Floor;
            var a = result.AwakeFloor;
            var awakeSpacing = result.Options.BurstMailbox ? "0.5 s" : "1 s";
            result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"floor (bare IDLE, {h.Count} probes round-robin on {result.Options.FloorUsers} user(s), each getting a message every {result.Options.FloorUsers} s, {(result.Options.FloorUsers > 5 ? "so hibernated" : "so mostly awake")}): p50 {Report.Percentile(h, 50):F0} ms, p99 {Report.Percentile(h, 99):F0} ms; " +
                $"awake floor (one bare IDLE user getting a message every {awakeSpacing}, never hibernated: {a.Count} probes): p50 {Report.Percentile(a, 50):F0} ms, p99 {Report.Percentile(a, 99):F0} ms"));
            if (result.BurstLatencies.Count > 0)
            {
                var all = result.AllLatencies;
                result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"the table's latency columns are the steady stream's ({result.Latencies.Count} messages); all {all.Count} messages: p50 {Report.Percentile(all, 50):F0} ms, p95 {Report.Percentile(all, 95):F0} ms, p99 {Report.Percentile(all, 99):F0} ms, max {all.Max():F0} ms"));
                var b = result.BurstLatencies;
                result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"burst mailbox (0.5 s apart): {b.Count} messages, p50 {Report.Percentile(b, 50):F0} ms, p99 {Report.Percentile(b, 99):F0} ms, max {b.Max():F0} ms; " +
                    $"overhead above the awake floor p50 {Report.Percentile(b, 50) - Report.Percentile(a, 50):F0} ms, p99 {Report.Percentile(b, 99) - Report.Percentile(a, 99):F0} ms"));
            }
        }
    }

    internal static class Report
    {
        private const string Header =
            "| mode | store | mailboxes | clients | rate/s | duration s | sent | watched s (from start / 1st reg.) | p50 ms | p95 ms | p99 ms | max ms | floor p50 ms | floor p99 ms | overhead p50 ms | overhead p99 ms | lost | dup | peak RSS MB | CPU s | cores | KB/mailbox |\n" +
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

        public static double Percentile(List<double> values, double p)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }

        private static string F(double v, string format = "F0") =>
            double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

        public static string Row(RunResult r)
        {
            var o = r.Options;
            var l = r.Latencies;
            var mode = o.Mode + (o.Mode == "poll" ? $" {o.Interval.TotalSeconds:0.#}s" : string.Empty) + (o.BurstMailbox ? " +burst" : string.Empty);
            var p50 = Percentile(l, 50);
            var p99 = Percentile(l, 99);
            var f50 = Percentile(r.Floor, 50);
            var f99 = Percentile(r.Floor, 99);
            var cores = r.WindowSeconds > 0 ? r.CpuSeconds / r.WindowSeconds : double.NaN;
            return string.Create(CultureInfo.InvariantCulture,
                $"| {mode} | {o.Store} | {o.Mailboxes} | {o.Clients} | {o.Rate:0.##} | {o.Duration:0.##} | {r.Sent}{(r.AppendErrors > 0 ? $" ({r.AppendErrors} failed)" : string.Empty)} | " +
                $"{F(r.WatchedFromStart, "F1")} / {F(r.WatchedFromRegistration, "F1")} | {F(p50)} | {F(Percentile(l, 95))} | {F(p99)} | {F(l.Count > 0 ? l.Max() : double.NaN)} | " +
                $"{F(f50)} | {F(f99)} | {F(p50 - f50)} | {F(p99 - f99)} | {r.Lost} | {r.Duplicated} | {F(r.PeakRssMb)} | {F(r.CpuSeconds, "F1")} | {F(cores, "F2")} | {F(r.KbPerMailbox, "F0")} |");
        }

        public static string Table(IEnumerable<RunResult> results)
        {
            var sb = new StringBuilder(Header);
            foreach (var r in results)
            {
                sb.Append('\n').Append(Row(r));
            }

            return sb.ToString();
        }

        public static void Append(string file, RunResult result)
        {
            var exists = File.Exists(file) && File.ReadAllText(file).Contains("| mode | store |", StringComparison.Ordinal);
            var text = new StringBuilder();
            if (!exists)
            {
                text.Append('\n').Append(Header).Append('\n');
            }

            text.Append(Row(result)).Append('\n');
            File.AppendAllText(file, text.ToString());
        }
    }
}
