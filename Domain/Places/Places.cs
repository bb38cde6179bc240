namespace DongNai.Domain.Places;

/// <summary>One of Đồng Nai's 95 communes and wards after the 1 July 2025 merger.</summary>
public sealed class Commune
{
    /// <summary>GSO ward code, e.g. <c>26068</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Full name with its unit, e.g. <c>Phường Biên Hòa</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Accent-folded, lower-case name without the unit word, for lookups: <c>bien hoa</c>.</summary>
    public string FoldedName { get; set; } = "";

    /// <summary>Approximate centre; see <see cref="CentroidSource"/> for how it was placed.</summary>
    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public string CentroidSource { get; set; } = "";
}

/// <summary>A ward that existed before the 2025 merger and the 2025 unit it became part of.</summary>
public sealed class OldWardAlias
{
    public string OldCode { get; set; } = "";

    public string OldName { get; set; } = "";

    public string FoldedOldName { get; set; } = "";

    public string OldDistrict { get; set; } = "";

    public string OldProvince { get; set; } = "";

    public string NewCode { get; set; } = "";
}

/// <summary>A populated place with coordinates, from GeoNames or SimpleMaps (CC-BY-4.0).</summary>
public sealed class Town
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string FoldedName { get; set; } = "";

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public string Source { get; set; } = "";
}

/// <summary>An industrial park (khu công nghiệp). Coordinates are approximate and written by us; <see cref="Source"/> says how.</summary>
public sealed class IndustrialPark
{
    /// <summary>Stable slug, e.g. <c>amata</c>, used in URLs (<c>near=amata</c>).</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string FoldedName { get; set; } = "";

    public string? CommuneCode { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public bool Approximate { get; set; } = true;

    public string Source { get; set; } = "";
}
