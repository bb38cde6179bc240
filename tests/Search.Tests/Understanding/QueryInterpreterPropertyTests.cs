using System.Text;
using DongNai.Domain.Listings;
using DongNai.Search.Understanding;
using FsCheck.Xunit;

namespace DongNai.Search.Tests.Understanding;

/// <summary>
/// Properties of <see cref="QueryInterpreter.Interpret"/> over generated text (<see cref="QueryTexts"/>):
/// it never throws, and what it returns keeps the promises of <see cref="Interpretation"/> and
/// <see cref="UnderstoodPart"/> for every kind. A failure prints the FsCheck seed (paste it into
/// <c>Replay</c>) and the shrunk input as a C# literal.
/// </summary>
public sealed class QueryInterpreterPropertyTests
{
    /// <summary>The province with a margin: every place the catalog knows lies inside.</summary>
    private const double MinLatitude = 10.0, MaxLatitude = 12.0, MinLongitude = 106.0, MaxLongitude = 108.0;

    [Property(MaxTest = 1500, Arbitrary = [typeof(QueryTexts.VietnameseArbitrary)])]
    public void Interpret_KeepsItsInvariants_ForVietnameseQueriesInEveryForm(QueryText text, KindChoice kind) =>
        AssertInvariants(text.Value, kind.Kind, TestInterpreter.Instance.Interpret(text.Value, kind.Kind));

    [Property(MaxTest = 1500, Arbitrary = [typeof(QueryTexts.AnyUtf16Arbitrary)])]
    public void Interpret_KeepsItsInvariants_ForAnyUtf16Text(QueryText text, KindChoice kind) =>
        AssertInvariants(text.Value, kind.Kind, TestInterpreter.Instance.Interpret(text.Value, kind.Kind));

    [Property(MaxTest = 25, Arbitrary = [typeof(QueryTexts.LongArbitrary)])]
    public void Interpret_KeepsItsInvariants_ForVeryLongText(QueryText text, KindChoice kind) =>
        AssertInvariants(text.Value, kind.Kind, TestInterpreter.Instance.Interpret(text.Value, kind.Kind));

    [Fact]
    public void Interpret_KeepsItsInvariants_WhenAPlaceCueIsFollowedByLoneSurrogates()
    {
        // The shrunk case of Interpret_KeepsItsInvariants_ForAnyUtf16Text that threw ArgumentException from string.Normalize.
        const string text = "o;den\uDC00\uD800p";

        var result = TestInterpreter.Instance.Interpret(text, ListingKind.Voucher);

        AssertInvariants(text, ListingKind.Voucher, result);
        Assert.Equal("o den p", result.RemainingText);
    }

