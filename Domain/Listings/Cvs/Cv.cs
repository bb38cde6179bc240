using DongNai.Domain.Listings.Jobs;

namespace DongNai.Domain.Listings.Cvs;

/// <summary>How soon a worker can start.</summary>
public enum CvAvailability
{
    Immediately = 1,
    WithinTwoWeeks = 2,
    WithinOneMonth = 3,
}

/// <summary>The highest schooling a worker finished.</summary>
public enum EducationLevel
{
    Primary = 1,
    LowerSecondary = 2,
    UpperSecondary = 3,
    Vocational = 4,
    College = 5,
    University = 6,
}

/// <summary>One past job on a CV.</summary>
public sealed record CvExperience(string Role, string? Employer, int Months);

/// <summary>
/// A worker's CV ("hồ sơ tuyển dụng"). It holds only what the worker types: the identity fields
/// (name, date of birth, address) are not columns here but are read from the owner's verified
/// identity card (<see cref="People.IdentityCard"/>, encrypted at rest) whenever the CV is shown to
/// someone allowed to see them, so they can be neither set nor forged (decision 0019).
/// <see cref="Listing.Title"/> is the desired job; <see cref="Listing.Description"/> a free summary
/// that is never indexed. The point is the centre of the chosen place (home commune or industrial
/// park), never an address. Listed (indexed, visible to others) only while <see cref="Discoverable"/>.
/// </summary>
public sealed class Cv : Listing
{
    public override ListingKind Kind => ListingKind.Cv;

    /// <summary>The shift the worker wants; null when any shift suits.</summary>
    public JobShift? Shift { get; set; }

    /// <summary>The lowest monthly salary the worker asks for, VND.</summary>
    public long SalaryExpectationVnd { get; set; }

    public List<string> Skills { get; set; } = [];

    public List<CvExperience> Experience { get; set; } = [];

    public EducationLevel? Education { get; set; }

    public string? EducationDetail { get; set; }

    public List<string> Certificates { get; set; } = [];

    public CvAvailability Availability { get; set; }

    /// <summary>The industrial park the worker wants to work in, when the CV's place is a park (else <see cref="Listing.CommuneCode"/> is the home commune).</summary>
    public string? IndustrialParkCode { get; set; }

    /// <summary>Whether employers may find the CV through candidate search.</summary>
    public bool Discoverable { get; set; }
}
