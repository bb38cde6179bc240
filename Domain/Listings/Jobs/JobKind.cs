using DongNai.Domain.People;
using DongNai.Domain.Places;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Listings.Jobs;

/// <summary>Jobs that employers post in and around the industrial parks.</summary>
public sealed class JobKind : ListingKindDescriptor<JobPosting, JobRequest, JobResponse>
{
    public const string Shift = "shift";
    public const string JobType = "jobType";
    public const string Benefits = "benefits";

    public override ListingKind Kind => ListingKind.Job;

    public override string Slug => "jobs";

    public override string Name => "Job";

    public override string Description => "Jobs that employers post in and around the industrial parks.";

    public override string Table => "Jobs";

    public override IReadOnlyList<Role> CreatorRoles { get; } = [Role.Employer, Role.Admin];

    public override double DemoShare => 0.30;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.Codes<JobShift>(Shift, "Work shift."),
            KeywordFilter.Codes<JobType>(JobType, "Kind of contract."),
            KeywordFilter.Codes<JobBenefits>(Benefits, "Benefits the job offers."),
            KeywordFields.ParkFilter,
            KeywordFields.CommuneFilter,
        ],
        [Shift, JobType, Benefits, KeywordFields.Park],
        [5_000_000, 7_000_000, 10_000_000, 15_000_000, 20_000_000],
        MoneyField.Salary,
        "Monthly salary range in VND.")
    {
        NearRadiusKm = (5, 8),
    };

    public override void ConfigureModel(ModelBuilder modelBuilder)
    {
        var job = ConfigureEntity(modelBuilder.Entity<JobPosting>());
        job.HasOne(j => j.Employer).WithMany().HasForeignKey(j => j.EmployerId).OnDelete(DeleteBehavior.Restrict);
        job.HasIndex(j => j.EmployerId);
    }

    public override SearchDocument BuildDocument(JobPosting job, PlaceCatalog places)
    {
        var park = places.FindPark(job.IndustrialParkCode);
        var commune = places.FindCommune(job.CommuneCode);
        var benefits = ListingVocabulary.Flags(job.Benefits).ToList();
        var employer = job.Employer?.Name;
        return CommonDocument(job) with
        {
            ExtraText = JoinText(
                employer,
                job.Requirements,
                Words(job.Shift),
                Words(job.JobType),
                string.Join(", ", benefits.Select(Words)),
                park?.Name,
                commune?.Name),
            PriceMin = job.SalaryMinVnd,
            PriceMax = job.SalaryMaxVnd,
            ExpiresAt = job.ExpiresAt,
            Keywords = Keywords(
                (Shift, [ListingVocabulary.Code(job.Shift)]),
                (JobType, [ListingVocabulary.Code(job.JobType)]),
                (Benefits, benefits.Select(ListingVocabulary.Code).ToArray()),
                (KeywordFields.Park, Codes(job.IndustrialParkCode)),
                (KeywordFields.Commune, Codes(job.CommuneCode))),
            SuggestTerms = SuggestTerms(employer, park?.Name, commune?.Name),
        };
    }

    protected override IQueryable<JobPosting> Include(IQueryable<JobPosting> rows) => rows.Include(j => j.Employer);

    /// <summary>The Vietnamese words people search a shift with.</summary>
    public static string Words(JobShift shift) => shift switch
    {
        JobShift.Day => "ca ngày",
        JobShift.Night => "ca đêm",
        JobShift.Rotating => "xoay ca",
        _ => "",
    };

    public static string Words(JobType type) => type switch
    {
        Jobs.JobType.FullTime => "toàn thời gian",
        Jobs.JobType.PartTime => "bán thời gian",
        Jobs.JobType.Seasonal => "thời vụ",
        _ => "",
    };

    public static string Words(JobBenefits benefit) => benefit switch
    {
        JobBenefits.Meals => "bao cơm",
        JobBenefits.ShuttleBus => "xe đưa đón",
        JobBenefits.Dormitory => "ký túc xá",
        _ => "",
    };
}
