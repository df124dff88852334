using System.Diagnostics.Metrics;

namespace ImapConcentrator.Modules.Mail;

/// <summary>The mail module's counters and timings (meter <c>ImapConcentrator.Mail</c>), exported by the host's /metrics.</summary>
internal sealed class MailMetrics
{
    public const string MeterName = "ImapConcentrator.Mail";

    private readonly Counter<long> checks;
    private readonly Histogram<double> checkDuration;
    private readonly Counter<long> newMessages;
    private readonly Counter<long> failures;
    private readonly Counter<long> listenerFailures;

    public MailMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        checks = meter.CreateCounter<long>("imap_checks", description: "Mailbox checks run");
        checkDuration = meter.CreateHistogram<double>("imap_check_duration", unit: "s", description: "Duration of a mailbox check");
        newMessages = meter.CreateCounter<long>("imap_new_messages", description: "Notifications stored for new messages");
        failures = meter.CreateCounter<long>("imap_check_failures", description: "Failed checks by kind (network, protocol, auth, other)");
        listenerFailures = meter.CreateCounter<long>("mail_listener_failures", description: "Listener calls that threw");
    }

    public void Checked(TimeSpan duration)
    {
        checks.Add(1);
        checkDuration.Record(duration.TotalSeconds);
    }

    public void NewMessages(int count) => newMessages.Add(count);

    public void Failed(string kind) => failures.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void ListenerFailed() => listenerFailures.Add(1);
}
