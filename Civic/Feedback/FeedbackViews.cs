using DongNai.Domain.Civic.Feedback;

namespace DongNai.Civic.Feedback;

/// <summary>
/// A citizen's report. <paramref name="Latitude"/>/<paramref name="Longitude"/> are null when only
/// a commune was given, <paramref name="Photos"/> are URLs of the metadata-free photos. Never names
/// the author (see <see cref="StaffFeedbackReportView"/>). Text is raw: escape it in any HTML.
/// </summary>
public sealed record FeedbackReportView(
    long Id,
    string Title,
    string Text,
    FeedbackCategory Category,
    string CommuneCode,
    double? Latitude,
    double? Longitude,
    FeedbackStatus Status,
    bool Overdue,
    string? UnitCode,
    string? UnitName,
    DateTime CreatedAt,
    DateTime? DeadlineAt,
    string? RejectionReason,
    long? MergedIntoId,
    string? Answer,
    DateTime? AnsweredAt,
    int LikeCount,
    int ShareCount,
    IReadOnlyList<string> Photos);

/// <summary>A report as moderators and unit staff see it: with its author.</summary>
public sealed record StaffFeedbackReportView(FeedbackReportView Report, long AuthorId, string AuthorDisplayName);

/// <summary>A page of reports; <paramref name="NextCursor"/> continues it (null at the end).</summary>
public sealed record FeedbackReportPage(IReadOnlyList<FeedbackReportView> Items, string? NextCursor);

/// <summary>A likely duplicate of a report: <paramref name="Similarity"/> of their words (0–1), <paramref name="DistanceKm"/> when both have a point.</summary>
public sealed record FeedbackDuplicateView(FeedbackReportView Report, double Similarity, double? DistanceKm);

/// <summary>A report's like count and whether the caller likes it.</summary>
public sealed record FeedbackLikeView(long ReportId, int LikeCount, bool Liked);

public sealed record FeedbackShareView(long ReportId, int ShareCount);

/// <summary>
/// A new report: <paramref name="Photos"/> JPEG, PNG or WebP bytes (base64 in JSON); either a
/// point (<paramref name="Latitude"/> and <paramref name="Longitude"/> in Đồng Nai) or a
/// <paramref name="CommuneCode"/>, or both.
/// </summary>
public sealed record CreateFeedbackReportRequest(
    string? Title,
    string? Text,
    FeedbackCategory? Category,
    string? CommuneCode,
    double? Latitude,
    double? Longitude,
    IReadOnlyList<byte[]>? Photos);

public sealed record RejectFeedbackRequest(string? Reason);

public sealed record MergeFeedbackRequest(long? IntoReportId);

public sealed record AnswerFeedbackRequest(string? Answer);

public sealed record TransferFeedbackRequest(string? UnitCode, string? Note);

/// <summary>The public filters: category, commune, status (a public one) and text (accent-insensitive).</summary>
public sealed record FeedbackFilter(FeedbackCategory? Category, string? CommuneCode, FeedbackStatus? Status, string? Q);

/// <summary>
/// One change in the IOC feed. <paramref name="Cursor"/> is this change's position: pass the last
/// one back as <c>after</c> to get only later changes.
/// </summary>
public sealed record IocFeedItem(
    string Cursor,
    long ReportId,
    FeedbackChangeType Change,
    FeedbackStatus Status,
    FeedbackCategory Category,
    string CommuneCode,
    string Title,
    string? UnitCode,
    DateTime? DeadlineAt,
    string? Note,
    DateTime At);

/// <summary>A page of the IOC feed and the cursor to ask with next (the same one when nothing newer exists yet).</summary>
public sealed record IocFeedPage(IReadOnlyList<IocFeedItem> Items, string Cursor, bool HasMore);

/// <summary>A GeoJSON FeatureCollection of public reports as points.</summary>
public sealed record FeedbackMap(string Type, IReadOnlyList<FeedbackMapFeature> Features);

public sealed record FeedbackMapFeature(string Type, FeedbackMapPoint Geometry, FeedbackMapProperties Properties);

/// <summary>A GeoJSON point: <paramref name="Coordinates"/> is [longitude, latitude].</summary>
public sealed record FeedbackMapPoint(string Type, IReadOnlyList<double> Coordinates);

/// <summary>What a map marker shows; <paramref name="Approximate"/> when the point is the commune's centre.</summary>
public sealed record FeedbackMapProperties(long Id, string Title, FeedbackCategory Category, FeedbackStatus Status, bool Overdue, string CommuneCode, bool Approximate, int LikeCount);
