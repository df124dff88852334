using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Bot.Persistence;

internal abstract class BotDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "bot";

    public DbSet<Chat> Chats => Set<Chat>();

    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();

    protected abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Chat>(b =>
        {
            b.ToTable("chats");
            b.Property(c => c.Id).ValueGeneratedNever();
            b.Property(c => c.Title).HasMaxLength(300);
            b.Property(c => c.TokenHash).HasMaxLength(64);
            b.HasIndex(c => c.TokenHash).IsUnique();
            b.HasIndex(c => c.NotifyInChat);
        });
        modelBuilder.Entity<ProcessedUpdate>(b =>
        {
            b.ToTable("processed_updates");
            b.HasKey(u => u.UpdateId);
            b.Property(u => u.UpdateId).ValueGeneratedNever();
            b.HasIndex(u => u.ReceivedAt);
        });
        modelBuilder.ApplyModuleNames(Schema, IsPostgres);
    }
}

internal sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options)
{
    protected override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseSqliteConventions();
}

internal sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options)
{
    protected override bool IsPostgres => true;
}
