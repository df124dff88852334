using System.Diagnostics;

namespace ImapConcentrator.Tests.Foundation;

/// <summary>Runs the built app as a real process: invalid configuration must stop it with a non-zero exit naming the key.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("Mail__PollInterval", "-00:00:05", "Mail:PollInterval")]
    [InlineData("Subscriptions__WhitelistKeys__0", " ", "Subscriptions:WhitelistKeys")]
    [InlineData("Telegram__BotToken", "123:abc", "Telegram:WebhookSecret")]
    public async Task Invalid_configuration_stops_startup_naming_the_key(string variable, string value, string key)
    {
        var (exitCode, output) = await RunAppAsync(new() { [variable] = value });
        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, output, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Output)> RunAppAsync(Dictionary<string, string> environment)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Processes.OpenTempDirectory("imapc-app-"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_CONTENTROOT"] = start.WorkingDirectory;
        start.Environment["ConnectionStrings__Database"] = $"Data Source={start.WorkingDirectory}/app.db";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(true);
            throw new TimeoutException($"The app did not stop within 60 s: {await stdout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
