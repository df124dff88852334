namespace ImapConcentrator.Tests.Infrastructure;

/// <summary>One Dovecot and one PostgreSQL shared by the tests of a collection; tests that stop a server start their own.</summary>
public sealed class Servers : IAsyncLifetime
{
    private static int users;

    public DovecotServer Dovecot { get; private set; } = null!;
    public PostgresServer Postgres { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var dovecot = DovecotServer.StartAsync();
        var postgres = PostgresServer.StartAsync();
        Dovecot = await dovecot;
        Postgres = await postgres;
    }

    public async Task DisposeAsync()
    {
        await Dovecot.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A fresh IMAP user with the given password (default: one with a space and non-ASCII letters).</summary>
    public async Task<(string User, string Password)> NewUserAsync(string password = "pä ss wörd 7")
    {
        var user = $"user{Interlocked.Increment(ref users)}";
        await Dovecot.AddUserAsync(user, password);
        return (user, password);
    }

    /// <summary>The app on SQLite or on a fresh PostgreSQL database.</summary>
    public async Task<AppHost> AppAsync(string provider, IDictionary<string, string?>? extra = null) =>
        provider == "Postgres"
            ? AppHost.Postgres(await Postgres.CreateDatabaseAsync(), extra)
            : AppHost.Sqlite(extra: extra);

}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<Servers>
{
    public const string Name = "servers";
}
