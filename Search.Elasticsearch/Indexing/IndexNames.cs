using System.Globalization;
using DongNai.Domain.Listings;

namespace DongNai.Search.Elasticsearch.Indexing;

/// <summary>
/// Names of the aliases and versioned indexes: kind <c>jobs</c> is searched and written through
/// the alias <c>{prefix}-jobs</c>, which points at one index <c>{prefix}-jobs-v{n}</c>; a rebuild
/// writes <c>v{n+1}</c> and moves the alias. Pure; thread-safe.
/// </summary>
internal sealed class IndexNames(string prefix)
{
    public string Alias(ListingKind kind) => $"{prefix}-{kind.Slug()}";

    public string Index(ListingKind kind, int version) => $"{Alias(kind)}-v{version.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The alias of one kind, or of every kind anyone may search comma-separated: the path of a
    /// search (kinds that only their own search reads, such as CVs, are never searched across kinds).
    /// </summary>
    public string Path(ListingKind? kind) => kind is { } k ? Alias(k) : string.Join(',', ListingKinds.Public.Select(d => Alias(d.Kind)));

    /// <summary>The aliases of every kind comma-separated (to refresh them all).</summary>
    public string EveryAlias() => string.Join(',', ListingKinds.All.Select(Alias));

    /// <summary>The version number of one of this kind's index names; 0 when the name is not one.</summary>
    public int VersionOf(ListingKind kind, string index)
    {
        var stem = Alias(kind) + "-v";
        return index.StartsWith(stem, StringComparison.Ordinal)
            && int.TryParse(index.AsSpan(stem.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : 0;
    }
}
