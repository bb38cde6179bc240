using DongNai.Domain.Listings;

namespace DongNai.Search.Understanding;

public sealed partial class QueryInterpreter
{
    /// <summary>The largest amount taken as money (a trillion VND); beyond it a number is not a price.</summary>
    private const double MaxVnd = 1e12;

    /// <summary>
    /// Takes the first money phrase and the first area phrase (when the kind has an area) out of the
    /// tokens. The area becomes a part here; the money is returned, as its meaning in a cross-kind
    /// search depends on the kinds the rest of the query points at.
    /// </summary>
    private RangeRead? ReadMoneyAndArea(QueryTokens tokens, ListingKind? kind, List<UnderstoodPart> parts, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        var areaApplies = kind is not { } k || ListingKinds.Get(k).Search.HasArea;
        // A kind without money (news) leaves amounts in the text: "lương 8 triệu" is what an article says.
        var moneyApplies = kind is not { } moneyKind || ListingKinds.Get(moneyKind).Search.Money != MoneyField.None;
        RangeRead? money = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens.IsFree(i) || TryReadRange(tokens, i, matches) is not { } read)
            {
                continue;
            }

            if (read.Unit == QuantityUnit.SquareMetre)
            {
                if (areaApplies && !parts.Any(p => p is AreaPart))
                {
                    tokens.Consume(read.Start, read.End);
                    parts.Add(new AreaPart(
                        tokens.Start(read.Start),
                        tokens.End(read.End) - tokens.Start(read.Start),
                        tokens.Source(read.Start, read.End),
                        read.Min is { } min ? Math.Round(min, 1) : null,
                        read.Max is { } max ? Math.Round(max, 1) : null,
                        read.Approximate));
                }
            }
            else if (moneyApplies && money is null && !FollowsNotMoneyWord(tokens, read.Start))
            {
                tokens.Consume(read.Start, read.End);
                money = read;
            }

