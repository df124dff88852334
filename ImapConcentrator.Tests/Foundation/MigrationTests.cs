using Microsoft.Extensions.DependencyInjection;
using ImapConcentrator.Modules.Bot.Persistence;
using ImapConcentrator.Modules.Mail.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ImapConcentrator.Tests.Foundation;

[Collection(ServersCollection.Name)]
public sealed class MigrationTests(Servers servers)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Each_provider_migrates_an_empty_database(string provider)
    {
        await using var app = await servers.AppAsync(provider);
        using var client = app.Api();
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);

        using var scope = app.Services.CreateScope();
        var mail = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var bot = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        Assert.Empty(await mail.Database.GetPendingMigrationsAsync());
        Assert.Empty(await bot.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await mail.Mailboxes.CountAsync());
        Assert.Equal(0, await bot.Chats.CountAsync());
        Assert.Equal(provider == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", mail.Database.ProviderName);
    }

    [Fact]
    public async Task Postgres_keeps_each_module_in_its_own_schema()
    {
        await using var app = await servers.AppAsync("Postgres");
        using var client = app.Api();
        await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(table_schema || '.' || table_name, ',' ORDER BY 1) FROM information_schema.tables WHERE table_schema IN ('mail','bot')", connection);
        var tables = (string)(await command.ExecuteScalarAsync())!;
        Assert.Contains("mail.mailboxes", tables, StringComparison.Ordinal);
        Assert.Contains("mail.notifications", tables, StringComparison.Ordinal);
        Assert.Contains("mail.data_protection_keys", tables, StringComparison.Ordinal);
        Assert.Contains("bot.chats", tables, StringComparison.Ordinal);
    }

    public static TheoryData<string> Contexts => ["SqliteMail", "PostgresMail", "SqliteBot", "PostgresBot"];

    [Theory]
    [MemberData(nameof(Contexts))]
    public void The_model_has_no_pending_changes(string context)
    {
        using DbContext db = context switch
        {
            "SqliteMail" => new SqliteMailDbContext(new DbContextOptionsBuilder<SqliteMailDbContext>().UseSqlite("Data Source=:memory:").Options),
            "PostgresMail" => new PostgresMailDbContext(new DbContextOptionsBuilder<PostgresMailDbContext>().UseNpgsql("Host=127.0.0.1").Options),
            "SqliteBot" => new SqliteBotDbContext(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite("Data Source=:memory:").Options),
            _ => new PostgresBotDbContext(new DbContextOptionsBuilder<PostgresBotDbContext>().UseNpgsql("Host=127.0.0.1").Options),
        };
        Assert.False(db.Database.HasPendingModelChanges(), $"{context}: the model changed without a migration (dotnet ef migrations add)");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
