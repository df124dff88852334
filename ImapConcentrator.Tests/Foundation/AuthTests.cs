using System.Net;

namespace ImapConcentrator.Tests.Foundation;

public sealed class AuthTests : IAsyncLifetime
{
    private readonly AppHost app = AppHost.Sqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/api/mailboxes")]
    [InlineData("/api/notifications")]
    public async Task Whitelist_key_works_as_bearer_header(string path)
    {
        using var client = app.Api();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("/api/mailboxes")]
    [InlineData("/api/notifications")]
    public async Task Whitelist_key_works_as_access_token_query(string path)
    {
        using var client = app.Api(null);
        var response = await client.GetAsync(new Uri($"{path}?access_token={Uri.EscapeDataString(AppHost.WhitelistKey)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData(AppHost.WhitelistKey + "x")]
    [InlineData("test-whitelist-key-6f1c2")]
    public async Task Missing_or_wrong_keys_get_401(string? token)
    {
        using var client = app.Api(token is "" ? null : token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/mailboxes", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/notifications", UriKind.Relative))).StatusCode);
        var query = await client.GetAsync(new Uri($"/api/mailboxes?access_token={token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
    }
}
