using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DongNai.Domain.Listings;
using DongNai.Domain.Places;

namespace DongNai.Relevance;

/// <summary>
/// The judged relevance set as kept in <c>queries.json</c>: queries written the ways people type,
/// each with the rule that grades a listing for it (see <see cref="JudgingRule"/> and docs/relevance.md).
/// Immutable once loaded; thread-safe.
/// </summary>
public sealed record JudgedSet(IReadOnlyList<JudgedQuery> Queries)
{
    /// <summary>The file name beside the evaluator's binary (copied from bench/Relevance).</summary>
    public const string FileName = "queries.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The set shipped beside the binary.</summary>
    public static JudgedSet LoadDefault(PlaceCatalog places) => Load(Path.Combine(AppContext.BaseDirectory, FileName), places);

    /// <summary>
    /// Reads and checks a set: unique ids, a known endpoint and kind, places the catalog resolves,
    /// complete ranges, and a <c>main</c> wherever a rule has more than one constraint. Throws
    /// <see cref="InvalidDataException"/> naming the query at the first problem.
    /// </summary>
    public static JudgedSet Load(string path, PlaceCatalog places)
    {
        var file = JsonSerializer.Deserialize<JudgedSetFile>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: empty.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var queries = new List<JudgedQuery>();
        foreach (var entry in file.Queries)
        {
            string Where() => $"{path}: query '{entry.Id}'";
            if (!ids.Add(entry.Id))
            {
                throw new InvalidDataException($"{Where()} appears twice.");
            }

            if (string.IsNullOrWhiteSpace(entry.Q) || string.IsNullOrWhiteSpace(entry.Group))
            {
                throw new InvalidDataException($"{Where()}: q and group are required.");
            }

            ListingKind? endpoint = entry.Endpoint == "all" ? null
                : ListingKinds.TryParseSlug(entry.Endpoint, out var e) ? e
                : throw new InvalidDataException($"{Where()}: endpoint '{entry.Endpoint}' is neither 'all' nor a kind ({ListingKinds.SlugList}).");
            queries.Add(new JudgedQuery(entry.Id, entry.Group, entry.Q, endpoint, JudgingRule.From(entry.Rule, places, Where())));
        }

        return new JudgedSet(queries);
    }
}

/// <summary>One query of the set: sent as <c>q</c> to <c>/api/search/{Endpoint}</c>, or to <c>/api/search</c> when <see cref="Endpoint"/> is null.</summary>
public sealed record JudgedQuery(string Id, string Group, string Text, ListingKind? Endpoint, JudgingRule Rule)
{
    public string Path => Endpoint is { } kind ? "/api/search/" + ListingKinds.Get(kind).Slug : "/api/search";
}

/// <summary>The file's shape.</summary>
internal sealed record JudgedSetFile(string? Description, IReadOnlyList<JudgedQueryFile> Queries);

internal sealed record JudgedQueryFile(string Id, string Group, string Endpoint, string Q, RuleFile Rule);

/// <summary>A rule as written in the file; see <see cref="JudgingRule"/> for what each member means.</summary>
internal sealed record RuleFile(
    string Kind,
    long? MinVnd = null,
    long? MaxVnd = null,
    string? Near = null,
    double? WithinKm = null,
    double? MinM2 = null,
    double? MaxM2 = null,
    string? DepartFrom = null,
    string? DepartTo = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Keywords = null,
    IReadOnlyList<string>? Words = null,
    IReadOnlyList<string>? Main = null);

/// <summary>
/// What a good answer to one query holds, as constraints over a listing's fields. Grades:
/// 2 when the listing is of <see cref="Kind"/>, can be shown (not expired, not sold out) and meets
/// every constraint; 1 when it is of the kind, can be shown and meets every constraint named in
/// <see cref="Main"/> but not all of them; 0 otherwise. A rule with one constraint has it as its main
/// (so it has no grade 1); a rule with none grades every showable listing of its kind 2.
/// </summary>
public sealed record JudgingRule
{
    public const string Money = "money";
    public const string Place = "place";
    public const string Area = "area";
    public const string Departure = "departure";
    public const string Words = "words";

    public required ListingKind Kind { get; init; }

