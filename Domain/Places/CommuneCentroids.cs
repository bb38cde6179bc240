namespace DongNai.Domain.Places;

/// <summary>A town as read from its source file, with the district or province it says it is in.</summary>
internal sealed record TownSource(Town Town, string? DistrictKey, string? ProvinceKey);

/// <summary>The seat of a pre-2025 district, from <c>dongnai_district_seats.csv</c>.</summary>
internal sealed record DistrictSeat(string District, string Seat, double Latitude, double Longitude, string Source);

/// <summary>
/// Gives each commune an approximate centre and records how in <see cref="Commune.CentroidSource"/>,
/// trying in order:
/// <list type="number">
/// <item><c>geonames:NAME</c> — a GeoNames place of the same name in one of the commune's old districts;</item>
/// <item><c>simplemaps:NAME</c> — a SimpleMaps town of the same name in one of its old provinces;</item>
/// <item><c>old-ward:…</c> — the mean of the places (same rules) named like the old wards merged into it;</item>
/// <item><c>parks:…</c> — the mean of the industrial parks that lie in it (hand-placed, approximate);</item>
/// <item><c>district-seat:…</c> — the seat of the old district that gave it most of its old wards
/// (on a tie, the district of the old ward that bears the commune's own name).</item>
/// </list>
/// Names compare by <see cref="PlaceNameKey"/>. Districts and provinces compare the same way.
/// </summary>
internal static class CommuneCentroids
{
    public static void Place(
        IReadOnlyList<Commune> communes,
        IReadOnlyList<OldWardAlias> aliases,
        IReadOnlyList<TownSource> towns,
        IReadOnlyList<DistrictSeat> seats,
        IReadOnlyList<IndustrialPark> parks)
    {
        foreach (var commune in communes)
        {
            var merged = aliases.Where(a => a.NewCode == commune.Code).ToList();
            var districts = merged.Select(a => PlaceNameKey.Of(a.OldDistrict)).ToHashSet(StringComparer.Ordinal);
            var provinces = merged.Select(a => PlaceNameKey.Of(a.OldProvince)).ToHashSet(StringComparer.Ordinal);

            var byName = towns.FirstOrDefault(t => t.Town.FoldedName == commune.FoldedName && IsIn(t, districts, provinces));
            if (byName is not null)
            {
                Set(commune, byName.Town.Latitude, byName.Town.Longitude, $"{byName.Town.Source.ToLowerInvariant()}:{byName.Town.Name}");
                continue;
            }

            var oldWardMatches = new List<(OldWardAlias Alias, Town Town)>();
            foreach (var alias in merged)
            {
                var aliasDistrict = new HashSet<string>(StringComparer.Ordinal) { PlaceNameKey.Of(alias.OldDistrict) };
                var aliasProvince = new HashSet<string>(StringComparer.Ordinal) { PlaceNameKey.Of(alias.OldProvince) };
                var match = towns.FirstOrDefault(t => t.Town.FoldedName == alias.FoldedOldName && IsIn(t, aliasDistrict, aliasProvince));
                if (match is not null && oldWardMatches.TrueForAll(m => m.Town != match.Town))
                {
                    oldWardMatches.Add((alias, match.Town));
                }
            }

            if (oldWardMatches.Count > 0)
            {
                Set(
                    commune,
                    oldWardMatches.Average(m => m.Town.Latitude),
                    oldWardMatches.Average(m => m.Town.Longitude),
                    "old-ward:" + string.Join("; ", oldWardMatches.Select(m => $"{m.Alias.OldName}={m.Town.Source.ToLowerInvariant()}:{m.Town.Name}")));
                continue;
            }

            var inCommune = parks.Where(p => p.CommuneCode == commune.Code).ToList();
            if (inCommune.Count > 0)
            {
                Set(
                    commune,
                    inCommune.Average(p => p.Latitude),
                    inCommune.Average(p => p.Longitude),
                    "parks:" + string.Join("; ", inCommune.Select(p => p.Name)));
                continue;
            }

            var district = MainDistrict(commune, merged)
                ?? throw new InvalidDataException($"Commune {commune.Code} {commune.Name} has no old ward in the mapping file.");
            var seat = seats.FirstOrDefault(s => PlaceNameKey.Of(s.District) == PlaceNameKey.Of(district))
                ?? throw new InvalidDataException($"No seat is written for the old district '{district}'.");
            var how = seat.Source == "GeoNames" ? "geonames" : "written, approximate";
            Set(commune, seat.Latitude, seat.Longitude, $"district-seat:{district}={seat.Seat} ({how})");
        }
    }

    /// <summary>GeoNames places say their district; SimpleMaps towns only their province.</summary>
    private static bool IsIn(TownSource town, HashSet<string> districts, HashSet<string> provinces) =>
        town.DistrictKey is not null ? districts.Contains(town.DistrictKey) : town.ProvinceKey is not null && provinces.Contains(town.ProvinceKey);

    private static string? MainDistrict(Commune commune, List<OldWardAlias> merged)
    {
        var namesake = merged.Find(a => a.FoldedOldName == commune.FoldedName)?.OldDistrict;
        return merged
            .GroupBy(a => a.OldDistrict)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Key == namesake)
            .Select(g => g.Key)
            .FirstOrDefault();
    }

    private static void Set(Commune commune, double latitude, double longitude, string source)
    {
        commune.Latitude = Math.Round(latitude, 5);
        commune.Longitude = Math.Round(longitude, 5);
        commune.CentroidSource = source;
    }
}
