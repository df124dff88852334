using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImapConcentrator.Tests.Infrastructure;

/// <summary>The real app in-process, on SQLite (a temp file) or on a PostgreSQL database, with fast test settings.</summary>
public sealed class AppHost : WebApplicationFactory<Program>
{
    public const string WhitelistKey = "test-whitelist-key-6f1c2a";

    private readonly Dictionary<string, string?> settings;

    private AppHost(Dictionary<string, string?> settings) => this.settings = settings;

    public LogCapture Logs { get; } = new();

    /// <summary>Extra services for a test (e.g. a listener), added after the app's own.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    public string ConnectionString => settings["ConnectionStrings:Database"]!;

    public static AppHost Sqlite(string? databaseFile = null, IDictionary<string, string?>? extra = null) =>
        Create("Sqlite", $"Data Source={databaseFile ?? NewSqliteFile()}", extra);

    public static AppHost Postgres(string connectionString, IDictionary<string, string?>? extra = null) =>
        Create("Postgres", connectionString, extra);

    public static AppHost Create(string provider, string connectionString, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Database"] = connectionString,
            ["Subscriptions:WhitelistKeys:0"] = WhitelistKey,
            ["Mail:PollInterval"] = "00:00:01",
            ["Mail:SafetyCheckInterval"] = "00:00:01",
            ["Mail:AllowPlaintext"] = "true",
            ["Mail:AllowPrivateHosts"] = "true",
            ["Logging:LogLevel:Quartz"] = "Information",
            ["Logging:LogLevel:ImapConcentrator"] = "Debug",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new AppHost(settings);
    }

    /// <summary>Same settings and database, a fresh process-like host: for restart tests.</summary>
    public AppHost Restart() => new(new Dictionary<string, string?>(settings)) { TestServices = TestServices };

    public static string NewSqliteFile() => Path.Combine(Processes.OpenTempDirectory("imapc-sqlite-"), "app.db");

    public HttpClient Api(string? token = WhitelistKey)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Serves on a real loopback port (WebSockets, browsers); returns the base address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        if (TestServices is not null)
        {
            builder.ConfigureServices(TestServices);
        }
    }
}
