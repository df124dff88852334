using System.Diagnostics;
using System.Net;

namespace ImapConcentrator.Tests.Foundation;

/// <summary>No Docker engine runs here: the container's steps (dotnet publish, then run the dll) are checked instead.</summary>
public sealed class PublishTests
{
    [Fact]
    public async Task The_published_output_starts_and_is_ready()
    {
        var root = FindRepositoryRoot();
        var output = Processes.OpenTempDirectory("imapc-publish-");
        await Processes.RunAsync("dotnet", "publish", Path.Combine(root, "ImapConcentrator.Web"), "--no-build", "-c", Configuration, "-o", output);
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));

        var port = Processes.FreePort();
        var work = Processes.OpenTempDirectory("imapc-published-");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(output, "ImapConcentrator.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Database"] = $"Data Source={work}/app.db";
        using var process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.UntilAsync(async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the published app answers /health/ready", TimeSpan.FromSeconds(60));
            Assert.True(File.Exists(Path.Combine(work, "app.db")));
        }
        finally
        {
            process.Kill(true);
            await process.WaitForExitAsync();
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    internal static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImapConcentrator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ImapConcentrator.sln not found above the test binaries");
    }
}
