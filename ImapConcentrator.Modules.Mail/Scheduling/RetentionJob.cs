using ImapConcentrator.Modules.Mail.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace ImapConcentrator.Modules.Mail.Scheduling;

/// <summary>Deletes notifications older than <c>Mail:NotificationRetention</c>; runs hourly.</summary>
[DisallowConcurrentExecution]
internal sealed partial class RetentionJob(MailDbContext db, IOptionsMonitor<MailOptions> options, TimeProvider time, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("notification-retention", "mail");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.CurrentValue.NotificationRetention;
        var deleted = await db.Notifications.Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted, cutoff);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} notification(s) created before {Cutoff}")]
    private static partial void LogDeleted(ILogger logger, int count, DateTimeOffset cutoff);
}
