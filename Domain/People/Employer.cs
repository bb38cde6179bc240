namespace DongNai.Domain.People;

/// <summary>A company that posts jobs, owned by an employer account.</summary>
public sealed class Employer
{
    public long Id { get; set; }

    public long OwnerId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Vietnamese enterprise tax code: 10 digits, or 10 digits, a hyphen and 3 digits for a branch.</summary>
    public string TaxCode { get; set; } = "";

    public string? IndustrialParkCode { get; set; }

    public DateTime CreatedAt { get; set; }
}
