using ImapConcentrator.Modules.Mail.Checking;
using ImapConcentrator.Modules.Mail.Idle;
using Microsoft.Extensions.Logging;
using Quartz;

namespace ImapConcentrator.Modules.Mail.Scheduling;

[DisallowConcurrentExecution]
internal sealed partial class CheckMailboxJob(MailboxChecker checker, CheckScheduler scheduler, IdleWatchers watchers, ILogger<CheckMailboxJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var mailboxId = context.MergedJobDataMap.GetLong(CheckScheduler.MailboxIdKey);
        TimeSpan? next;
        try
        {
            var outcome = await checker.CheckAsync(mailboxId, cancellationToken);
            next = outcome.Result switch
            {
                // With push up, a check still runs now and then, so a dead push delays mail but never loses it.
                CheckResult.Ok => watchers.IsWatching(mailboxId) ? scheduler.SafetyInterval() : scheduler.NextInterval(),
                CheckResult.Failed => scheduler.Backoff(outcome.Failures),
                _ => null,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // e.g. the database is down: log, and try again later rather than stop checking
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCheckCrashed(logger, ex, mailboxId);
            next = scheduler.Backoff(2);
        }

        if (next is { } delay)
        {
            await scheduler.ContinueAsync(mailboxId, delay, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Check of mailbox {MailboxId} failed unexpectedly; retrying later")]
    private static partial void LogCheckCrashed(ILogger logger, Exception ex, long mailboxId);
}
