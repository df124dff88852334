using System.Net;

namespace ImapConcentrator.Tests.Foundation;

public sealed class HealthTests
{
    [Fact]
    public async Task Sqlite_default_is_live_and_ready()
    {
        await using var app = AppHost.Sqlite();
        using var client = app.Api(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Ready_follows_the_postgres_server_and_live_does_not()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var app = AppHost.Postgres(await postgres.CreateDatabaseAsync());
        using var client = app.Api(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        await postgres.StopAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

        await postgres.StartAgainAsync();
        await Eventually.UntilAsync(
            async () => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            "ready is 200 again after PostgreSQL came back");
    }
}
