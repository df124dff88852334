using FluentValidation;

namespace ImapConcentrator.Modules.Mail.Contracts;

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Database</c>, shared by every module's DbContext.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string DefaultConnectionString = "Data Source=data/imapconcentrator.db";

    public string Provider { get; set; } = Sqlite;

    public string ConnectionString { get; set; } = DefaultConnectionString;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);
}

internal sealed class DatabaseOptionsValidator : AbstractValidator<DatabaseOptions>
{
    public DatabaseOptionsValidator()
    {
        RuleFor(o => o.Provider)
            .Must(p => p is not null && (p.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase)
                                        || p.Equals(DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase)))
            .WithName("Database:Provider")
            .WithMessage(o => $"Database:Provider must be 'Sqlite' or 'Postgres', not '{o.Provider}'.");
        RuleFor(o => o.ConnectionString).NotEmpty().WithName("ConnectionStrings:Database")
            .WithMessage("ConnectionStrings:Database must not be empty.");
    }
}
