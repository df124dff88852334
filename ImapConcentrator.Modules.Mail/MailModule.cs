using ImapConcentrator.Modules.Mail.Api;
using ImapConcentrator.Modules.Mail.Checking;
using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Idle;
using ImapConcentrator.Modules.Mail.Imap;
using ImapConcentrator.Modules.Mail.Persistence;
using ImapConcentrator.Modules.Mail.Registration;
using ImapConcentrator.Modules.Mail.Scheduling;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace ImapConcentrator.Modules.Mail;

public static class MailModule
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddMailModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().BindConfiguration("Mail").ValidateWithFluentValidation<MailOptions, MailOptionsValidator>();
        services.AddModuleDbContext<MailDbContext, SqliteMailDbContext, PostgresMailDbContext>(configuration, MailDbContext.Schema);
        services.AddDataProtection().SetApplicationName("ImapConcentrator").PersistKeysToDbContext<MailDbContext>();
        services.AddHealthChecks().AddDbContextCheck<MailDbContext>("database", tags: [ReadyTag]);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.AddSingleton<MailMetrics>();
        services.AddSingleton<ImapConnector>();
        services.AddSingleton<PasswordProtector>();
        services.AddSingleton<ImapConnections>();
        services.AddSingleton<MailboxLocks>();
        services.AddSingleton<CheckScheduler>();
        services.AddScoped<NewMailboxValidator>();
        services.AddScoped<LoginProbe>();
        services.AddScoped<NotificationWriter>();
        services.AddScoped<MailListeners>();
        services.AddScoped<MailboxChecker>();
        services.AddScoped<IMailboxRegistry, MailboxRegistry>();
        services.AddScoped<INotificationFeed, NotificationFeed>();

        // Quartz keeps schedulers in a process-wide registry by name: each host gets its own.
        var schedulerName = $"mail-{Guid.NewGuid():N}";
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = schedulerName);
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = 16);
            q.AddJobType<CheckMailboxJob>();
            q.AddJobType<RetentionJob>();
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<IdleWatchers>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleWatchers>());
        services.AddHostedService<ScheduleAllMailboxes>();
        return services;
    }

    public static IEndpointRouteBuilder MapMailEndpoints(this IEndpointRouteBuilder app)
    {
        MailEndpoints.Map(app);
        return app;
    }

    /// <summary>Applies the mail module's migrations (call before the host starts).</summary>
    public static async Task MigrateMailDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the API read while a check writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
