using ImapConcentrator.Modules.Mail.Contracts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ImapConcentrator.Modules.Mail.Persistence;

/// <summary>The mail module's tables. Also keeps the app's Data Protection key ring, so encrypted passwords survive restarts and are shared by nodes.</summary>
internal abstract class MailDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "mail";

    public DbSet<Mailbox> Mailboxes => Set<Mailbox>();
    public DbSet<StoredNotification> Notifications => Set<StoredNotification>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected abstract bool IsPostgres { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Mailbox>(b =>
        {
            b.ToTable("mailboxes");
            b.Property(m => m.Host).HasMaxLength(253);
            b.Property(m => m.Username).HasMaxLength(320);
            b.Property(m => m.Folder).HasMaxLength(500);
            b.Property(m => m.WebLinkTemplate).HasMaxLength(2000);
            b.Property(m => m.Security).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.LastError).HasMaxLength(1000);
            b.Ignore(m => m.Account);
            b.HasIndex(m => m.ChatId);

            // The same account and folder once per chat, also when two registrations race (the registry checks first).
            b.HasIndex(m => new { m.ChatId, m.Host, m.Username, m.Folder }).IsUnique();
        });
        modelBuilder.Entity<StoredNotification>(b =>
        {
            b.ToTable("notifications");
            b.HasIndex(n => new { n.MailboxId, n.UidValidity, n.Uid }).IsUnique();
            b.HasIndex(n => new { n.ChatId, n.Id });
            b.HasIndex(n => n.CreatedAt);
            b.Property(n => n.Preview).HasMaxLength(200);
        });
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyModuleNames(Schema, IsPostgres);
    }
}

internal sealed class SqliteMailDbContext(DbContextOptions<SqliteMailDbContext> options) : MailDbContext(options)
{
    protected override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseSqliteConventions();
}

internal sealed class PostgresMailDbContext(DbContextOptions<PostgresMailDbContext> options) : MailDbContext(options)
{
    protected override bool IsPostgres => true;
}
