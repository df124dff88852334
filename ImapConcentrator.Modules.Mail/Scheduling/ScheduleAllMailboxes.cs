using ImapConcentrator.Modules.Mail.Contracts;
using ImapConcentrator.Modules.Mail.Idle;
using ImapConcentrator.Modules.Mail.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace ImapConcentrator.Modules.Mail.Scheduling;

/// <summary>
/// At start, every mailbox that is not paused gets its job (first runs spread over one poll interval) and its
/// IDLE watcher (connections opened a bounded number at a time); and retention runs hourly.
/// </summary>
internal sealed class ScheduleAllMailboxes(IServiceScopeFactory scopes, CheckScheduler scheduler, ISchedulerFactory schedulers, IdleWatchers watchers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var quartz = await schedulers.GetScheduler(cancellationToken);
        var retention = JobBuilder.Create<RetentionJob>().WithIdentity(RetentionJob.Key).Build();
        var hourly = TriggerBuilder.Create().ForJob(retention).StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()).Build();
        await quartz.ScheduleJob(retention, [hourly], ScheduleJobOptions.Replacing, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MailDbContext>();
        var ids = await db.Mailboxes.Where(m => m.State != MailboxState.AuthFailed).Select(m => m.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await scheduler.StartAsync(id, scheduler.InitialDelay(), cancellationToken);
            watchers.Start(id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
