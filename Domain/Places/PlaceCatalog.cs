using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Places;

/// <summary>
/// The province's reference places, loaded from the files embedded in this assembly: the 95 communes
/// and wards of 2025 (with approximate centroids, see <see cref="Commune.CentroidSource"/>), the
/// pre-2025 wards that merged into them, the GeoNames and SimpleMaps towns, and the industrial parks.
/// <para>
/// Old wards: the mapping file has 284 rows, one of them an exact duplicate, so the catalog holds 283
/// aliases. Rows the source gives without an old ward code get the key <c>NEWCODE:folded old name</c>
/// (e.g. <c>26041:tan phong</c>); three rows whose new code is not a 2025 unit are matched by the new
/// unit's name instead. One old name may map to several new units (a ward split in two).
/// </para>
/// Immutable once loaded and safe to share between threads; load it once (a singleton) and treat the
/// entity objects it hands out as read-only. <see cref="WriteToDatabaseAsync"/> writes copies.
/// </summary>
public sealed class PlaceCatalog
{
    private const string WardsFile = "dongnai_2025_wards.csv";
    private const string MappingFile = "dongnai_old_to_new_mapping.csv";
    private const string GeoNamesFile = "dongnai_geonames_places.json";
    private const string SimpleMapsFile = "dongnai_binhphuoc_simplemaps.json";
    private const string ParksFile = "dongnai_industrial_parks.csv";
    private const string SeatsFile = "dongnai_district_seats.csv";
    private const string ProvinceKey = "dong nai";

    private readonly Dictionary<string, Commune> communesByCode;
    private readonly Dictionary<string, IndustrialPark> parksByCode;
    private readonly Dictionary<string, OldWardAlias> aliasesByOldCode;
    private readonly ILookup<string, Commune> communesByKey;
    private readonly ILookup<string, OldWardAlias> aliasesByKey;
    private readonly ILookup<string, Town> townsByKey;
    private readonly ILookup<string, IndustrialPark> parksByKey;
    private readonly Dictionary<string, string> formerProvinceByCommune;
    private readonly List<Commune> communesForNearest;

    private PlaceCatalog(
        List<Commune> communes,
        List<OldWardAlias> aliases,
        List<Town> towns,
        List<IndustrialPark> parks,
        Dictionary<string, string[]> parkAliases)
    {
        Communes = communes;
        OldWardAliases = aliases;
        Towns = towns;
        IndustrialParks = parks;
        communesByCode = communes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        parksByCode = parks.ToDictionary(p => p.Code, StringComparer.Ordinal);
        aliasesByOldCode = aliases.ToDictionary(a => a.OldCode, StringComparer.Ordinal);
        communesByKey = communes.ToLookup(c => c.FoldedName, StringComparer.Ordinal);
        aliasesByKey = aliases.ToLookup(a => a.FoldedOldName, StringComparer.Ordinal);
        townsByKey = towns.ToLookup(t => t.FoldedName, StringComparer.Ordinal);
        parksByKey = parks
            .SelectMany(p => parkAliases[p.Code].Prepend(p.FoldedName).Select(key => (Key: key, Park: p)))
            .ToLookup(x => x.Key, x => x.Park, StringComparer.Ordinal);
        communesForNearest = communes.OrderBy(c => c.CentroidSource.StartsWith("district-seat:", StringComparison.Ordinal)).ToList();
        formerProvinceByCommune = aliases
            .GroupBy(a => a.NewCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(a => a.OldProvince).OrderByDescending(p => p.Count()).First().Key, StringComparer.Ordinal);
    }

    /// <summary>The 95 communes and wards of 2025, in GSO code order as the source lists them.</summary>
    public IReadOnlyList<Commune> Communes { get; }

    /// <summary>The pre-2025 wards of old Đồng Nai and old Bình Phước and the 2025 unit each became part of.</summary>
    public IReadOnlyList<OldWardAlias> OldWardAliases { get; }

    /// <summary>GeoNames places (ids 1–18) then SimpleMaps towns (ids 19–30); a big town may appear in both.</summary>
    public IReadOnlyList<Town> Towns { get; }

    /// <summary>The industrial parks, all with approximate, hand-placed coordinates.</summary>
    public IReadOnlyList<IndustrialPark> IndustrialParks { get; }

