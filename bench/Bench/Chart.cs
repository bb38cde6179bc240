using System.Globalization;
using SkiaSharp;

namespace DongNai.Bench;

/// <summary>
/// Draws the chart beside docs/benchmarks.md: latency by query type, ours vs the peer, as grouped
/// horizontal bars on a logarithmic axis (the two systems differ by orders of magnitude).
/// </summary>
internal static class Chart
{
    private const int Width = 1400;
    private const int Left = 230;
    private const int Right = 60;
    private const int Top = 110;
    private const int BarHeight = 16;
    private const int BarGap = 3;
    private const int GroupGap = 26;

    private static readonly (string Label, SKColor Color)[] Series =
    [
        ("ours in-engine p50", new SKColor(0x1f, 0x4e, 0x99)),
        ("ours in-engine p99", new SKColor(0x7f, 0xa7, 0xe0)),
        ("ours HTTP 2 clients p50", new SKColor(0x2a, 0x9d, 0x8f)),
        ("PostgreSQL + PostGIS p50", new SKColor(0xc0, 0x50, 0x20)),
        ("PostgreSQL + PostGIS p99", new SKColor(0xf0, 0xa8, 0x78)),
    ];

    public static void Render(RunResult run, string path)
    {
        var groups = run.Queries.Select(q => (q.Type, Values: new double?[]
        {
            q.InEngine.MedianMs,
            q.InEngine.P99Ms,
            q.Http.FirstOrDefault(h => h.Clients == 2)?.Ours.MedianMs,
            q.Peer?.MedianMs,
            q.Peer?.P99Ms,
        })).ToList();
        var groupHeight = (Series.Length * (BarHeight + BarGap)) + GroupGap;
        var height = Top + (groups.Count * groupHeight) + 70;
        var all = groups.SelectMany(g => g.Values).Where(v => v is > 0 && double.IsFinite(v.Value)).Select(v => v!.Value).ToList();
        var minDecade = Math.Floor(Math.Log10(Math.Max(all.DefaultIfEmpty(0.1).Min(), 0.001)));
        var maxDecade = Math.Ceiling(Math.Log10(Math.Max(all.DefaultIfEmpty(10).Max(), 0.01) * 1.05));
        if (maxDecade <= minDecade)
        {
            maxDecade = minDecade + 1;
        }

        double X(double ms) => Left + ((Math.Log10(ms) - minDecade) / (maxDecade - minDecade) * (Width - Left - Right));

        using var surface = SKSurface.Create(new SKImageInfo(Width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") ?? SKTypeface.Default;
        using var bold = SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf") ?? typeface;
        using var titleFont = new SKFont(bold, 20);
        using var font = new SKFont(typeface, 14);
        using var small = new SKFont(typeface, 12);
        using var ink = new SKPaint { Color = new SKColor(0x22, 0x22, 0x22), IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(0x77, 0x77, 0x77), IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1 };

        var s = run.Settings;
        canvas.DrawText($"Latency by query type at {s.Listings:N0} listings: ours vs PostgreSQL 15 + PostGIS 3 (ms, log scale; shorter is better)", 20, 34, SKTextAlign.Left, titleFont, ink);
        canvas.DrawText($"{run.Machine.Cores} cores {run.Machine.CpuModel}, {run.Machine.MemoryGiB} GiB · commit {run.Machine.Commit} · {run.StartedUtc:yyyy-MM-dd HH:mm} UTC · {s.Queries} queries per type after {s.WarmUp} warm-up", 20, 58, SKTextAlign.Left, small, grey);

        var legendX = 20f;
        foreach (var (label, color) in Series)
        {
            using var swatch = new SKPaint { Color = color };
            canvas.DrawRect(legendX, 74, 14, 14, swatch);
            canvas.DrawText(label, legendX + 20, 86, SKTextAlign.Left, small, ink);
            legendX += 40 + small.MeasureText(label);
        }

        var plotBottom = Top + (groups.Count * groupHeight) - GroupGap + 8;
        for (var decade = minDecade; decade <= maxDecade; decade++)
        {
            var x = (float)X(Math.Pow(10, decade));
            canvas.DrawLine(x, Top - 8, x, plotBottom, grid);
            var label = Math.Pow(10, decade).ToString(decade < 0 ? "0.###" : "#,0", CultureInfo.InvariantCulture) + " ms";
            canvas.DrawText(label, x, plotBottom + 20, SKTextAlign.Center, small, grey);
        }

        var y = (float)Top;
        foreach (var (type, values) in groups)
        {
            canvas.DrawText(type, Left - 12, y + (Series.Length * (BarHeight + BarGap) / 2f) + 5, SKTextAlign.Right, font, ink);
            for (var i = 0; i < Series.Length; i++)
            {
                if (values[i] is { } ms && ms > 0 && double.IsFinite(ms))
                {
                    using var paint = new SKPaint { Color = Series[i].Color, IsAntialias = true };
                    var x = (float)X(ms);
                    canvas.DrawRect(Left, y, Math.Max(1, x - Left), BarHeight, paint);
                    canvas.DrawText(RunResult.Ms(ms), x + 5, y + BarHeight - 3, SKTextAlign.Left, small, ink);
                }
                else
                {
                    canvas.DrawText("not measured", Left + 5, y + BarHeight - 3, SKTextAlign.Left, small, grey);
                }

                y += BarHeight + BarGap;
            }

            y += GroupGap;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