    /// <summary>Inclusive money range on the kind's money: price or fare; for jobs the salary range must overlap it.</summary>
    public long? MinVnd { get; init; }

    public long? MaxVnd { get; init; }

    /// <summary>The place's point and the radius; the listing's nearest point (every stop of a route, every shop of a voucher) must lie within it.</summary>
    public ResolvedPlace? Near { get; init; }

    public double WithinKm { get; init; }

    public double? MinM2 { get; init; }

    public double? MaxM2 { get; init; }

    /// <summary>A window of the day (wrapping past midnight when From is after To); a route must have a departure in it.</summary>
    public (TimeOnly From, TimeOnly To)? Departures { get; init; }

    /// <summary>Filter name to required codes: each entry must be among the listing's codes for that filter; "a|b" accepts either.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Folded phrases, each of which must occur as whole words in the listing's title or named fields (not its description); "a|b" accepts either.</summary>
    public IReadOnlyList<string> TextWords { get; init; } = [];

    /// <summary>The constraints a grade-1 listing meets: money, place, area, departure, words or a keyword filter name.</summary>
    public required IReadOnlyList<string> Main { get; init; }

    /// <summary>The names of every constraint the rule has, in the order of <see cref="Main"/>'s vocabulary.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    internal static JudgingRule From(RuleFile rule, PlaceCatalog places, string where)
    {
        if (!ListingKinds.TryParseSlug(rule.Kind, out var kind))
        {
            throw new InvalidDataException($"{where}: rule kind '{rule.Kind}' is not a kind ({ListingKinds.SlugList}).");
        }

        var descriptor = ListingKinds.Get(kind);
        ResolvedPlace? near = null;
        if (rule.Near is not null || rule.WithinKm is not null)
        {
            near = places.ResolvePlace(rule.Near) ?? throw new InvalidDataException($"{where}: the catalog does not resolve the place '{rule.Near}'.");
            if (rule.WithinKm is not > 0)
            {
                throw new InvalidDataException($"{where}: near needs withinKm > 0.");
            }
        }

        (TimeOnly, TimeOnly)? departures = null;
        if (rule.DepartFrom is not null || rule.DepartTo is not null)
        {
            departures = (ParseTime(rule.DepartFrom ?? "00:00", where), ParseTime(rule.DepartTo ?? "23:59", where));
        }

        foreach (var name in rule.Keywords?.Keys ?? [])
        {
            if (!descriptor.Search.Filters.Any(f => f.Name == name))
            {
                throw new InvalidDataException($"{where}: {descriptor.Slug} has no filter '{name}'.");
            }
        }

        var constraints = new List<string>();
        if (rule.MinVnd is not null || rule.MaxVnd is not null)
        {
            constraints.Add(Money);
        }

        if (near is not null)
        {
            constraints.Add(Place);
        }

        if (rule.MinM2 is not null || rule.MaxM2 is not null)
        {
            constraints.Add(Area);
        }

        if (departures is not null)
        {
            constraints.Add(Departure);
        }

        constraints.AddRange(rule.Keywords?.Keys ?? []);
        if (rule.Words is { Count: > 0 })
        {
            constraints.Add(Words);
        }

        var main = rule.Main ?? (constraints.Count <= 1 ? constraints : null)
            ?? throw new InvalidDataException($"{where}: a rule with several constraints ({string.Join(", ", constraints)}) must name its main ones.");
        if (main.Except(constraints).Any() || (constraints.Count > 0 && main.Count == 0))
        {
            throw new InvalidDataException($"{where}: main must name some of the rule's constraints ({string.Join(", ", constraints)}).");
        }

        return new JudgingRule
        {
            Kind = kind,
            MinVnd = rule.MinVnd,
            MaxVnd = rule.MaxVnd,
            Near = near,
            WithinKm = rule.WithinKm ?? 0,
            MinM2 = rule.MinM2,
            MaxM2 = rule.MaxM2,
            Departures = departures,
            Keywords = rule.Keywords ?? new Dictionary<string, IReadOnlyList<string>>(),
            TextWords = rule.Words ?? [],
            Main = main,
            Constraints = constraints,
        };
    }

    private static TimeOnly ParseTime(string text, string where) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new InvalidDataException($"{where}: '{text}' is not a time of day (HH:mm).");
}
