using System.Diagnostics;
using DongNai.Domain.Listings;
using DongNai.Search.Api.Searching;
using DongNai.Search.Understanding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DongNai.Bench;

/// <summary>
/// What the query interpreter costs (issue 9: at most 0.3 ms at the median): the same natural-
/// language queries run in process with the interpreter on and off, parse and search both timed,
/// alternating so load on the machine falls on both; and the interpreter alone.
/// </summary>
internal sealed record InterpreterCostResult(
    int Queries,
    LatencyStats InterpretAlone,
    LatencyStats SearchUnderstood,
    LatencyStats SearchLiteral,
    double MedianAddedMs);

internal static class InterpreterCost
{
    /// <summary>Queries as workers type them: prices, places, kinds and needs in the words, with and without accents.</summary>
    private static readonly (string Text, ListingKind? Kind)[] Queries =
    [
        ("phòng trọ dưới 2 triệu gần Amata", null),
        ("phong tro 1tr5 gan kcn amata", ListingKind.Rental),
        ("phòng trọ giá rẻ Biên Hòa", ListingKind.Rental),
        ("nha tro co gac lung may lanh duoi 2tr5", ListingKind.Rental),
        ("căn hộ mini 30m2 tại Long Thành", ListingKind.Rental),
        ("ktx cong nhan gan kcn nhon trach", ListingKind.Rental),
        ("tuyển công nhân ca đêm lương trên 8 triệu", ListingKind.Job),
        ("tuyen cong nhan bao an xe dua ruoc gan amata", ListingKind.Job),
        ("việc làm giờ hành chính ở Trảng Bom", null),
        ("tim viec thoi vu long khanh", ListingKind.Job),
        ("bán xe máy cũ dưới 10 triệu", ListingKind.Classified),
        ("thanh ly tu lanh cu 2 cu", ListingKind.Classified),
        ("điện thoại like new khoảng 3 triệu biên hòa", ListingKind.Classified),
        ("voucher ăn uống gần amata", null),
        ("giam gia ca phe tam hiep", ListingKind.Voucher),
        ("khuyến mãi làm đẹp dưới 100k", ListingKind.Voucher),
        ("xe buýt đi Long Thành sau 17h", ListingKind.BusRoute),
        ("xe buyt bien hoa 6h sang", ListingKind.BusRoute),
        ("tuyến xe đi Trảng Bom buổi tối", null),
        ("phòng trọ wc riêng chỗ để xe từ 1 đến 2 triệu gần Loteco", ListingKind.Rental),
    ];

    public static async Task<InterpreterCostResult> MeasureAsync(OurEngine ours, QueryInterpreter interpreter, SearchRequestParser parser, int rounds, CancellationToken cancellationToken)
    {
        var alone = new List<double>();
        var understood = new List<double>();
        var literal = new List<double>();
        for (var round = -1; round < rounds; round++)
        {
            foreach (var (text, kind) in Queries)
            {
                var started = Stopwatch.GetTimestamp();
                interpreter.Interpret(text, kind);
                var interpreted = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var on = await SearchAsync(ours, parser, text, kind, understand: true, cancellationToken);
                var off = await SearchAsync(ours, parser, text, kind, understand: false, cancellationToken);
                if (round >= 0)
                {
                    // Round -1 warms up.
                    alone.Add(interpreted);
                    understood.Add(on);
                    literal.Add(off);
                }
            }
        }

        var interpretStats = LatencyStats.From(alone, 0, alone.Sum() / 1000);
        var onStats = LatencyStats.From(understood, 0, understood.Sum() / 1000);
        var offStats = LatencyStats.From(literal, 0, literal.Sum() / 1000);
        return new InterpreterCostResult(Queries.Length, interpretStats, onStats, offStats, Math.Round(interpretStats.MedianMs, 4));
    }

    private static async Task<double> SearchAsync(OurEngine ours, SearchRequestParser parser, string text, ListingKind? kind, bool understand, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var parameters = new QueryCollection(new Dictionary<string, StringValues> { ["q"] = text, ["understand"] = understand ? "true" : "false" });
        var (query, _, _) = parser.Parse(parameters, kind is { } k ? ListingKinds.Get(k) : null, ours.Now);
        if (query is not null)
        {
            await ours.Engine.SearchAsync(query, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
