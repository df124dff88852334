using System.Globalization;

namespace ImapConcentrator.Benchmarks;

/// <summary>Command-line options; see BENCHMARKS.md.</summary>
internal sealed class BenchOptions
{
    public int Mailboxes { get; set; } = 20;
    public int Clients { get; set; } = 2;
    public double Rate { get; set; } = 5;
    public double Duration { get; set; } = 10;
    public string Mode { get; set; } = "idle";
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
    public string Store { get; set; } = "sqlite";
    public bool BurstMailbox { get; set; }
    public bool Smoke { get; set; }
    public string? MarkdownOut { get; set; }
    public bool NoBuild { get; set; }
    public string? AppDll { get; set; }
    public double? Grace { get; set; }
    public int RegisterParallelism { get; set; } = 16;
    public bool KeepTemp { get; set; }
    public int? FloorUsersOption { get; set; }

    /// <summary>
    /// Users of the floor probe, one probe a second round-robin: so each floor user gets a message as often as one of the
    /// benchmark's mailboxes does (mailboxes / rate seconds), capped at 8 (beyond 5 s, imap_hibernate_timeout, all are hibernated).
    /// </summary>
    public int FloorUsers => FloorUsersOption ?? Math.Clamp((int)Math.Ceiling(Mailboxes / Rate), 1, 8);

    public bool Idle => Mode == "idle";

    /// <summary>How long after the last append a missing notification still counts as late rather than lost.</summary>
    /// <remarks>
    /// In idle mode: 10 s, or more when the poll interval is long enough that a mailbox not (yet) IDLE-watched is found
    /// by a poll (interval + 10 % jitter + 5 s): then a late notification shows as latency, not as a loss.
    /// </remarks>
    public TimeSpan GracePeriod => Grace is { } g ? TimeSpan.FromSeconds(g)
        : Idle ? TimeSpan.FromSeconds(Math.Max(10, (Interval.TotalSeconds * 1.1) + 5))
        : (2 * Interval) + TimeSpan.FromSeconds(10);

    public const string Usage = """
        ImapConcentrator.Benchmarks [options]
          --mailboxes N        mailboxes (Dovecot users) to register (default 20)
          --clients M          SignalR clients with the whitelist key (default 2)
          --rate R             messages per second over all mailboxes (default 5)
          --duration S         seconds of appending (default 10)
          --mode idle|poll     Mail:Idle true or false (default idle)
          --interval T         Mail:PollInterval, e.g. 00:00:10 or 10s (default 10s)
          --store sqlite|postgres  the app's database (default sqlite; postgres starts a throwaway PostgreSQL 15)
          --burst-mailbox      also append to one mailbox every 0.5 s
          --smoke              small defaults (20 mailboxes, 2 clients, 10/s for 10 s, interval 2 s); exit 1 on any lost or duplicated notification (never on timing)
          --markdown-out FILE  append the result table to FILE
          --grace S            seconds to wait for late notifications after the last append
                               (default: poll mode 2 x interval + 10; idle mode max(10, 1.1 x interval + 5))
          --no-build           do not build ImapConcentrator.Web (Release) first
          --app-dll PATH       run this ImapConcentrator.Web.dll (implies --no-build)
          --keep-temp          keep the temp folder (Dovecot log, app log, database)
          --floor-users K      bare IDLE users for the floor, probed round-robin once a second (default
                               mailboxes / rate, at most 8: each floor user then gets a message as often as each
                               mailbox does, so it is hibernated (quiet > 5 s) exactly when the app's connections are)
        Exit codes: 0 done, 1 --smoke found lost/duplicated notifications, 2 setup failed.
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var smokeDefaults = args.Contains("--smoke");
        if (smokeDefaults)
        {
            o.Smoke = true;
            o.Mailboxes = 20;
            o.Clients = 2;
            // 10/s over 20 mailboxes = one message per mailbox every 2 s, well clear of imap_hibernate_timeout = 5 s:
            // a change arriving around the moment an IDLE connection is hibernated is not announced until the next
            // change (seen on bare IDLE connections too; see BENCHMARKS.md), and the smoke run tests the app, not that.
            o.Rate = 10;
            o.Duration = 10;
            o.Interval = TimeSpan.FromSeconds(2);
        }

        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--mailboxes": o.Mailboxes = PositiveInt(Next(), "--mailboxes"); break;
                case "--clients": o.Clients = PositiveInt(Next(), "--clients"); break;
                case "--rate": o.Rate = PositiveDouble(Next(), "--rate"); break;
                case "--duration": o.Duration = PositiveDouble(Next(), "--duration"); break;
                case "--mode":
                    o.Mode = Next().ToLowerInvariant();
                    if (o.Mode is not ("idle" or "poll"))
                    {
                        throw new ArgumentException("--mode must be idle or poll");
                    }

                    break;
                case "--interval": o.Interval = Span(Next()); break;
                case "--store":
                    o.Store = Next().ToLowerInvariant();
                    if (o.Store is not ("sqlite" or "postgres"))
                    {
                        throw new ArgumentException("--store must be sqlite or postgres");
                    }

                    break;
                case "--burst-mailbox": o.BurstMailbox = true; break;
                case "--smoke": break;
                case "--markdown-out": o.MarkdownOut = Next(); break;
                case "--grace": o.Grace = PositiveDouble(Next(), "--grace"); break;
                case "--no-build": o.NoBuild = true; break;
                case "--app-dll": o.AppDll = Path.GetFullPath(Next()); o.NoBuild = true; break;
                case "--keep-temp": o.KeepTemp = true; break;
                case "--floor-users": o.FloorUsersOption = PositiveInt(Next(), "--floor-users"); break;
                case "--register-parallelism": o.RegisterParallelism = PositiveInt(Next(), "--register-parallelism"); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return o;
    }

    private static int PositiveInt(string s, string name) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{name} must be a positive integer, not '{s}'");

    private static double PositiveDouble(string s, string name) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{name} must be a positive number, not '{s}'");

    private static TimeSpan Span(string s)
    {
        if (s.EndsWith('s') && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new ArgumentException($"--interval must be a positive time span (00:00:10 or 10s), not '{s}'");
    }
}
