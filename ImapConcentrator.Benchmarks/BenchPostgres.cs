using System.Globalization;

namespace ImapConcentrator.Benchmarks;

/// <summary>A throwaway PostgreSQL 15 on a free loopback port, run as the postgres system user (initdb refuses root).</summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string dir;
    private bool started;

    private BenchPostgres(string dir, int port)
    {
        this.dir = dir;
        Port = port;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(dir, "data");

    public string ConnectionString =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=15;Maximum Pool Size=100");

    public static async Task<BenchPostgres> StartAsync(string parent)
    {
        Os.Require($"{Bin}/initdb", "postgresql-15");
        var dir = Path.Combine(parent, "postgres");
        Directory.CreateDirectory(dir);
        var server = new BenchPostgres(dir, Os.FreePort());
        await Os.RunAsync("chown", "postgres:postgres", dir);
        await Os.RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/initdb", "-D", server.DataDir,
            "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        await Os.RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", server.DataDir, "-w", "-l", Path.Combine(dir, "log"),
            "-o", string.Create(CultureInfo.InvariantCulture,
                $"-p {server.Port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=300"),
            "start");
        server.started = true;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!started)
        {
            return;
        }

        started = false;
        try
        {
            await Os.RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", DataDir, "-w", "-m", "immediate", "stop");
        }
        catch (SetupException ex)
        {
            await Console.Error.WriteLineAsync($"stopping PostgreSQL: {ex.Message}");
        }
    }
}
