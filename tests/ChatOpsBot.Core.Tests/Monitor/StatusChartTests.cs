using ChatOpsBot.Core.Monitor;
using ChatOpsBot.Diagnostics;
using ChatOpsBot.Testing.Monitor;

namespace ChatOpsBot.Core.Tests.Monitor;

public sealed class StatusChartTests
{
    private const uint FirstLine = 0x1F77B4;  // ScottPlot's first palette colour (blue)
    private const uint SecondLine = 0xFF7F0E; // and its second (orange)
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_TwoTargetsWithHistory_IsA640x240PngWithOneLinePerTarget()
    {
        var failing = InMemoryMonitorControl.Target("prod-gemini", ProviderId.Gemini, TargetState.Failing,
            InMemoryMonitorControl.History(Now, TimeSpan.FromMinutes(15), at => at > Now - TimeSpan.FromHours(6), "auth.invalid_key", TimeSpan.FromMilliseconds(240)), Now);
        var healthy = InMemoryMonitorControl.Target("prod-openai", ProviderId.OpenAI, TargetState.Healthy,
            InMemoryMonitorControl.History(Now, TimeSpan.FromMinutes(15), _ => false, "", TimeSpan.FromMilliseconds(180)), Now);

        var image = StatusChart.Render([failing, healthy], Now);

        Assert.NotNull(image);
        Assert.Equal("status.png", image.FileName);
        Assert.Equal((StatusChart.Width, StatusChart.Height), PngFacts.Header(image.Png.Span));
        Assert.True(image.Png.Length > 2000, $"only {image.Png.Length} bytes");
        Assert.True(PngFacts.Colours(image.Png) > 20); // text, grid, lines: not a blank canvas
        Assert.True(PngFacts.PixelsNear(image.Png, FirstLine) > 200, "no line for the first target");
        Assert.True(PngFacts.PixelsNear(image.Png, SecondLine) > 200, "no line for the second target");
        Assert.Contains("prod-gemini 75%", image.AltText, StringComparison.Ordinal);
        Assert.Contains("prod-openai 100%", image.AltText, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneTarget_DrawsOneLine()
    {
        var healthy = InMemoryMonitorControl.Target("prod-openai", ProviderId.OpenAI, TargetState.Healthy,
            InMemoryMonitorControl.History(Now, TimeSpan.FromMinutes(30), _ => false, "", TimeSpan.FromMilliseconds(180)), Now);

        var image = StatusChart.Render([healthy], Now);

        Assert.NotNull(image);
        Assert.True(PngFacts.PixelsNear(image.Png, FirstLine) > 200);
        Assert.True(PngFacts.PixelsNear(image.Png, SecondLine) < 20);
    }

    [Fact]
    public void Render_NoCheckInTheLastDay_GivesNoPicture()
    {
        var old = new CheckPoint(Now - TimeSpan.FromHours(30), true, "ok", TimeSpan.FromMilliseconds(100));
        var stale = InMemoryMonitorControl.Target("old", ProviderId.OpenAI, TargetState.Healthy, [old], Now);
        var fresh = InMemoryMonitorControl.Target("new", ProviderId.Gemini, TargetState.Unknown, [], Now);

        Assert.Null(StatusChart.Render([stale, fresh], Now));
        Assert.Null(StatusChart.Render([], Now));
    }

    [Fact]
    public void Hourly_GivesShareOfPassedChecksPerHourWithChecks()
    {
        var start = Now - TimeSpan.FromHours(24);
        CheckPoint[] history =
        [
            new(start + TimeSpan.FromMinutes(10), true, "ok", TimeSpan.Zero),
            new(start + TimeSpan.FromMinutes(20), false, "rate.limited", TimeSpan.Zero),
            new(start + TimeSpan.FromMinutes(30), true, "ok", TimeSpan.Zero),
            new(start + TimeSpan.FromMinutes(40), false, "rate.limited", TimeSpan.Zero),
            new(Now - TimeSpan.FromMinutes(5), false, "auth.invalid_key", TimeSpan.Zero),
        ];

        var (xs, ys) = StatusChart.Hourly(history, start, Now);

        Assert.Equal([50.0, 0.0], ys);
        Assert.Equal((start + TimeSpan.FromMinutes(30)).UtcDateTime.ToOADate(), xs[0], 6);
    }
}
