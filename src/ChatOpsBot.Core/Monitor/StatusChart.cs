using System.Globalization;
using ChatOpsBot.Core.Replies;
using ScottPlot;

namespace ChatOpsBot.Core.Monitor;

/// <summary>
/// The small picture beside <c>/status</c>: per target, the share of checks that passed in each hour of the last 24
/// hours (one line per target, failing targets first). Drawn with ScottPlot (SkiaSharp); no text in it that the reply
/// does not also say, so platforms without images lose nothing.
/// </summary>
public static class StatusChart
{
    public const int Width = 640;
    public const int Height = 240;

    /// <summary>At most this many lines: past that a chart is unreadable (the text lists every target).</summary>
    public const int MaxTargets = 8;

    public const string FileName = "status.png";

    /// <summary>
    /// Draws <paramref name="targets"/> (already in display order) as of <paramref name="now"/>, or returns null when no
    /// target has a check in the last 24 hours. Throws when drawing fails (a missing native library): callers log and
    /// go on without the picture.
    /// </summary>
    public static ReplyImage? Render(IReadOnlyList<TargetStatus> targets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var start = now - TimeSpan.FromHours(24);
        var shown = targets.Where(t => t.History.Any(p => p.At > start && p.At <= now)).Take(MaxTargets).ToList();
        if (shown.Count == 0)
        {
            return null;
        }

        using var plot = new Plot();
        foreach (var target in shown)
        {
            var (xs, ys) = Hourly(target.History, start, now);
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = target.Name;
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }

        var ticks = plot.Axes.DateTimeTicksBottom();
        if (ticks.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            automatic.LabelFormatter = t => t.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        plot.Axes.SetLimitsX(start.UtcDateTime.ToOADate(), now.UtcDateTime.ToOADate());
        plot.Axes.SetLimitsY(-5, 105);
        plot.Title("Checks passed per hour, last 24 h (UTC)", size: 13);
        plot.YLabel("% passed", size: 11);
        plot.ShowLegend(Edge.Right);
        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);

        var alt = "Checks passed per hour over the last 24 hours: " + string.Join(", ", shown.Select(t =>
            t.Availability is { } a ? $"{t.Name} {(a * 100).ToString("0.#", CultureInfo.InvariantCulture)}%" : t.Name)) + ".";
        return new ReplyImage(FileName, png, alt);
    }

    /// <summary>One point per hour with checks (at the hour's middle): the percentage that passed.</summary>
    internal static (double[] Xs, double[] Ys) Hourly(IReadOnlyList<CheckPoint> history, DateTimeOffset start, DateTimeOffset now)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var hour = 0; hour < 24; hour++)
        {
            var from = start + TimeSpan.FromHours(hour);
            var to = from + TimeSpan.FromHours(1);
            var inHour = history.Where(p => p.At > from && p.At <= to && p.At <= now).ToList();
            if (inHour.Count == 0)
            {
                continue;
            }

            xs.Add((from + TimeSpan.FromMinutes(30)).UtcDateTime.ToOADate());
            ys.Add(100.0 * inHour.Count(p => p.Passed) / inHour.Count);
        }

        return ([.. xs], [.. ys]);
    }
}
