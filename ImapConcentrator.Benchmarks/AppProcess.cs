using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace ImapConcentrator.Benchmarks;

/// <summary>ImapConcentrator.Web as a separate Release process (`dotnet ImapConcentrator.Web.dll`) on a loopback port.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private AppProcess(Process process, StreamWriter log, Uri baseAddress, string key, long startedAt)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
        Key = key;
        StartedAt = startedAt;
    }

    public Uri BaseAddress { get; }
    public string Key { get; }
    public int Pid => process.Id;
    public long StartedAt { get; }
    public bool HasExited => process.HasExited;
    public bool IsIdleMode { get; init; }

    /// <summary>Builds ImapConcentrator.Web in Release (incremental) and returns the path of its dll.</summary>
    public static async Task<string> BuildAsync(string repoRoot)
    {
        var project = Path.Combine(repoRoot, "ImapConcentrator.Web", "ImapConcentrator.Web.csproj");
        Console.Error.WriteLine("building ImapConcentrator.Web (Release)…");
        await Os.RunAsync("dotnet", "build", project, "-c", "Release", "--nologo", "-v", "quiet");
        return Path.Combine(repoRoot, "ImapConcentrator.Web", "bin", "Release", "net10.0", "ImapConcentrator.Web.dll");
    }

    public static async Task<AppProcess> StartAsync(string dll, string tempDir, BenchOptions options, string? postgresConnectionString, CancellationToken cancellationToken)
    {
        if (!File.Exists(dll))
        {
            throw new SetupException($"{dll} does not exist: build ImapConcentrator.Web in Release or drop --no-build");
        }

        var port = Os.FreePort();
        var key = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        if (postgresConnectionString is null)
        {
            env["Database__Provider"] = "Sqlite";
            env["ConnectionStrings__Database"] = $"Data Source={Path.Combine(tempDir, "bench.db")}";
        }
        else
        {
            env["Database__Provider"] = "Postgres";
            env["ConnectionStrings__Database"] = postgresConnectionString;
        }

        env["Subscriptions__WhitelistKeys__0"] = key;
        env["Mail__AllowPlaintext"] = "true";
        env["Mail__AllowPrivateHosts"] = "true";
        env["Mail__PollInterval"] = options.Interval.ToString("c", CultureInfo.InvariantCulture);
        env["Mail__Idle"] = options.Idle ? "true" : "false";
        env["Telegram__BotToken"] = string.Empty;
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__ImapConcentrator"] = "Warning";

        var logWriter = new StreamWriter(Path.Combine(tempDir, "app.log")) { AutoFlush = true };
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new SetupException("Cannot start the app (dotnet)");
        void Write(string? line)
        {
            if (line is not null)
            {
                lock (logWriter)
                {
                    try
                    {
                        logWriter.WriteLine(line);
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, logWriter, new Uri($"http://127.0.0.1:{port}"), key, startedAt) { IsIdleMode = options.Idle };
        await app.WaitReadyAsync(Path.Combine(tempDir, "app.log"), cancellationToken);
        return app;
    }

    private async Task WaitReadyAsync(string logPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new SetupException($"the app exited with {process.ExitCode} during startup; log: {Tail(logPath)}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new SetupException($"the app was not ready within 90 s; log: {Tail(logPath)}");
    }

    public static string Tail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(30));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        Os.KillTree(process);
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