    /// <summary>Reads and checks the embedded files. Takes a few milliseconds; keep the result.</summary>
    public static PlaceCatalog Load()
    {
        var communes = EmbeddedDataFile.ReadCsv(WardsFile)
            .Select(row => new Commune
            {
                Code = row["ward_code"],
                Name = row["name"],
                FoldedName = PlaceNameKey.Of(row["name"]),
            })
            .ToList();

        var aliases = ReadAliases(communes);
        var towns = ReadTowns();
        var seats = EmbeddedDataFile.ReadCsv(SeatsFile)
            .Select(row => new DistrictSeat(row["old_district"], row["seat"], ParseDouble(row["lat"]), ParseDouble(row["lon"]), row["source"]))
            .ToList();
        var parkAliases = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parks = new List<IndustrialPark>();
        foreach (var row in EmbeddedDataFile.ReadCsv(ParksFile))
        {
            var park = new IndustrialPark
            {
                Code = row["code"],
                Name = row["name"],
                FoldedName = PlaceNameKey.Of(row["name"]),
                CommuneCode = row["commune_code"].Length == 0 ? null : row["commune_code"],
                Latitude = ParseDouble(row["lat"]),
                Longitude = ParseDouble(row["lon"]),
                Approximate = bool.Parse(row["approximate"]),
                Source = row["source"],
            };
            parks.Add(park);
            parkAliases[park.Code] = row["aliases"].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(PlaceNameKey.Of).ToArray();
        }

        CommuneCentroids.Place(communes, aliases, towns, seats, parks);
        var catalog = new PlaceCatalog(communes, aliases, towns.Select(t => t.Town).ToList(), parks, parkAliases);
        catalog.Validate();
        return catalog;
    }

    /// <summary>The 2025 commune with this GSO code, or null.</summary>
    public Commune? FindCommune(string? code) =>
        code is not null && communesByCode.TryGetValue(code.Trim(), out var commune) ? commune : null;

    /// <summary>The industrial park with this slug (<c>amata</c>), or null.</summary>
    public IndustrialPark? FindPark(string? code) =>
        code is not null && parksByCode.TryGetValue(code.Trim().ToLowerInvariant(), out var park) ? park : null;

    /// <summary>
    /// The commune whose centroid is nearest the point. Several communes placed at the seat of their
    /// old district share one point; on such a tie a commune placed by its own name wins.
    /// </summary>
    public Commune NearestCommune(double latitude, double longitude) => Nearest(communesForNearest, latitude, longitude, c => (c.Latitude, c.Longitude));

    /// <summary>The park nearest the point.</summary>
    public IndustrialPark NearestPark(double latitude, double longitude) => Nearest(IndustrialParks, latitude, longitude, p => (p.Latitude, p.Longitude));

    /// <summary>
    /// "Tỉnh Đồng Nai" or "Tỉnh Bình Phước": the old province that gave the commune most of its wards,
    /// or null for an unknown code.
    /// </summary>
    public string? FormerProvinceOf(string communeCode) =>
        formerProvinceByCommune.TryGetValue(communeCode, out var province) ? province : null;

    /// <summary>
    /// Resolves what a user typed to one place with coordinates, or null when nothing matches.
    /// Accepts a park slug or name ("amata", "KCN Amata", "kcn  AMATA!"), a commune or ward name
    /// with or without its unit word ("Biên Hòa", "phường biên hoà"), a pre-2025 ward name (resolved
    /// to the 2025 unit it merged into, with <see cref="ResolvedPlace.FormerName"/> set), a GSO code
    /// (2025, or pre-2025 resolved to its new unit) or a town name ("TP Long Khánh").
    /// Matching ignores case, accents, punctuation and spacing. Without a unit word the order is:
    /// park slug, commune, old ward, town, park name — so "Long Thành" is the commune, "KCN Long
    /// Thành" the park. "KCN …" tries parks first, "phường/xã/thị trấn …" communes and old wards,
    /// "TP/thị xã/huyện …" towns. An old name that split between two new units resolves to the unit
    /// listed first in the mapping file. The province's own name ("Đồng Nai", "tỉnh Đồng Nai") gives null.
    /// </summary>
    public ResolvedPlace? ResolvePlace(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.All(char.IsAsciiDigit))
        {
            return ResolveCode(trimmed);
        }

        if (FindPark(trimmed) is { } bySlug)
        {
            return ToResolved(bySlug);
        }

        var key = PlaceNameKey.Parse(trimmed);
        if (key.Folded.Length == 0)
        {
            return null;
        }

        // "Đồng Nai" alone names the whole province, not the old Xã Đồng Nai in Bù Đăng.
        if (key.Folded == ProvinceKey && key.Hint != PlaceNameHint.Commune)
        {
            return null;
        }

