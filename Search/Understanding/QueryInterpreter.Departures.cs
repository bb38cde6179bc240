namespace DongNai.Search.Understanding;

public sealed partial class QueryInterpreter
{
    private static readonly TimeOnly LastMinute = new(23, 59);

    /// <summary>
    /// The first departure window of a bus-route query: a time ("6h", "6h30", "6:30", "6 giờ sáng"),
    /// after or before one ("sau 17h", "trước 7h"), between two ("từ 6h đến 8h", "6h-8h"), or a part
    /// of the day ("buổi tối", "sáng").
    /// </summary>
    private void ReadDeparture(QueryTokens tokens, List<UnderstoodPart> parts, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens.IsFree(i) && TryReadTimes(tokens, i, matches) is { } read)
            {
                Add(read.Start, read.End, read.From, read.To);
                return;
            }
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens.IsFree(i) && Longest(tokens, i, dayparts, matches) is { Length: > 0 } found)
            {
                var daypart = (DaypartMeaning)found.Entries[0].Entry.Meaning;
                Add(i, i + found.Length, daypart.From, daypart.To);
                return;
            }
        }

        void Add(int start, int end, TimeOnly from, TimeOnly to)
        {
            tokens.Consume(start, end);
            parts.Add(new DeparturePart(tokens.Start(start), tokens.End(end) - tokens.Start(start), tokens.Source(start, end), from, to));
        }
    }

    private (int Start, int End, TimeOnly From, TimeOnly To)? TryReadTimes(QueryTokens tokens, int start, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        var j = start;
        var word = tokens.Folded(start);
        var bound = word switch
        {
            "sau" => Bound.Min,
            "truoc" when tokens.Spells(start, "trước") => Bound.Max,
            "tu" when tokens.Spells(start, "từ") => Bound.From,
            "luc" or "khoang" or "tam" => Bound.About,
            _ => (Bound?)null,
        };
        if (bound is not null)
        {
            j++;
        }

        if (TryReadTime(tokens, j, matches) is not { } first)
        {
            return null;
        }

        j = first.End;
        if (bound is null or Bound.From
            && Longest(tokens, j, rangeWords, matches, afterAmount: true) is { Length: > 0 } to
            && TryReadTime(tokens, j + to.Length, matches) is { } second)
        {
            return (start, second.End, first.Time, second.Time);
        }

        return bound switch
        {
            Bound.Min => (start, j, first.Time, LastMinute),
            Bound.Max => (start, j, TimeOnly.MinValue, first.Time),
            _ when first.HasMinutes => (start, j, first.Time.AddMinutes(-30), first.Time.AddMinutes(30)),
            _ => (start, j, first.Time, new TimeOnly(first.Time.Hour, 59)),
        };
    }

    /// <summary>An hour with its optional minutes and part of the day: "6h sáng" is 06:00, "5h chiều" and "5h tối" 17:00, "10h đêm" 22:00.</summary>
    private (TimeOnly Time, bool HasMinutes, int End)? TryReadTime(QueryTokens tokens, int index, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        if (TryReadQuantity(tokens, index, matches) is not { Unit: QuantityUnit.Hour } hour)
        {
            return null;
        }

        var value = (int)hour.Value;
        var end = hour.End;
        if (Longest(tokens, end, dayparts, matches, afterAmount: true) is { Length: > 0 } daypart)
        {
            var from = ((DaypartMeaning)daypart.Entries[0].Entry.Meaning).From.Hour;
            var afternoon = from >= 13 || (from == 11 && value <= 5) || (from == 22 && value >= 6);
            if (value < 12 && afternoon)
            {
                value += 12;
            }

            end += daypart.Length;
        }

        return (new TimeOnly(value % 24, hour.Minutes), hour.Minutes > 0, end);
    }
}
