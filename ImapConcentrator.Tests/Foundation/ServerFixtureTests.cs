using MailKit;
using Npgsql;

namespace ImapConcentrator.Tests.Foundation;

[Collection(ServersCollection.Name)]
public sealed class ServerFixtureTests(Servers servers)
{
    [Fact]
    public async Task Dovecot_appends_expunges_and_changes_uidvalidity()
    {
        var (user, _) = await servers.NewUserAsync();
        var uids = await servers.Dovecot.AppendAsync(user, DovecotServer.Message("one"), DovecotServer.Message("two"));
        Assert.Equal([1u, 2u], uids);

        await servers.Dovecot.DeleteAllAsync(user);
        using (var client = await servers.Dovecot.ConnectAsync(user))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            Assert.Equal(0, client.Inbox.Count);
            Assert.Equal(3u, client.Inbox.UidNext?.Id);
        }

        var before = await servers.Dovecot.UidValidityAsync(user);
        await servers.Dovecot.ChangeUidValidityAsync(user, before + 1000);
        Assert.Equal(before + 1000, await servers.Dovecot.UidValidityAsync(user));
    }

    [Fact]
    public async Task Dovecot_refuses_a_wrong_password()
    {
        var (user, _) = await servers.NewUserAsync();
        await servers.Dovecot.SetPasswordAsync(user, "other");
        await Assert.ThrowsAsync<MailKit.Security.AuthenticationException>(() => ConnectWith(user, "wrong"));
    }

    private async Task<MailKit.Net.Imap.ImapClient> ConnectWith(string user, string password)
    {
        var client = new MailKit.Net.Imap.ImapClient();
        await client.ConnectAsync(servers.Dovecot.Host, servers.Dovecot.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        return client;
    }

    [Fact]
    public async Task Postgres_creates_usable_databases()
    {
        var connectionString = await servers.Postgres.CreateDatabaseAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.StartsWith("test_", (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }
}
