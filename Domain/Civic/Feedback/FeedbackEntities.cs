using DongNai.Domain.Listings;

namespace DongNai.Domain.Civic.Feedback;

/// <summary>What a citizen's report is about; the routing table is keyed by it.</summary>
public enum FeedbackCategory
{
    Roads = 1,
    Environment = 2,
    PublicOrder = 3,
    ElectricityAndWater = 4,
    AdministrativeProcedures = 5,
    Other = 6,
}

/// <summary>
/// Where a report stands. Pending → Rejected | Withdrawn | Merged | Routed; Routed → InProgress
/// (accepted) → Answered; a transfer keeps Routed/InProgress and changes the unit. Only Routed,
/// InProgress and Answered reports are public.
/// </summary>
public enum FeedbackStatus
{
    /// <summary>Posted, waiting for moderation. Never public.</summary>
    Pending = 1,

    /// <summary>Refused by a moderator, with a reason. Never public.</summary>
    Rejected = 2,

    /// <summary>Withdrawn by its author before approval. Never public.</summary>
    Withdrawn = 3,

    /// <summary>A duplicate folded into another report (<see cref="FeedbackReport.MergedIntoId"/>). Never public itself.</summary>
    Merged = 4,

    /// <summary>Approved and routed to a unit, which has not accepted it yet.</summary>
    Routed = 5,

    /// <summary>The unit accepted it and works on it.</summary>
    InProgress = 6,

    /// <summary>The unit answered publicly.</summary>
    Answered = 7,
}

/// <summary>A unit that answers reports: a commune People's Committee, a provincial department, a utility, or the province IOC.</summary>
public sealed class FeedbackUnit
{
    public const int MaxCodeLength = 40;
    public const int MaxNameLength = 200;

    public long Id { get; set; }

    /// <summary>Stable code used by the routing table and the API, e.g. <c>SXD</c> or <c>UBND-26068</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The province operations centre: overdue reports are escalated to it and its staff read the IOC feed.</summary>
    public bool IsOperationsCentre { get; set; }
}

/// <summary>
/// One row of the routing table: reports of <see cref="Category"/> in <see cref="CommuneCode"/>
/// (null: any commune without a row of its own) go to <see cref="UnitId"/>, to be answered within
/// <see cref="AnswerWorkingDays"/> working days of approval.
/// </summary>
public sealed class FeedbackRoute
{
    public long Id { get; set; }

    public FeedbackCategory Category { get; set; }

    public string? CommuneCode { get; set; }

    public long UnitId { get; set; }

    public int AnswerWorkingDays { get; set; }
}

/// <summary>A staff account's unit (new data: the role says "agency staff", this says which unit's reports it works).</summary>
public sealed class FeedbackStaffAssignment
{
    public long AccountId { get; set; }

    public long UnitId { get; set; }
}

/// <summary>
/// A citizen's report, and the searchable kind <c>feedback-reports</c> (stored code
/// <see cref="ListingKind.FeedbackReport"/>) while it is public. <see cref="Listing.OwnerId"/> is
/// its author, never shown publicly (staff see it) and never indexed; <see cref="Listing.Description"/>
/// is the report's text. Text is stored as typed; the HTML views escape it. <see cref="FoldedText"/>
/// is the accent-folded title and text for the public list's text filter.
/// <see cref="Listing.Latitude"/>/<see cref="Listing.Longitude"/> are the point the author gave or,
/// when only a commune was given (<see cref="ExactPoint"/> false), the commune's centre.
/// Every change of what the index shows (the status, the unit's answer) raises <see cref="Listing.Version"/>
/// and writes an outbox entry in the same transaction (<see cref="FeedbackReportKind"/>).
/// </summary>
public sealed class FeedbackReport : Listing
{
    public const int MaxTitleLength = 150;
    public const int MaxTextLength = 4000;
    public const int MaxReasonLength = 500;
    public const int MaxAnswerLength = 4000;

    /// <summary>The statuses the public sees: approved, whatever happened since. Only these are indexed.</summary>
    public static IReadOnlySet<FeedbackStatus> PublicStatuses { get; } = new HashSet<FeedbackStatus> { FeedbackStatus.Routed, FeedbackStatus.InProgress, FeedbackStatus.Answered };

    public override ListingKind Kind => ListingKind.FeedbackReport;

    /// <summary>Whether the public sees the report (and the search index holds it).</summary>
    public bool IsPublic => PublicStatuses.Contains(Status);

    public string FoldedText { get; set; } = "";

    public FeedbackCategory Category { get; set; }

    /// <summary>True when the author gave the point; false when it is the centre of <see cref="Listing.CommuneCode"/>.</summary>
    public bool ExactPoint { get; set; }

    public FeedbackStatus Status { get; set; }

    public long? ModeratedBy { get; set; }

    public DateTime? ModeratedAt { get; set; }

    public string? RejectionReason { get; set; }

    public long? MergedIntoId { get; set; }

    /// <summary>The unit that must answer (set on approval, changed by a transfer).</summary>
    public long? UnitId { get; set; }

    public DateTime? DeadlineAt { get; set; }

    /// <summary>When the overdue job found the deadline passed (and escalated the report to the IOC).</summary>
    public DateTime? OverdueAt { get; set; }

    public DateTime? AcceptedAt { get; set; }

    public string? Answer { get; set; }

    public long? AnsweredBy { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public int LikeCount { get; set; }

    public int ShareCount { get; set; }
}

/// <summary>A photo of a report, as re-encoded without metadata (the upload itself is never stored).</summary>
public sealed class FeedbackPhoto
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    public string ContentType { get; set; } = "";

    public byte[] Data { get; set; } = [];
}

/// <summary>One person's like of a report; the key (report, account) makes a second like impossible.</summary>
public sealed class FeedbackLike
{
    public long ReportId { get; set; }

    public long AccountId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One change of a report (posted, approved, transferred, overdue, …): the report's history and the
/// IOC feed, whose cursor is <see cref="Id"/>.
/// </summary>
public sealed class FeedbackChange
{
    public const int MaxNoteLength = 500;

    public long Id { get; set; }

    public long ReportId { get; set; }

    public FeedbackChangeType Type { get; set; }

    /// <summary>The report's status after the change.</summary>
    public FeedbackStatus Status { get; set; }

    public long? UnitId { get; set; }

    public DateTime? DeadlineAt { get; set; }

    /// <summary>The account that made the change; null for the overdue job.</summary>
    public long? ActorId { get; set; }

    public string? Note { get; set; }

    public DateTime At { get; set; }
}

public enum FeedbackChangeType
{
    Posted = 1,
    Withdrawn = 2,
    Rejected = 3,
    Merged = 4,
    Approved = 5,
    Accepted = 6,
    Answered = 7,
    Transferred = 8,
    Overdue = 9,
}
