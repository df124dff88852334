using Microsoft.Extensions.Options;
using Quartz;

namespace ImapConcentrator.Modules.Mail.Scheduling;

/// <summary>
/// Each mailbox is a durable Quartz job that runs one check at a time and, when done, schedules its own
/// next run: the poll interval with ±10 % jitter after success, a capped exponential backoff with
/// jitter after failure, nothing while paused. Adding or removing a mailbox takes effect at once.
/// </summary>
internal sealed class CheckScheduler(ISchedulerFactory schedulers, IOptionsMonitor<MailOptions> options, TimeProvider time)
{
    public const string MailboxIdKey = "mailboxId";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(30);

    public static JobKey KeyFor(long mailboxId) => new($"mailbox-{mailboxId}", "mail-checks");

    /// <summary>Creates the mailbox's job (if new) with its one trigger firing after <paramref name="delay"/>.</summary>
    public async Task StartAsync(long mailboxId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<CheckMailboxJob>()
            .WithIdentity(KeyFor(mailboxId))
            .UsingJobData(MailboxIdKey, mailboxId)
            .StoreDurably()
            .Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        await scheduler.ScheduleTrigger(Trigger(mailboxId, delay), TriggerConflict.Replace, cancellationToken);
    }

    /// <summary>
    /// The next run of an existing job. An earlier pending run (someone asked for a check meanwhile) wins;
    /// does nothing when the mailbox was removed meanwhile.
    /// </summary>
    public async Task ContinueAsync(long mailboxId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(KeyFor(mailboxId), cancellationToken))
        {
            return;
        }

        try
        {
            await scheduler.ScheduleTrigger(Trigger(mailboxId, delay), TriggerConflict.KeepEarlier, cancellationToken);
        }
        catch (JobPersistenceException)
        {
            // removed between the two calls
        }
    }

    public async Task StopAsync(long mailboxId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(KeyFor(mailboxId), cancellationToken);
    }

    public TimeSpan NextInterval() => Jitter(options.CurrentValue.PollInterval, 0.1);

    public TimeSpan SafetyInterval() => Jitter(options.CurrentValue.SafetyCheckInterval, 0.1);

    /// <summary>poll interval × 2^(failures-1), capped at 30 minutes (or the interval, if longer), with up to 50 % taken off at random.</summary>
    public TimeSpan Backoff(int failures)
    {
        var interval = options.CurrentValue.PollInterval;
        var cap = interval > MaxBackoff ? interval : MaxBackoff;
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(cap.Ticks, interval.Ticks * factor));
        return delay * (0.5 + (Random.Shared.NextDouble() * 0.5));
    }

    /// <summary>A first check spread over the interval, so mailboxes loaded at start do not all fire together.</summary>
    public TimeSpan InitialDelay() => options.CurrentValue.PollInterval * Random.Shared.NextDouble();

    private static TimeSpan Jitter(TimeSpan value, double spread) =>
        value * (1 - spread + (Random.Shared.NextDouble() * 2 * spread));

    private ITrigger Trigger(long mailboxId, TimeSpan delay) =>
        TriggerBuilder.Create()
            .WithIdentity(new TriggerKey($"mailbox-{mailboxId}", "mail-checks"))
            .ForJob(KeyFor(mailboxId))
            .StartAt(time.GetUtcNow() + delay)
            .Build();
}