            i = read.End - 1;
        }

        return money;
    }

    private static MoneyPart ToMoneyPart(QueryTokens tokens, RangeRead read, ListingKind? kind, List<UnderstoodPart> parts)
    {
        // The kind's own money; in a cross-kind search the noun ("lương", "giá vé"), else the kind the words point at most.
        var meaning = kind is { } k
            ? ListingKinds.Get(k).Search.Money
            : read.Noun ?? parts.OfType<KindPart>()
                .GroupBy(p => p.Kind)
                .OrderByDescending(g => g.Sum(p => p.Weight))
                .Select(g => (MoneyField?)ListingKinds.Get(g.Key).Search.Money)
                .FirstOrDefault() ?? MoneyField.Price;
        return new MoneyPart(
            tokens.Start(read.Start),
            tokens.End(read.End) - tokens.Start(read.Start),
            tokens.Source(read.Start, read.End),
            read.Min is { } min ? (long)(Math.Floor(Math.Round(min / Rounding(min), 6)) * Rounding(min)) : null,
            read.Max is { } max ? (long)(Math.Ceiling(Math.Round(max / Rounding(max), 6)) * Rounding(max)) : null,
            meaning,
            read.Approximate);
    }

    /// <summary>Band ends are rounded outwards to whole thousands (hundreds below 100,000 VND); exact amounts are already whole.</summary>
    private static double Rounding(double vnd) => vnd >= 100_000 ? 1000 : 100;

    private static bool FollowsNotMoneyWord(QueryTokens tokens, int start)
    {
        if (start == 0)
        {
            return false;
        }

        var previous = tokens.Folded(start - 1);
        return QueryVocabulary.NotMoneyAfter.Contains(previous)
            || (start >= 2 && QueryVocabulary.NotMoneyAfter.Contains(tokens.Folded(start - 2) + " " + previous));
    }

    /// <summary>
    /// Reads [money noun] [bound] amount [range word amount] [trở lên / đổ lại / per-month tail] at
    /// <paramref name="start"/>, or null when no money or area amount is there.
    /// </summary>
    private RangeRead? TryReadRange(QueryTokens tokens, int start, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        var j = start;
        MoneyField? noun = null;
        Bound? bound = null;
        var (nounLength, nounEntries) = Longest(tokens, j, moneyWords, matches, e => e.Entry.Meaning is MoneyNounMeaning);
        if (nounLength > 0)
        {
            noun = ((MoneyNounMeaning)nounEntries[0].Entry.Meaning).Field;
            j += nounLength;
        }

        var (boundLength, boundEntries) = Longest(tokens, j, moneyWords, matches, e => e.Entry.Meaning is BoundMeaning);
        if (boundLength > 0)
        {
            bound = ((BoundMeaning)boundEntries[0].Entry.Meaning).Bound;
            j += boundLength;
        }

        if (TryReadQuantity(tokens, j, matches) is not { } first)
        {
            return null;
        }

        j = first.End;
        Quantity? second = null;
        if (bound is null or Bound.From or Bound.About
            && Longest(tokens, j, rangeWords, matches, afterAmount: true) is { Length: > 0 } to
            && TryReadQuantity(tokens, j + to.Length, matches) is { } end)
        {
            second = end;
        }

        if (second is { } s)
        {
            (first, var other) = (WithUnitOf(first, s), WithUnitOf(s, first));
            if (Category(first) != Category(other) || Category(first) == QuantityUnit.None)
            {
                second = null;
            }
            else
            {
                second = other;
                j = other.End;
            }
        }

        if (Category(first) is not (QuantityUnit.Dong or QuantityUnit.SquareMetre) || (second is null && !IsAmount(first)))
        {
            return null;
        }

        // After the amount: "trở lên", "đổ lại" and tails that add nothing ("/tháng", "/lượt"), in any order.
        for (var tail = 0; tail < 2; tail++)
        {
            var (length, entries) = Longest(tokens, j, afterAmountWords, matches, afterAmount: true);
            if (length == 0)
            {
                break;
            }

            if (entries[0].Entry.Meaning is BoundMeaning { Bound: var after } && bound is null)
            {
                bound = after;
            }

            j += length;
        }

        var a = Value(first);
        if (second is { } q)
        {
            var b = Value(q);
            return new RangeRead(start, j, Math.Min(a, b), Math.Max(a, b), false, Category(first), noun);
        }

        return bound switch
        {
            Bound.Max => new RangeRead(start, j, null, a, false, Category(first), noun),
            Bound.Min or Bound.From => new RangeRead(start, j, a, null, false, Category(first), noun),
            _ => new RangeRead(start, j, a * (1 - ApproximateBand), a * (1 + ApproximateBand), true, Category(first), noun),
        };
    }

    /// <summary>A number without a unit next to one with a unit takes it: "2-3tr" is 2 to 3 million, "từ 2 đến 3 triệu" too.</summary>
    private static Quantity WithUnitOf(Quantity quantity, Quantity other) =>
        quantity.Unit == QuantityUnit.None && other.Unit != QuantityUnit.None && quantity.Value < 1000 && !quantity.Grouped
            ? quantity with { Unit = other.Unit }
            : quantity;

    /// <summary>Money (as <see cref="QuantityUnit.Dong"/>), area, hour, or none for a bare number.</summary>
    private static QuantityUnit Category(Quantity quantity) => quantity.Unit switch
    {
        QuantityUnit.Dong or QuantityUnit.Thousand or QuantityUnit.Million or QuantityUnit.Billion => QuantityUnit.Dong,
        QuantityUnit.None when IsAmount(quantity) => QuantityUnit.Dong,
        var unit => unit,
    };

    /// <summary>A bare number is an amount of VND when written with thousands separators ("3.500.000") or from 10,000 up ("50000").</summary>
    private static bool IsAmount(Quantity quantity) => quantity.Unit switch
    {
        QuantityUnit.None => (quantity.Grouped && quantity.Value >= 1000) || quantity.Value >= 10_000,
        _ => true,
    };

    private static double Value(Quantity quantity) => quantity.Unit switch
    {
        QuantityUnit.Thousand => quantity.Value * 1e3,
        QuantityUnit.Million => quantity.Value * 1e6,
        QuantityUnit.Billion => quantity.Value * 1e9,
        _ => quantity.Value,
    };

    /// <summary>
    /// One number with its unit at <paramref name="index"/>: in the same word ("1tr5", "500k",
    /// "15.000đ", "20m2", "6h30") or in the next ("2 triệu", "500 nghìn", "2 củ", "20 m²", "6 giờ",
    /// "1 triệu rưỡi", "6:30").
    /// </summary>
    private Quantity? TryReadQuantity(QueryTokens tokens, int index, List<(int Length, IReadOnlyList<PreparedEntry> Values)> matches)
    {
        if (!tokens.IsFree(index) || !tokens.IsNumber(index) || !TryParseWord(tokens.Folded(index), out var quantity))
        {
            return null;
        }

        var end = index + 1;
        if (quantity.Unit == QuantityUnit.None)
        {
            var (length, entries) = Longest(tokens, end, unitWords, matches, afterAmount: true);
            var unit = length > 0 ? ((UnitMeaning)entries[0].Entry.Meaning).Unit : QuantityUnit.None;

            // "đồng" that starts a place name is not the currency: "Đồng Xoài", "Đồng Phú".
            if (unit == QuantityUnit.Dong && names.HasLongerPhrase(tokens, end))
            {
                unit = QuantityUnit.None;
            }

            if (unit != QuantityUnit.None && quantity.Value <= MaxVnd)
            {
                quantity = quantity with { Unit = unit };
                end += length;
                if (unit is QuantityUnit.Million or QuantityUnit.Thousand or QuantityUnit.Billion && tokens.IsFree(end) && tokens.Folded(end) == "ruoi")
                {
                    quantity = quantity with { Value = quantity.Value + 0.5 };
                    end++;
                }
                else if (unit == QuantityUnit.Hour && TryMinutes(tokens, end) is { } minutes)
                {
                    quantity = quantity with { Minutes = minutes };
                    end++;
                }
            }
            else if (tokens.IsFree(end) && tokens.Folded(end) == ":" && TryMinutes(tokens, end + 1) is { } minutes && !quantity.Grouped && quantity.Value < 24)
            {
                quantity = quantity with { Unit = QuantityUnit.Hour, Minutes = minutes };
                end += 2;
            }
        }

        return quantity with { End = end };
    }

    private static int? TryMinutes(QueryTokens tokens, int index)
    {
        if (!tokens.IsFree(index) || !tokens.IsNumber(index))
        {
            return null;
        }

        var word = tokens.Folded(index);
        return word.Length == 2 && int.TryParse(word, out var minutes) && minutes < 60 ? minutes : null;
    }

    /// <summary>Parses one word of the form number [unit [digits]]: "2", "1,5", "3.500.000", "1tr5", "500k", "15.000d", "20m2", "20m²", "6h30".</summary>
    internal static bool TryParseWord(string folded, out Quantity quantity)
    {
        quantity = default;
        var p = 0;
        while (p < folded.Length && (char.IsAsciiDigit(folded[p]) || (folded[p] is '.' or ',' && p + 1 < folded.Length && char.IsAsciiDigit(folded[p + 1]))))
        {
            p++;
        }

        if (!TryParseNumber(folded.AsSpan(0, p), out var value, out var grouped))
        {
            return false;
        }

        var unitStart = p;
        while (p < folded.Length && (char.IsAsciiLetter(folded[p]) || folded[p] == '²'))
        {
            p++;
        }

        var unitText = folded.AsSpan(unitStart, p - unitStart);
        var trailStart = p;
        while (p < folded.Length && char.IsAsciiDigit(folded[p]))
        {
            p++;
        }

        var trail = folded.AsSpan(trailStart, p - trailStart);
        if (p != folded.Length || trail.Length > 3)
        {
            return false;
        }

        var unit = unitText switch
        {
            "" => QuantityUnit.None,
            "tr" or "trieu" or "cu" => QuantityUnit.Million,
            "k" or "nghin" or "ngan" => QuantityUnit.Thousand,
            "d" or "dong" or "vnd" => QuantityUnit.Dong,
            "ty" or "ti" => QuantityUnit.Billion,
            "m" when trail is "2" => QuantityUnit.SquareMetre,
            "m²" => QuantityUnit.SquareMetre,
            "h" or "g" or "gio" => QuantityUnit.Hour,
            _ => (QuantityUnit?)null,
        };
        if (unit is not { } known || value > MaxVnd)
        {
            return false;
        }

        var minutes = 0;
        switch (known)
        {
            case QuantityUnit.Million or QuantityUnit.Thousand or QuantityUnit.Billion when trail.Length > 0:
                // "1tr5" is 1.5 million, "2tr25" 2.25 million, "1k5" 1,500.
                value += int.Parse(trail, provider: null) / Math.Pow(10, trail.Length);
                break;
            case QuantityUnit.Hour when trail.Length > 0:
                if (trail.Length != 2 || int.Parse(trail, provider: null) is var m && m >= 60)
                {
                    return false;
                }

                minutes = int.Parse(trail, provider: null);
                break;
            case QuantityUnit.Hour or QuantityUnit.SquareMetre:
                break;
            default:
                if (trail.Length > 0)
                {
                    return false;
                }

                break;
        }

        if (known == QuantityUnit.Hour && (grouped || value >= 24 || value != Math.Floor(value)))
        {
            return false;
        }

        quantity = new Quantity(value, known, minutes, grouped, 0);
        return true;
    }

    /// <summary>
    /// Digits with '.' or ',' between them. One separator before exactly three digits, or several
    /// before groups of three, separate thousands ("15.000", "3.500.000"); one separator before one
    /// or two digits is a decimal point ("1.5", "1,5").
    /// </summary>
    private static bool TryParseNumber(ReadOnlySpan<char> text, out double value, out bool grouped)
    {
        value = 0;
        grouped = false;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        var separators = text.IndexOfAny('.', ',') < 0 ? 0 : text.Count('.') + text.Count(',');
        if (separators == 0)
        {
            return double.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        var last = text.LastIndexOfAny('.', ',');
        var tail = text.Length - last - 1;
        if (separators == 1 && tail is 1 or 2)
        {
            var whole = text[..last];
            var fraction = text[(last + 1)..];
            if (!double.TryParse(whole, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w)
                || !double.TryParse(fraction, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var f))
            {
                return false;
            }

            value = w + (f / Math.Pow(10, fraction.Length));
            return true;
        }

        // Thousands: a first group of 1–3 digits, then groups of exactly three.
        var groupStart = 0;
        var groups = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            var length = i - groupStart;
            if ((groups == 0 && length is < 1 or > 3) || (groups > 0 && length != 3))
            {
                return false;
            }

            value = (value * 1000) + double.Parse(text[groupStart..i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
            groups++;
            groupStart = i + 1;
        }

        grouped = true;
        return true;
    }

    /// <summary>A number as written: its value in its unit, minutes for an hour, whether it had thousands separators, and the token after it.</summary>
    internal readonly record struct Quantity(double Value, QuantityUnit Unit, int Minutes, bool Grouped, int End);

    /// <summary>A money or area phrase over tokens [Start, End): its range in VND or m², whether it is a band, and the money noun before it.</summary>
    private readonly record struct RangeRead(int Start, int End, double? Min, double? Max, bool Approximate, QuantityUnit Unit, MoneyField? Noun);
}