        Func<PlaceNameKey, ResolvedPlace?>[] order = key.Hint switch
        {
            PlaceNameHint.IndustrialPark => [ByParkName, ByCommune, ByOldWard, ByTown],
            PlaceNameHint.Town => [ByTown, ByCommune, ByOldWard, ByParkName],
            _ => [ByCommune, ByOldWard, ByTown, ByParkName],
        };
        foreach (var lookup in order)
        {
            if (lookup(key) is { } place)
            {
                return place;
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the catalog into the Communes, OldWardAliases, Towns and IndustrialParks tables, each
    /// only if it is empty, so running it again changes nothing. Returns the number of rows added.
    /// </summary>
    public async Task<int> WriteToDatabaseAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var added = 0;
        if (!await db.Communes.AnyAsync(cancellationToken))
        {
            db.Communes.AddRange(Communes.Select(c => new Commune
            {
                Code = c.Code,
                Name = c.Name,
                FoldedName = c.FoldedName,
                Latitude = c.Latitude,
                Longitude = c.Longitude,
                CentroidSource = c.CentroidSource,
            }));
            added += Communes.Count;
        }

        if (!await db.OldWardAliases.AnyAsync(cancellationToken))
        {
            db.OldWardAliases.AddRange(OldWardAliases.Select(a => new OldWardAlias
            {
                OldCode = a.OldCode,
                OldName = a.OldName,
                FoldedOldName = a.FoldedOldName,
                OldDistrict = a.OldDistrict,
                OldProvince = a.OldProvince,
                NewCode = a.NewCode,
            }));
            added += OldWardAliases.Count;
        }

        if (!await db.Towns.AnyAsync(cancellationToken))
        {
            db.Towns.AddRange(Towns.Select(t => new Town
            {
                Id = t.Id,
                Name = t.Name,
                FoldedName = t.FoldedName,
                Latitude = t.Latitude,
                Longitude = t.Longitude,
                Source = t.Source,
            }));
            added += Towns.Count;
        }

        if (!await db.IndustrialParks.AnyAsync(cancellationToken))
        {
            db.IndustrialParks.AddRange(IndustrialParks.Select(p => new IndustrialPark
            {
                Code = p.Code,
                Name = p.Name,
                FoldedName = p.FoldedName,
                CommuneCode = p.CommuneCode,
                Latitude = p.Latitude,
                Longitude = p.Longitude,
                Approximate = p.Approximate,
                Source = p.Source,
            }));
            added += IndustrialParks.Count;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }

    private static List<OldWardAlias> ReadAliases(List<Commune> communes)
    {
        var byCode = communes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var byName = communes.ToDictionary(c => PlaceNameKey.Parse(c.Name).Accented, StringComparer.Ordinal);
        var aliases = new List<OldWardAlias>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in EmbeddedDataFile.ReadCsv(MappingFile))
        {
            // The source has a few new codes that are not 2025 units (7987, 26176, 26131); the name is right.
            var newName = PlaceNameKey.Parse(row["new_ward_name"]).Accented;
            var newCode = byCode.TryGetValue(row["new_ward_code"], out var commune) && PlaceNameKey.Parse(commune.Name).Accented == newName
                ? commune.Code
                : byName.TryGetValue(newName, out var named)
                    ? named.Code
                    : throw new InvalidDataException($"{MappingFile}: no 2025 unit named '{row["new_ward_name"]}'.");
            var folded = PlaceNameKey.Of(row["old_ward_name"]);
            var oldCode = row["old_ward_code"].Length > 0 ? row["old_ward_code"] : $"{newCode}:{folded}";
            if (!seen.Add(oldCode))
            {
                continue; // an exact duplicate row
            }

            aliases.Add(new OldWardAlias
            {
                OldCode = oldCode,
                OldName = row["old_ward_name"],
                FoldedOldName = folded,
                OldDistrict = row["old_district"],
                OldProvince = row["old_province"],
                NewCode = newCode,
            });
        }

        return aliases;
    }

    private static List<TownSource> ReadTowns()
    {
        var towns = new List<TownSource>();
        using (var geoNames = JsonDocument.Parse(EmbeddedDataFile.Open(GeoNamesFile)))
        {
            foreach (var place in geoNames.RootElement.EnumerateArray())
            {
                var town = NewTown(towns.Count + 1, place.GetProperty("name").GetString()!, place.GetProperty("lat").GetString()!, place.GetProperty("lng").GetString()!, "GeoNames");
                towns.Add(new TownSource(town, PlaceNameKey.Of(place.GetProperty("admin2_name").GetString()), null));
            }
        }

        using (var simpleMaps = JsonDocument.Parse(EmbeddedDataFile.Open(SimpleMapsFile)))
        {
            foreach (var place in simpleMaps.RootElement.EnumerateArray())
            {
                var town = NewTown(towns.Count + 1, place.GetProperty("city").GetString()!, place.GetProperty("lat").GetString()!, place.GetProperty("lng").GetString()!, "SimpleMaps");
                towns.Add(new TownSource(town, null, PlaceNameKey.Of(place.GetProperty("admin_name").GetString())));
            }
        }

        return towns;
    }

    private static Town NewTown(int id, string name, string latitude, string longitude, string source) => new()
    {
        Id = id,
        Name = name,
        FoldedName = PlaceNameKey.Of(name),
        Latitude = ParseDouble(latitude),
        Longitude = ParseDouble(longitude),
        Source = source,
    };

    private static double ParseDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static T Nearest<T>(IReadOnlyList<T> places, double latitude, double longitude, Func<T, (double Latitude, double Longitude)> point)
    {
        // Equirectangular distance is monotonic enough at this scale to pick the nearest.
        var cosLatitude = Math.Cos(GeoMath.ToRadians(latitude));
        var best = places[0];
        var bestDistance = double.MaxValue;
        foreach (var place in places)
        {
            var (lat, lon) = point(place);
            var dx = (lon - longitude) * cosLatitude;
            var dy = lat - latitude;
            var distance = (dx * dx) + (dy * dy);
            if (distance < bestDistance)
            {
                best = place;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static ResolvedPlace ToResolved(IndustrialPark park) =>
        new(PlaceKind.IndustrialPark, park.Code, park.Name, park.Latitude, park.Longitude);

    private static ResolvedPlace ToResolved(Commune commune, string? formerName = null) =>
        new(PlaceKind.Commune, commune.Code, commune.Name, commune.Latitude, commune.Longitude, formerName);

    private ResolvedPlace? ResolveCode(string code)
    {
        if (FindCommune(code) is { } commune)
        {
            return ToResolved(commune);
        }

        return aliasesByOldCode.TryGetValue(code, out var alias) ? ToResolved(communesByCode[alias.NewCode], alias.OldName) : null;
    }

    /// <summary>Of the places whose folded name matches, the one spelt with the same accents, else the first.</summary>
    private static T? BestMatch<T>(IEnumerable<T> candidates, PlaceNameKey key, Func<T, string> name)
        where T : class
    {
        T? first = null;
        foreach (var candidate in candidates)
        {
            if (PlaceNameKey.Parse(name(candidate)).Accented == key.Accented)
            {
                return candidate;
            }

            first ??= candidate;
        }

        return first;
    }

    private ResolvedPlace? ByParkName(PlaceNameKey key) =>
        parksByKey[key.Folded].FirstOrDefault() is { } park ? ToResolved(park) : null;

    private ResolvedPlace? ByCommune(PlaceNameKey key) =>
        BestMatch(communesByKey[key.Folded], key, c => c.Name) is { } commune ? ToResolved(commune) : null;

    private ResolvedPlace? ByOldWard(PlaceNameKey key) =>
        BestMatch(aliasesByKey[key.Folded], key, a => a.OldName) is { } alias ? ToResolved(communesByCode[alias.NewCode], alias.OldName) : null;

    private ResolvedPlace? ByTown(PlaceNameKey key) =>
        BestMatch(townsByKey[key.Folded], key, t => t.Name) is { } town
            ? new ResolvedPlace(PlaceKind.Town, town.Id.ToString(CultureInfo.InvariantCulture), town.Name, town.Latitude, town.Longitude)
            : null;

    private void Validate()
    {
        foreach (var (name, lat, lon) in Communes.Select(c => (c.Name, c.Latitude, c.Longitude))
            .Concat(Towns.Select(t => (t.Name, t.Latitude, t.Longitude)))
            .Concat(IndustrialParks.Select(p => (p.Name, p.Latitude, p.Longitude))))
        {
            if (!ProvinceBounds.Contains(lat, lon))
            {
                throw new InvalidDataException($"{name} ({lat}, {lon}) lies outside the province's bounds.");
            }
        }

        foreach (var park in IndustrialParks)
        {
            if (park.CommuneCode is not null && !communesByCode.ContainsKey(park.CommuneCode))
            {
                throw new InvalidDataException($"{ParksFile}: {park.Code} names the unknown commune {park.CommuneCode}.");
            }
        }
    }
}
