using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary>
/// How a module keeps its tables in the one database: a schema on PostgreSQL, a table prefix on SQLite,
/// snake_case names, its own migrations history table and its own migrations per provider.
/// </summary>
public static class ModuleDatabase
{
    /// <summary>Registers <typeparamref name="TContext"/> as the provider's subclass (each holds that provider's migrations).</summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(
        this IServiceCollection services, IConfiguration configuration, string schema)
        where TContext : DbContext where TSqlite : TContext where TPostgres : TContext
    {
        services.AddDatabaseOptions();
        var postgres = string.Equals(configuration["Database:Provider"], DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase);
        if (postgres)
        {
            services.AddDbContext<TContext, TPostgres>((sp, b) => b.UseModuleDatabase(sp, schema));
        }
        else
        {
            services.AddDbContext<TContext, TSqlite>((sp, b) => b.UseModuleDatabase(sp, schema));
        }

        return services;
    }

    public static IServiceCollection AddDatabaseOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<DatabaseOptions>)))
        {
            return services;
        }

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration("Database")
            .Configure<IConfiguration>((o, c) => o.ConnectionString = c.GetConnectionString("Database") ?? DatabaseOptions.DefaultConnectionString)
            .ValidateWithFluentValidation<DatabaseOptions, DatabaseOptionsValidator>();
        return services;
    }

    private static void UseModuleDatabase(this DbContextOptionsBuilder builder, IServiceProvider sp, string schema)
    {
        var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.IsPostgres)
        {
            builder.UseNpgsql(options.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history", schema));
        }
        else
        {
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            builder.UseSqlite(SqliteConnectionString(options.ConnectionString, root),
                o => o.MigrationsHistoryTable($"{schema}___ef_migrations_history"));
        }
    }

    /// <summary>Resolves a relative SQLite file against the content root and creates its folder.</summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(file, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>Table and column names: <c>schema.table</c> on PostgreSQL, <c>schema_table</c> on SQLite, snake_case throughout.</summary>
    public static void ApplyModuleNames(this ModelBuilder modelBuilder, string schema, bool postgres)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = SnakeCase(entity.GetTableName() ?? entity.ClrType.Name);
            entity.SetTableName(postgres ? table : $"{schema}_{table}");
            entity.SetSchema(postgres ? schema : null);
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    /// <summary>SQLite cannot compare or order DateTimeOffset text; store it as a sortable number instead.</summary>
    public static void UseSqliteConventions(this ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
