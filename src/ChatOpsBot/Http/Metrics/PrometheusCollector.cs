using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ChatOpsBot.Http.Metrics;

/// <summary>
/// Listens to ChatOpsBot's meters (the static ones of each project by name, and this host's own gauges by reference:
/// tests run several hosts in one process)
/// and writes what they hold in Prometheus' text format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/). Counters become <c>_total</c>, units in seconds
/// <c>_seconds</c>, histograms <c>_bucket</c>/<c>_sum</c>/<c>_count</c> with their advised bounds. Created only
/// when the listener runs: with <c>Http:Urls</c> unset nothing listens and recording an instrument costs nothing.
/// </summary>
internal sealed class PrometheusCollector : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] StaticMeters = [Diagnostics.Engine.DiagnosticsMetrics.MeterName, Core.Monitor.MonitorMetrics.MeterName, HostMetrics.MeterName];
    private static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();
    private readonly Meter _own;
    private readonly Lock _scrape = new();

    public PrometheusCollector(Meter own)
    {
        _own = own;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            if (meter == _own || StaticMeters.Contains(meter.Name, StringComparer.Ordinal))
            {
                _families[instrument] = new Family(instrument);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, state) => _families.TryRemove(instrument, out _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>Every family, observable gauges read now, in the text format (names sorted, so scrapes diff cleanly).</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            foreach (var family in _families.Values.Where(f => f.IsObservable))
            {
                family.Clear(); // a series that is no longer observed disappears
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_families.TryGetValue(instrument, out var family))
        {
            family.Record(value, tags);
        }
    }

    /// <summary>One instrument's series, keyed by their rendered label set.</summary>
    private sealed class Family
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
        private readonly Instrument _instrument;
        private readonly double[] _bounds = DefaultBounds;
        private readonly string _type;
        private readonly bool _cumulative; // an observable counter reports its total, not an increment

        public Family(Instrument instrument)
        {
            _instrument = instrument;
            var baseName = Sanitize(instrument.Name);
            if (instrument.Unit == "s" && !baseName.EndsWith("_seconds", StringComparison.Ordinal))
            {
                baseName += "_seconds";
            }

            (_type, Name, IsObservable, _cumulative) = instrument switch
            {
                Counter<long> or Counter<int> or Counter<double> => ("counter", baseName + "_total", false, false),
                ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => ("counter", baseName + "_total", true, true),
                Histogram<double> or Histogram<long> or Histogram<int> => ("histogram", baseName, false, false),
                UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double> => ("gauge", baseName, false, false),
                _ => ("gauge", baseName, instrument.IsObservable, true),
            };
            if (instrument is Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } advised })
            {
                _bounds = [.. advised];
            }
        }

        public string Name { get; }

        public bool IsObservable { get; }

        public void Clear() => _series.Clear();

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var series = _series.GetOrAdd(Labels(tags), _ => new Series(_bounds.Length));
            lock (series)
            {
                if (_type == "histogram")
                {
                    var i = Array.FindIndex(_bounds, b => value <= b);
                    if (i >= 0)
                    {
                        series.Buckets[i]++;
                    }

                    series.Count++;
                    series.Value += value;
                }
                else
                {
                    series.Value = _cumulative ? value : series.Value + value;
                }
            }
        }

        public void WriteTo(StringBuilder text)
        {
            if (_series.IsEmpty)
            {
                return;
            }

            text.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(_instrument.Description ?? _instrument.Name)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(_type).Append('\n');
            foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (_type != "histogram")
                    {
                        Sample(text, Name, labels, series.Value);
                        continue;
                    }

                    long cumulative = 0;
                    for (var i = 0; i < _bounds.Length; i++)
                    {
                        cumulative += series.Buckets[i];
                        Sample(text, Name + "_bucket", With(labels, "le", Number(_bounds[i])), cumulative);
                    }

                    Sample(text, Name + "_bucket", With(labels, "le", "+Inf"), series.Count);
                    Sample(text, Name + "_sum", labels, series.Value);
                    Sample(text, Name + "_count", labels, series.Count);
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, double value) =>
            text.Append(name).Append(labels).Append(' ').Append(Number(value)).Append('\n');

        private static string With(string labels, string name, string value) =>
            labels.Length == 0 ? $"{{{name}=\"{value}\"}}" : $"{labels[..^1]},{name}=\"{value}\"}}";
    }

    private sealed class Series(int buckets)
    {
        public double Value;
        public long Count;
        public readonly long[] Buckets = new long[buckets];
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            pairs.Add((Sanitize(tag.Key), Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? ""));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return "{" + string.Join(",", pairs.Select(p => $"{p.Name}=\"{EscapeLabel(p.Value)}\"")) + "}";
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Metric and label names: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>; anything else becomes <c>_</c>.</summary>
    internal static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || c == ':' || (i > 0 && char.IsAsciiDigit(c));
            chars[i] = ok ? c : '_';
        }

        return new string(chars);
    }

    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
