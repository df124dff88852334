using ImapConcentrator.Tests.Foundation;
using ImapConcentrator.Tests.Mail;
using Microsoft.Playwright;

namespace ImapConcentrator.Tests.Realtime;

/// <summary>The dashboard in headless Debian Chromium (./test.sh installs the chromium package).</summary>
[Collection(ServersCollection.Name)]
public sealed class DashboardTests(Servers servers)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Entering_the_key_shows_mailboxes_and_new_mail_live()
    {
        Processes.Require(Chromium, "chromium");
        var (user, password) = await servers.NewUserAsync();
        await using var app = AppHost.Sqlite();
        var address = app.StartOnKestrel();
        var mailbox = await MailApi.RegisterAsync(app, servers.Dovecot, user, password);
        await MailApi.WaitForChecksAsync(app, mailbox.Id, 1);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var external = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(address.ToString(), StringComparison.Ordinal))
            {
                external.Add(request.Url);
            }
        };
        await page.GotoAsync(address.ToString());
        await page.FillAsync("#token", AppHost.WhitelistKey);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("connected");
        await Assertions.Expect(page.Locator("#login")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#mailboxes")).ToContainTextAsync($"{user}@127.0.0.1");

        var subject = $"Hello <b>dashboard</b> {Guid.NewGuid():N}";
        await servers.Dovecot.AppendAsync(user, DovecotServer.Message(subject, "shown live"));
        await Assertions.Expect(page.Locator("#notifications .subject").First).ToHaveTextAsync(subject, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#notifications .preview").First).ToHaveTextAsync("shown live");
        Assert.Equal(0, await page.Locator("#notifications b").CountAsync()); // mail text is text, never markup

        var artifacts = Path.Combine(PublishTests.FindRepositoryRoot(), "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "dashboard.png"), FullPage = true });
        Assert.Empty(external);

        // The key lives in this tab's session storage only.
        Assert.Equal(AppHost.WhitelistKey, await page.EvaluateAsync<string>("sessionStorage.getItem('imapconcentrator.token')"));
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('imapconcentrator.token')"));
    }
}