    [Fact]
    public void Interpret_KeepsItsInvariants_WhenAPlaceNameIsFollowedByANoncharacter()
    {
        // The SharpFuzz run's crash (fuzz/README.md): U+FFFE made string.Normalize throw from the place lookup.
        const string text = "p\u000E\u1F00\uFFFE\uE1FF\u61BB";

        foreach (var kind in (ListingKind?[])[null, .. Enum.GetValues<ListingKind>()])
        {
            var result = TestInterpreter.Instance.Interpret(text, kind);

            AssertInvariants(text, kind, result);
        }
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(QueryTexts.VietnameseArbitrary)])]
    public void Interpret_UnderstandsTheSame_InNfcAndNfd(QueryText text, KindChoice kind)
    {
        if (QueryTexts.CannotBeNormalized(text.Value))
        {
            return; // Not normalisable; the other properties cover it.
        }

        var composed = TestInterpreter.Instance.Interpret(text.Value.Normalize(NormalizationForm.FormC), kind.Kind);
        var decomposed = TestInterpreter.Instance.Interpret(text.Value.Normalize(NormalizationForm.FormD), kind.Kind);

        Assert.Equal(Meaning(composed), Meaning(decomposed));
        Assert.Equal(composed.RemainingText.Normalize(NormalizationForm.FormC), decomposed.RemainingText.Normalize(NormalizationForm.FormC));
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(QueryTexts.VietnameseArbitrary)])]
    public void Interpret_UnderstandsTheSame_InCapitalsAndLowerCase(QueryText text, KindChoice kind)
    {
        var upper = TestInterpreter.Instance.Interpret(text.Value.ToUpperInvariant(), kind.Kind);
        var lower = TestInterpreter.Instance.Interpret(text.Value.ToLowerInvariant(), kind.Kind);

        Assert.Equal(Meaning(lower), Meaning(upper));
        Assert.Equal(lower.RemainingText, upper.RemainingText.ToLowerInvariant());
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(QueryTexts.VietnameseArbitrary)])]
    public void Interpret_GivesTheSameAnswer_EveryTime(QueryText text, KindChoice kind)
    {
        var first = TestInterpreter.Instance.Interpret(text.Value, kind.Kind);
        var second = TestInterpreter.Instance.Interpret(text.Value, kind.Kind);

        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal(first.Parts, second.Parts);
    }

    /// <summary>What an interpretation means, without where its words stand: fields, values and canonical phrases, in text order.</summary>
    private static List<string> Meaning(Interpretation interpretation) =>
        [.. interpretation.Parts.Select(part => part switch
        {
            MoneyPart money => $"money {money.MinVnd}-{money.MaxVnd} {money.Meaning} {money.Approximate}",
            AreaPart area => $"area {area.MinM2}-{area.MaxM2} {area.Approximate}",
            PlacePart place => $"place {place.Place.Kind} {place.Place.Code} {place.RadiusKm}",
            DeparturePart departure => $"departure {departure.From}-{departure.To}",
            KindPart kind => $"kind {kind.Kind} {kind.Weight} {kind.Canonical}",
            NeedPart need => $"need {need.Kind} {need.Filter}={need.Code} {need.Canonical}",
            CheapPart cheap => $"cheap {cheap.Canonical}",
            _ => part.GetType().Name,
        })];

    /// <summary>The promises of <see cref="Interpretation"/>, checked one by one with a message that names the broken one.</summary>
    internal static void AssertInvariants(string text, ListingKind? kind, Interpretation result)
    {
        // Built only for a failure: building it for every check made long texts quadratic.
        string where() => $"for {QueryText.Literal(text)} ({kind?.ToString() ?? "all kinds"}): {result}";
        Check(ReferenceEquals(text, result.Text) || text == result.Text, () => $"Text is not the query as received {where()}");

        // Every part is the exact span of the text it came from, and parts are in text order.
        var previousStart = -1;
        foreach (var part in result.Parts)
        {
            Check(part.Start >= 0 && part.Length > 0 && part.Start + part.Length <= text.Length, () => $"{part} lies outside the text {where()}");
            Check(text.Substring(part.Start, part.Length) == part.Source, () => $"{part}'s Source is not Text[Start..Start+Length] {where()}");
            Check(part.Start >= previousStart, () => $"Parts are not in text order at {part} {where()}");
            previousStart = part.Start;
        }

        // The remaining words are words of the text, in order, outside every understood part.
        Check(result.RemainingText.Length == 0 || (result.RemainingText.Trim() == result.RemainingText && !result.RemainingText.Contains("  ", StringComparison.Ordinal)),
            () => $"RemainingText is not words joined by single spaces {where()}");
        var covered = new bool[text.Length];
        foreach (var part in result.Parts)
        {
            Array.Fill(covered, true, part.Start, part.Length);
        }

        var at = 0;
        foreach (var word in result.RemainingText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Check(word.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && !char.IsSurrogate(c)), () => $"Remaining word {QueryText.Literal(word)} has a space, control or surrogate {where()}");
            var found = FindOutsideParts(text, word, at, covered);
            Check(found >= 0, () => $"Remaining word {QueryText.Literal(word)} is not a word of the text after position {at}, outside the understood parts {where()}");
            at = found + word.Length;
        }

        // At most one of each range, and ranges that mean something.
        Check(result.Parts.Count(p => p is MoneyPart) <= 1, () => $"More than one money part {where()}");
        Check(result.Parts.Count(p => p is AreaPart) <= 1, () => $"More than one area part {where()}");
        Check(result.Parts.Count(p => p is PlacePart) <= 1, () => $"More than one place part {where()}");
        Check(result.Parts.Count(p => p is DeparturePart) <= 1, () => $"More than one departure part {where()}");
        if (result.Money is { } money)
        {
            Check(money.MinVnd is not null || money.MaxVnd is not null, () => $"Money with neither end {where()}");
            Check(money.MinVnd is null or >= 0 && money.MaxVnd is null or >= 0, () => $"Negative money {where()}");
            Check(money.MinVnd is null || money.MaxVnd is null || money.MinVnd <= money.MaxVnd, () => $"Money minimum above maximum {where()}");
            Check(kind is null || money.Meaning == ListingKinds.Get(kind.Value).Search.Money, () => $"Money meaning {money.Meaning} is not the kind's own {where()}");
        }

        if (result.Area is { } area)
        {
            Check(kind is null || ListingKinds.Get(kind.Value).Search.HasArea, () => $"An area for a kind without one {where()}");
            Check(area.MinM2 is not null || area.MaxM2 is not null, () => $"Area with neither end {where()}");
            Check(area.MinM2 is null or >= 0 && area.MaxM2 is null or >= 0, () => $"Negative area {where()}");
            Check(area.MinM2 is null || area.MaxM2 is null || area.MinM2 <= area.MaxM2, () => $"Area minimum above maximum {where()}");
            Check((area.MinM2 is null || double.IsFinite(area.MinM2.Value)) && (area.MaxM2 is null || double.IsFinite(area.MaxM2.Value)), () => $"Area not finite {where()}");
        }

        if (result.Place is { } place)
        {
            Check(place.RadiusKm > 0 && place.RadiusKm == QueryInterpreter.DefaultRadiusKm(kind, place.Place.Kind), () => $"Place radius {place.RadiusKm} is not the kind's default {where()}");
            Check(place.Point.Latitude is >= MinLatitude and <= MaxLatitude && place.Point.Longitude is >= MinLongitude and <= MaxLongitude, () => $"Place {place.Point} outside the province {where()}");
        }

        Check(result.Departure is null || kind is null or ListingKind.BusRoute, () => $"A departure for a kind without departures {where()}");

        // Kinds and needs: for one kind only its own; codes the kind's filter accepts; weights in (0, 1] with the strongest at 1.
        foreach (var part in result.Parts.OfType<KindPart>())
        {
            Check(kind is null || part.Kind == kind, () => $"{part} is another kind's {where()}");
            Check(part.Weight is > 0 and <= 1, () => $"{part} has a weight outside (0, 1] {where()}");
        }

        foreach (var need in result.Needs)
        {
            Check(kind is null || need.Kind == kind, () => $"{need} is another kind's {where()}");
            Check(ListingKinds.Get(need.Kind).Search.Filter(need.Filter)?.Values?.Contains(need.Code) == true, () => $"{need} names a code its filter refuses {where()}");
        }

        var weights = result.KindWeights;
        Check(weights.Values.All(w => w is > 0 and <= 1) && (weights.Count == 0 || weights.Values.Max() == 1), () => $"Kind weights {string.Join(", ", weights)} are not relative to the strongest {where()}");
    }

    /// <summary>The first index from <paramref name="from"/> where <paramref name="word"/> stands in the text on no <paramref name="covered"/> character, or -1.</summary>
    private static int FindOutsideParts(string text, string word, int from, bool[] covered)
    {
        for (var index = text.IndexOf(word, from, StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + 1, StringComparison.Ordinal))
        {
            if (Array.IndexOf(covered, true, index, word.Length) < 0)
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>Assert.True with a message built only when the check fails.</summary>
    private static void Check(bool condition, Func<string> message)
    {
        if (!condition)
        {
            Assert.Fail(message());
        }
    }
}
