using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ImapConcentrator.Web.Metrics;

/// <summary>
/// Collects this app's own meters (<c>ImapConcentrator.*</c>, created through its <see cref="IMeterFactory"/>)
/// and writes them in the Prometheus text format: counters as <c>_total</c>, up-down counters as gauges,
/// histograms with cumulative buckets, <c>_sum</c> and <c>_count</c>.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Series>> data = new();

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name.StartsWith("ImapConcentrator", StringComparison.Ordinal))
            {
                data.TryAdd(instrument, new ConcurrentDictionary<string, Series>());
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    public string Render()
    {
        listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, series) in data.OrderBy(d => d.Key.Name, StringComparer.Ordinal))
        {
            var histogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
            var counter = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal);
            var name = instrument.Name + (instrument.Unit == "s" ? "_seconds" : string.Empty);
            var type = histogram ? "histogram" : counter ? "counter" : "gauge";
            var metric = counter ? name + "_total" : name;
            text.Append(CultureInfo.InvariantCulture, $"# HELP {metric} {instrument.Description}\n# TYPE {metric} {type}\n");
            foreach (var (labels, s) in series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                lock (s)
                {
                    if (!histogram)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"{metric}{Braces(labels)} {s.Sum}\n");
                        continue;
                    }

                    for (var b = 0; b < Bounds.Length; b++)
                    {
                        text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{Braces(Join(labels, $"le=\"{Bounds[b]}\""))} {s.Buckets[b]}\n");
                    }

                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{Braces(Join(labels, "le=\"+Inf\""))} {s.Count}\n");
                    text.Append(CultureInfo.InvariantCulture, $"{name}_sum{Braces(labels)} {s.Sum}\n{name}_count{Braces(labels)} {s.Count}\n");
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!data.TryGetValue(instrument, out var series))
        {
            return;
        }

        var labels = string.Join(',', tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key}=\"{Convert.ToString(t.Value, CultureInfo.InvariantCulture)?.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""));
        var s = series.GetOrAdd(labels, _ => new Series());
        lock (s)
        {
            if (instrument.IsObservable)
            {
                s.Sum = value; // an observed gauge reports its current value
                return;
            }

            s.Sum += value;
            s.Count++;
            for (var b = 0; b < Bounds.Length; b++)
            {
                if (value <= Bounds[b])
                {
                    s.Buckets[b]++;
                }
            }
        }
    }

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : $"{labels},{extra}";

    private static string Braces(string labels) => labels.Length == 0 ? string.Empty : $"{{{labels}}}";

    private sealed class Series
    {
        public double Sum { get; set; }
        public long Count { get; set; }
        public long[] Buckets { get; } = new long[Bounds.Length];
    }
}
