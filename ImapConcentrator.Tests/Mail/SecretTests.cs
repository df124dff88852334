using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ImapConcentrator.Tests.Mail;

/// <summary>Issue 3's "done when" 7: the password is in no API response, no log line, and not in plain text in the database.</summary>
[Collection(ServersCollection.Name)]
public sealed class SecretTests(Servers servers)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task The_password_never_leaves_in_clear(string provider)
    {
        const string password = "Sécret pässwörd with spaces 42";
        var (user, _) = await servers.NewUserAsync(password);
        await using var app = await servers.AppAsync(provider);
        using var client = app.Api();

        var responses = new List<string>();
        var created = await client.PostAsJsonAsync("/api/mailboxes", MailApi.Body(servers.Dovecot, user, password));
        responses.Add(await created.Content.ReadAsStringAsync());
        Assert.True(created.IsSuccessStatusCode, responses[0]);
        responses.Add(await client.GetStringAsync(new Uri("/api/mailboxes", UriKind.Relative)));
        responses.Add(await client.GetStringAsync(new Uri("/api/mailboxes/1", UriKind.Relative)));
        var duplicate = await client.PostAsJsonAsync("/api/mailboxes", MailApi.Body(servers.Dovecot, user, password));
        responses.Add(await duplicate.Content.ReadAsStringAsync());
        var wrong = await client.PostAsJsonAsync("/api/mailboxes", MailApi.Body(servers.Dovecot, user, password + "x", folder: "Other"));
        responses.Add(await wrong.Content.ReadAsStringAsync());
        await servers.Dovecot.AppendAsync(user, DovecotServer.Message("to make a check find mail"));
        await MailApi.ExpectNotificationsAsync(app, 1, 1);

        foreach (var response in responses)
        {
            Assert.DoesNotContain(password, response, StringComparison.Ordinal);
            Assert.DoesNotContain("\"password\"", response, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal) || l.Contains("Sécret", StringComparison.Ordinal));

        var stored = await StoredMailboxRowsAsync(app, provider);
        Assert.Single(stored);
        Assert.DoesNotContain(password, stored[0], StringComparison.Ordinal);
        Assert.Contains("CfDJ8", stored[0], StringComparison.Ordinal); // a Data Protection payload is what is stored
        if (provider == "Sqlite")
        {
            var file = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
            {
                var bytes = await File.ReadAllBytesAsync(path);
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(password)));
            }
        }
    }

    private static async Task<List<string>> StoredMailboxRowsAsync(AppHost app, string provider)
    {
        var rows = new List<string>();
        if (provider == "Postgres")
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT row_to_json(m)::text FROM mail.mailboxes m", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }
        else
        {
            await using var connection = new SqliteConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var command = new SqliteCommand("SELECT * FROM mail_mailboxes", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        return rows;
    }
}
