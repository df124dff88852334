using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ImapConcentrator.Benchmarks;

/// <summary>Processes, ports, file ownership and /proc readings (Linux only).</summary>
internal static partial class Os
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new SetupException($"Cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new SetupException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr} {await stdout}");
        }

        return await stdout;
    }

    public static string Require(string path, string package) =>
        File.Exists(path) ? path : throw new SetupException($"{path} is missing: install it with `apt-get install -y {package}`.");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout, Func<string> diagnostics, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new SetupException($"Nothing listens on port {port} after {timeout}: {diagnostics()}", ex);
            }
        }
    }

    public static string OpenTempDirectory(string prefix)
    {
        var dir = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(dir, (UnixFileMode)0x1ED); // 0755
        return dir;
    }

    public static void Chown(string path, int uid, int gid)
    {
        if (NativeChown(path, uid, gid) != 0)
        {
            throw new SetupException($"chown {uid}:{gid} {path} failed: errno {Marshal.GetLastPInvokeError()} (the benchmark runs Dovecot as root)");
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeChown(string path, int owner, int group);

    public static bool IsRoot => Environment.UserName == "root" || NativeGetuid() == 0;

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint NativeGetuid();

    /// <summary>VmRSS and VmHWM (peak) in KB, from /proc/pid/status.</summary>
    public static (long RssKb, long PeakKb) Memory(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kb(line);
            }
        }

        return (rss, hwm);

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>utime + stime of the process in seconds, from /proc/pid/stat (clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / ClockTicks;
    }

    private static readonly double ClockTicks = ReadClockTicks();

    private static double ReadClockTicks()
    {
        try
        {
            var start = new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true };
            using var p = Process.Start(start)!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return double.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception)
        {
            return 100;
        }
    }

    public static void KillTree(Process? process)
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}

/// <summary>Setup went wrong: exit code 2 with the message.</summary>
internal sealed class SetupException : Exception
{
    public SetupException(string message) : base(message)
    {
    }

    public SetupException(string message, Exception inner) : base(message, inner)
    {
    }

    public SetupException()
    {
    }
}
