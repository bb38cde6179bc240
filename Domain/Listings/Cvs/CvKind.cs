using System.Text.Json;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DongNai.Domain.Listings.Cvs;

/// <summary>
/// Workers' CVs. Not publicly searchable: only employers and admins search them, through
/// <c>/api/candidates</c>, and only while the worker makes them discoverable
/// (<see cref="IsListed"/>). Their documents hold public CV fields alone: desired job, skills,
/// shift, salary expectation and the centre of the chosen place (decision 0019).
/// </summary>
public sealed class CvKind : ListingKindDescriptor<Cv, CvRequest, CvResponse>
{
    public const string Shift = "shift";
    public const string Skill = "skill";

    private static readonly JsonSerializerOptions ColumnJson = new(JsonSerializerDefaults.Web);

    public override ListingKind Kind => ListingKind.Cv;

    public override string Slug => "cvs";

    public override string Name => "Cv";

    public override string Description => "Workers' CVs; employers find the discoverable ones through candidate search.";

    public override string Table => "Cvs";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [Role.Worker];

    public override double DemoShare => 0;

    public override bool PubliclySearchable => false;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.Codes<JobShift>(Shift, "Shift the worker wants."),
            KeywordFilter.FoldedNames(Skill, "A skill, folded (no accents, lower case)."),
            KeywordFields.ParkFilter,
            KeywordFields.CommuneFilter,
        ],
        [Shift, Skill],
        [5_000_000, 7_000_000, 10_000_000, 15_000_000, 20_000_000],
        MoneyField.Salary,
        "Monthly salary the worker expects, in VND.")
    {
        NearRadiusKm = (10, 15),
    };

    public override bool IsListed(Listing listing) => ((Cv)listing).Discoverable;

    public override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var cv = ConfigureEntity(modelBuilder.Entity<Cv>());
        cv.Property(c => c.Skills).HasConversion(ToJson<List<string>>(), ListComparer<string>());
        cv.Property(c => c.Certificates).HasConversion(ToJson<List<string>>(), ListComparer<string>());
        cv.Property(c => c.Experience).HasConversion(ToJson<List<CvExperience>>(), ListComparer<CvExperience>());
        cv.Property(c => c.EducationDetail).HasMaxLength(200);
        cv.HasIndex(c => c.Discoverable);
    }

    public override SearchDocument BuildDocument(Cv cv, PlaceCatalog places)
    {
        var park = places.FindPark(cv.IndustrialParkCode);
        var commune = places.FindCommune(cv.CommuneCode);

        // Only public fields: no summary (free text may hold anything), no experience, no owner.
        return CommonDocument(cv) with
        {
            Description = null,
            ExtraText = JoinText(string.Join(", ", cv.Skills), cv.Shift is { } shift ? JobKind.Words(shift) : null, park?.Name, commune?.Name),
            Price = cv.SalaryExpectationVnd,
            Keywords = Keywords(
                (Shift, cv.Shift is { } s ? [ListingVocabulary.Code(s)] : []),
                (Skill, cv.Skills.Select(VietnameseText.FoldKey).Distinct(StringComparer.Ordinal).ToArray()),
                (KeywordFields.Park, Codes(cv.IndustrialParkCode)),
                (KeywordFields.Commune, Codes(cv.CommuneCode))),
        };
    }

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> ToJson<T>()
        where T : new() =>
        new(value => JsonSerializer.Serialize(value, ColumnJson), text => JsonSerializer.Deserialize<T>(text, ColumnJson) ?? new T());

    private static ValueComparer<List<T>> ListComparer<T>() =>
        new((a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)), list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)), list => list.ToList());
}
