using DongNai.Domain.Listings;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Civic.Feedback;

/// <summary>
/// Approved citizen reports as a searchable kind (<c>/api/search/feedback-reports</c>): the same
/// Vietnamese analysis as every kind, filters and facets on category, status and commune. Only
/// public reports (routed, in progress, answered) are listed (<see cref="IsListed"/>): the outbox
/// drain deletes any other from the index and the rebuild skips them. Reports are posted, moderated
/// and answered through <c>/api/feedback</c>, never through the generic listing routes
/// (<see cref="HasListingRoutes"/> is false), because those would skip moderation and show the owner.
/// </summary>
/// <remarks>
/// Documents hold only what the public report shows: title, text, the category and status words,
/// the commune, the unit's public answer and the point (the commune's centre when the author gave
/// none). Never the author, the rejection reason, photos or moderation data. Likes are not in the
/// document (they change often and the index has its own popularity counts), so a like does not
/// reindex a report; every status change and an answer do. Reports are in searches across kinds
/// like news and public services: they are public information a citizen looks for with the same
/// words ("đường hỏng", "ngập nước") and the interpreter's kind weights keep them below the kind a
/// query is about (decision 0027).
/// </remarks>
public sealed class FeedbackReportKind : ListingKindDescriptor<FeedbackReport, FeedbackReportListingRequest, FeedbackReportListingResponse>
{
    public const string Status = "status";

    public override ListingKind Kind => ListingKind.FeedbackReport;

    public override string Slug => "feedback-reports";

    public override string Name => "FeedbackReport";

    public override string Description => "Citizens' reports (phản ánh hiện trường) approved by moderators: what, where, its category, status and the responsible unit's public answer; never who reported it.";

    public override string Table => "FeedbackReports";

    /// <summary>Reports are posted by verified citizens through <c>POST /api/feedback/reports</c>; the generic create route does not exist.</summary>
    public override IReadOnlyList<Role> CreatorRoles { get; } = [Role.Worker];

    public override double DemoShare => 0.01;

    public override bool HasListingRoutes => false;

    public override KindSearchProfile Search { get; } = new(
        [
            KeywordFilter.Codes<FeedbackCategory>(KeywordFields.Category, "What the report is about: roads, environment, publicOrder, electricityAndWater, administrativeProcedures, other."),
            new KeywordFilter(
                Status,
                FeedbackReport.PublicStatuses.Select(ListingVocabulary.Code).ToHashSet(StringComparer.Ordinal),
                FoldsValues: false,
                "Where the report stands: routed (with the unit), inProgress (accepted), answered.")
            {
                CodesName = "PublicFeedbackStatus",
            },
            KeywordFields.CommuneFilter,
        ],
        [KeywordFields.Category, Status, KeywordFields.Commune],
        [],
        MoneyField.None,
        "Reports have no price.")
    {
        // A problem in public space matters around home and work: a neighbourhood, then the commune.
        NearRadiusKm = (3, 8),
    };

    public override bool IsListed(Listing listing) => ((FeedbackReport)listing).IsPublic;

    public override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var report = ConfigureEntity(modelBuilder.Entity<FeedbackReport>());
        report.Ignore(r => r.IsPublic);

        // The columns keep the names they had before reports became a kind.
        report.Property(r => r.OwnerId).HasColumnName("AuthorId");
        report.Property(r => r.Description).HasColumnName("Text").HasMaxLength(FeedbackReport.MaxTextLength);
        report.Property(r => r.Title).HasMaxLength(FeedbackReport.MaxTitleLength);
        report.Property(r => r.FoldedText).HasMaxLength(FeedbackReport.MaxTitleLength + FeedbackReport.MaxTextLength + 1);
        report.Property(r => r.CommuneCode).HasMaxLength(10).IsRequired();
        report.Property(r => r.RejectionReason).HasMaxLength(FeedbackReport.MaxReasonLength);
        report.Property(r => r.Answer).HasMaxLength(FeedbackReport.MaxAnswerLength);
        report.HasIndex(r => new { r.Status, r.Id });
        report.HasIndex(r => new { r.OwnerId, r.CreatedAt });
        report.HasIndex(r => new { r.UnitId, r.Status });
        report.HasIndex(r => new { r.Status, r.DeadlineAt });
        report.HasOne<Account>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
        report.HasOne<FeedbackUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public override SearchDocument BuildDocument(FeedbackReport report, PlaceCatalog places)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(places);
        var commune = places.FindCommune(report.CommuneCode);

        // The author (OwnerId), moderation data and the rejection reason never reach the index.
        return CommonDocument(report) with
        {
            ExtraText = JoinText("phản ánh", Words(report.Category), Words(report.Status), commune?.Name, report.Answer),
            Keywords = Keywords(
                (KeywordFields.Category, [ListingVocabulary.Code(report.Category)]),
                (Status, [ListingVocabulary.Code(report.Status)]),
                (KeywordFields.Commune, Codes(report.CommuneCode))),
            SuggestTerms = SuggestTerms(commune?.Name),
        };
    }

    public static string Words(FeedbackCategory category) => category switch
    {
        FeedbackCategory.Roads => "giao thông đường sá hạ tầng",
        FeedbackCategory.Environment => "môi trường rác thải ô nhiễm",
        FeedbackCategory.PublicOrder => "trật tự an ninh",
        FeedbackCategory.ElectricityAndWater => "điện nước",
        FeedbackCategory.AdministrativeProcedures => "thủ tục hành chính",
        _ => "",
    };

    public static string Words(FeedbackStatus status) => status switch
    {
        FeedbackStatus.Routed => "đã tiếp nhận",
        FeedbackStatus.InProgress => "đang xử lý",
        FeedbackStatus.Answered => "đã trả lời",
        _ => "",
    };
}
