using System.Diagnostics.Metrics;

namespace ImapConcentrator.Web.Realtime;

/// <summary>Meter <c>ImapConcentrator.Web</c>: pushes and open hub connections.</summary>
internal sealed class RealtimeMetrics
{
    private readonly Counter<long> pushed;
    private readonly Counter<long> dropped;
    private readonly UpDownCounter<long> connections;

    public RealtimeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("ImapConcentrator.Web");
        pushed = meter.CreateCounter<long>("hub_notifications_pushed", description: "Notifications pushed to hub clients");
        dropped = meter.CreateCounter<long>("hub_notifications_dropped", description: "Notifications not pushed because the push queue was full");
        connections = meter.CreateUpDownCounter<long>("hub_connections", description: "Hub connections open");
    }

    public void Pushed() => pushed.Add(1);

    public void Dropped() => dropped.Add(1);

    public void Connected() => connections.Add(1);

    public void Disconnected() => connections.Add(-1);
}
