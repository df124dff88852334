using System.Globalization;
using Npgsql;

namespace ImapConcentrator.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 on a free loopback port. initdb refuses root, so it runs as the
/// postgres system user on a data folder that user owns.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static int databases;
    private readonly string dir;

    private PostgresServer(string dir, int port)
    {
        this.dir = dir;
        Port = port;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(dir, "data");

    public static async Task<PostgresServer> StartAsync()
    {
        Processes.Require($"{Bin}/initdb", "postgresql-15");
        var server = new PostgresServer(Processes.OpenTempDirectory("postgres-"), Processes.FreePort());
        await Processes.RunAsync("chown", "postgres:postgres", server.dir);
        await Processes.RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/initdb", "-D", server.DataDir,
            "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync() =>
        Processes.RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", DataDir, "-w", "-l", Path.Combine(dir, "log"),
            "-o", string.Create(CultureInfo.InvariantCulture,
                $"-p {Port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300"),
            "start");

    public Task StopAsync() =>
        Processes.RunAsync("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", DataDir, "-w", "-m", "fast", "stop");

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5");

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{Interlocked.Increment(ref databases)}");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }
}
