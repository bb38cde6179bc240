using System.Globalization;
using DongNai.Domain;
using DongNai.Domain.Civic.Feedback;
using DongNai.Domain.Listings;
using DongNai.Domain.Outbox;
using DongNai.Domain.Places;
using DongNai.Domain.Text;
using DongNai.Domain.Validation;
using DongNai.Identity.Verification;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Civic.Feedback;

/// <summary>
/// Citizen feedback: posting and withdrawing (the author), moderation (staff: approve, reject,
/// merge, with proposed duplicates), the unit desk (accept, answer, transfer) and the public board
/// (list, map, likes, shares). Every change is recorded as a <see cref="FeedbackChange"/> (the
/// history and the IOC feed) and told to the author. One instance per request (it holds the
/// request's <see cref="AppDbContext"/>).
/// </summary>
public sealed class FeedbackService(
    AppDbContext db,
    FeedbackRouting routing,
    VerificationGate gate,
    PlaceCatalog places,
    IFeedbackNotices notices,
    FeedbackOptions options,
    TimeProvider time)
{
    public const int PageSize = 20;

    public const int MaxMapFeatures = 1000;

    /// <summary>The statuses the public sees: approved, whatever happened since.</summary>
    public static IReadOnlySet<FeedbackStatus> PublicStatuses => FeedbackReport.PublicStatuses;

    private static readonly FeedbackStatus[] PublicList = [.. PublicStatuses];

    // ---- The author ----

    public async Task<FeedbackOutcome<FeedbackReportView>> CreateAsync(long me, CreateFeedbackReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await gate.AllowsAsync(TrustedActions.Feedback, me, cancellationToken))
        {
            return new FeedbackOutcome<FeedbackReportView>.VerificationRequired();
        }

        var errors = new FieldErrors();
        errors.Text(request.Title, "title", 5, FeedbackReport.MaxTitleLength);
        errors.Text(request.Text, "text", 10, FeedbackReport.MaxTextLength);
        errors.When(request.Category is null || !Enum.IsDefined(request.Category.Value), "category", "Required: roads, environment, publicOrder, electricityAndWater, administrativeProcedures or other.");
        var hasPoint = request.Latitude is not null || request.Longitude is not null;
        if (hasPoint && (request.Latitude is not { } lat || request.Longitude is not { } lon || !ProvinceBounds.Contains(lat, lon)))
        {
            errors.Add("latitude", "A point needs both latitude and longitude, inside Đồng Nai.");
        }

        errors.When(request.CommuneCode is not null && places.FindCommune(request.CommuneCode) is null, "communeCode", "No such commune (GET /api/places/communes).");
        errors.When(!hasPoint && request.CommuneCode is null, "communeCode", "Required: a commune, or a point (latitude and longitude).");
        var photos = new List<CleanPhoto>();
        var uploads = request.Photos ?? [];
        if (uploads.Count > options.MaxPhotos)
        {
            errors.Add("photos", $"At most {options.MaxPhotos} photos.");
        }
        else
        {
            for (var i = 0; i < uploads.Count; i++)
            {
                var (photo, problem) = FeedbackPhotos.Clean(uploads[i] ?? [], options);
                if (problem is not null)
                {
                    errors.Add($"photos[{i.ToString(CultureInfo.InvariantCulture)}]", problem);
                }
                else
                {
                    photos.Add(photo!);
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return new FeedbackOutcome<FeedbackReportView>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-1);
        var recent = await db.FeedbackReports.Where(r => r.OwnerId == me && r.CreatedAt > since).Select(r => r.CreatedAt).ToListAsync(cancellationToken);
        if (recent.Count >= options.ReportsPerDay)
        {
            var retry = recent.Min().AddDays(1) - now;
            return new FeedbackOutcome<FeedbackReportView>.Slowed(retry > TimeSpan.Zero ? retry : TimeSpan.FromSeconds(1));
        }

        var title = request.Title!.Trim();
        var text = request.Text!.Trim();
        var communeCode = request.CommuneCode ?? places.NearestCommune(request.Latitude!.Value, request.Longitude!.Value).Code;
        var commune = places.FindCommune(communeCode)!;
        var report = new FeedbackReport
        {
            OwnerId = me,
            Title = title,
            Description = text,
            FoldedText = VietnameseText.FoldKey(title + " " + text),
            Category = request.Category!.Value,
            CommuneCode = communeCode,

            // Without a point the report is placed at its commune's centre (shown as approximate).
            Latitude = request.Latitude ?? commune.Latitude,
            Longitude = request.Longitude ?? commune.Longitude,
            ExactPoint = hasPoint,
            Status = FeedbackStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.FeedbackReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var photo in photos)
        {
            db.FeedbackPhotos.Add(new FeedbackPhoto { ReportId = report.Id, ContentType = photo.ContentType, Data = photo.Data });
        }

        Record(report, FeedbackChangeType.Posted, me, null, now);
        await db.SaveChangesAsync(cancellationToken);
        return new FeedbackOutcome<FeedbackReportView>.Done((await ViewsAsync([report], cancellationToken))[0]);
    }

    /// <summary>The author's own reports, newest first, in every state.</summary>
    public async Task<IReadOnlyList<FeedbackReportView>> MineAsync(long me, CancellationToken cancellationToken)
    {
        var reports = await db.FeedbackReports.AsNoTracking().Where(r => r.OwnerId == me).OrderByDescending(r => r.Id).Take(100).ToListAsync(cancellationToken);
        return await ViewsAsync(reports, cancellationToken);
    }

    /// <summary>The author withdraws a report still waiting for moderation.</summary>
    public async Task<FeedbackOutcome<bool>> WithdrawAsync(long me, long id, CancellationToken cancellationToken)
    {
        var report = await db.FeedbackReports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return new FeedbackOutcome<bool>.NotFound();
        }

        if (report.OwnerId != me)
        {
            return new FeedbackOutcome<bool>.Forbidden("Only the author may withdraw a report.");
        }

        if (report.Status != FeedbackStatus.Pending)
        {
            return new FeedbackOutcome<bool>.Conflict($"Only a report waiting for moderation can be withdrawn; this one is {report.Status}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        report.Status = FeedbackStatus.Withdrawn;
        report.UpdatedAt = now;
        Record(report, FeedbackChangeType.Withdrawn, me, null, now);
        await db.SaveChangesAsync(cancellationToken);
        return new FeedbackOutcome<bool>.Done(true);
    }

    // ---- Moderation (agency staff and admins) ----

    /// <summary>Reports waiting for moderation, oldest first, with their authors.</summary>
    public async Task<IReadOnlyList<StaffFeedbackReportView>> ModerationQueueAsync(CancellationToken cancellationToken)
    {
        var reports = await db.FeedbackReports.AsNoTracking().Where(r => r.Status == FeedbackStatus.Pending).OrderBy(r => r.Id).Take(50).ToListAsync(cancellationToken);
        return await StaffViewsAsync(reports, cancellationToken);
    }

    /// <summary>
    /// Likely duplicates of a report: same category, posted within <see cref="FeedbackOptions.DuplicateWindowDays"/>,
    /// within <see cref="FeedbackOptions.DuplicateRadiusKm"/> (or the same commune when either has no point),
    /// sharing words; pending or public ones, best first.
    /// </summary>
    public async Task<FeedbackOutcome<IReadOnlyList<FeedbackDuplicateView>>> DuplicatesAsync(long id, CancellationToken cancellationToken)
    {
        var report = await db.FeedbackReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return new FeedbackOutcome<IReadOnlyList<FeedbackDuplicateView>>.NotFound();
        }

        var from = report.CreatedAt.AddDays(-options.DuplicateWindowDays);
        var to = report.CreatedAt.AddDays(options.DuplicateWindowDays);
        var open = PublicList.Append(FeedbackStatus.Pending).ToArray();
        var candidates = await db.FeedbackReports.AsNoTracking()
            .Where(r => r.Id != id && r.Category == report.Category && open.Contains(r.Status) && r.CreatedAt >= from && r.CreatedAt <= to)
            .OrderByDescending(r => r.Id).Take(500).ToListAsync(cancellationToken);
        var words = Words(report.FoldedText);
        var found = new List<(FeedbackReport Report, double Similarity, double? Distance)>();
        foreach (var candidate in candidates)
        {
            double? distance = report.ExactPoint && candidate.ExactPoint
                ? GeoMath.HaversineKm(report.Latitude, report.Longitude, candidate.Latitude, candidate.Longitude)
                : null;
            var near = distance is { } km ? km <= options.DuplicateRadiusKm : candidate.CommuneCode == report.CommuneCode;
            var similarity = Jaccard(words, Words(candidate.FoldedText));
            if (near && similarity >= 0.2)
            {
                found.Add((candidate, similarity, distance));
            }
        }

        var best = found.OrderByDescending(f => f.Similarity).ThenBy(f => f.Distance ?? 0).Take(10).ToList();
        var views = await ViewsAsync(best.ConvertAll(b => b.Report), cancellationToken);
        return new FeedbackOutcome<IReadOnlyList<FeedbackDuplicateView>>.Done(
            best.Select((b, i) => new FeedbackDuplicateView(views[i], Math.Round(b.Similarity, 3), b.Distance is { } d ? Math.Round(d, 3) : null)).ToList());
    }

    /// <summary>Approves a pending report: it becomes public, is routed by the table and gets its deadline.</summary>
    public async Task<FeedbackOutcome<FeedbackReportView>> ApproveAsync(long moderator, long id, CancellationToken cancellationToken)
    {
        var (report, refused) = await ForModerationAsync<FeedbackReportView>(moderator, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (unit, days) = await routing.RouteAsync(report!.Category, report.CommuneCode!, cancellationToken);
        report.Status = FeedbackStatus.Routed;
        report.ModeratedBy = moderator;
        report.ModeratedAt = now;
        report.UnitId = unit.Id;
        report.DeadlineAt = WorkingDays.Add(now, days, options.HolidayCalendar);
        report.UpdatedAt = now;
        Record(report, FeedbackChangeType.Approved, moderator, null, now);
        await db.SaveChangesAsync(cancellationToken);
        await notices.TellAsync(report.OwnerId, report.Id, "Phản ánh đã được duyệt",
            $"Phản ánh \"{report.Title}\" đã được công khai và chuyển đến {unit.Name}; hạn trả lời {Local(report.DeadlineAt.Value)}.", cancellationToken);
        return new FeedbackOutcome<FeedbackReportView>.Done((await ViewsAsync([report], cancellationToken))[0]);
    }

    public async Task<FeedbackOutcome<FeedbackReportView>> RejectAsync(long moderator, long id, RejectFeedbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.Text(request.Reason, "reason", 3, FeedbackReport.MaxReasonLength);
        if (!errors.IsEmpty)
        {
            return new FeedbackOutcome<FeedbackReportView>.Invalid(errors);
        }

        var (report, refused) = await ForModerationAsync<FeedbackReportView>(moderator, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        report!.Status = FeedbackStatus.Rejected;
        report.RejectionReason = request.Reason!.Trim();
        report.ModeratedBy = moderator;
        report.ModeratedAt = now;
        report.UpdatedAt = now;
        Record(report, FeedbackChangeType.Rejected, moderator, report.RejectionReason, now);
        await db.SaveChangesAsync(cancellationToken);
        await notices.TellAsync(report.OwnerId, report.Id, "Phản ánh không được duyệt", $"Phản ánh \"{report.Title}\" không được duyệt: {report.RejectionReason}", cancellationToken);
        return new FeedbackOutcome<FeedbackReportView>.Done((await ViewsAsync([report], cancellationToken))[0]);
    }

    /// <summary>Folds a pending report into a public one about the same problem; the author is sent to it.</summary>
    public async Task<FeedbackOutcome<FeedbackReportView>> MergeAsync(long moderator, long id, MergeFeedbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.IntoReportId is { } into && into != id
            ? await db.FeedbackReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == into && PublicList.Contains(r.Status), cancellationToken)
            : null;
        if (target is null)
        {
            return FeedbackOutcomes.Invalid<FeedbackReportView>("intoReportId", "Required: the id of another, approved report.");
        }

        var (report, refused) = await ForModerationAsync<FeedbackReportView>(moderator, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        report!.Status = FeedbackStatus.Merged;
        report.MergedIntoId = target.Id;
        report.ModeratedBy = moderator;
        report.ModeratedAt = now;
        report.UpdatedAt = now;
        Record(report, FeedbackChangeType.Merged, moderator, "#" + target.Id.ToString(CultureInfo.InvariantCulture), now);
        await db.SaveChangesAsync(cancellationToken);
        await notices.TellAsync(report.OwnerId, report.Id, "Phản ánh đã được gộp",
            $"Phản ánh \"{report.Title}\" trùng với một phản ánh đã công khai và được gộp vào đó; hãy theo dõi phản ánh #{target.Id.ToString(CultureInfo.InvariantCulture)}.", cancellationToken);
        return new FeedbackOutcome<FeedbackReportView>.Done((await ViewsAsync([report], cancellationToken))[0]);
    }

    private async Task<(FeedbackReport? Report, FeedbackOutcome<T>? Refused)> ForModerationAsync<T>(long moderator, long id, CancellationToken cancellationToken)
    {
        var report = await db.FeedbackReports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return (null, new FeedbackOutcome<T>.NotFound());
        }

        if (report.OwnerId == moderator)
        {
            return (null, new FeedbackOutcome<T>.Forbidden("Nobody moderates their own report."));
        }

        return report.Status == FeedbackStatus.Pending
            ? (report, null)
            : (null, new FeedbackOutcome<T>.Conflict($"Only a report waiting for moderation can be moderated; this one is {report.Status}."));
    }

    // ---- The unit desk (agency staff assigned to a unit) ----

    /// <summary>
    /// The reports of the caller's unit that are open or answered, earliest deadline first; the IOC's
    /// staff also see every overdue (escalated) report. Forbidden without a unit.
    /// </summary>
    public async Task<FeedbackOutcome<IReadOnlyList<StaffFeedbackReportView>>> UnitQueueAsync(long me, CancellationToken cancellationToken)
    {
        var unit = await routing.UnitOfAsync(me, cancellationToken);
        if (unit is null)
        {
            return new FeedbackOutcome<IReadOnlyList<StaffFeedbackReportView>>.Forbidden("This account works for no unit; an admin assigns it (PUT /api/feedback/staff/{id}).");
        }

        var centre = unit.IsOperationsCentre;
        var reports = await db.FeedbackReports.AsNoTracking()
            .Where(r => PublicList.Contains(r.Status) && (r.UnitId == unit.Id || (centre && r.OverdueAt != null && r.Status != FeedbackStatus.Answered)))
            .OrderBy(r => r.Status == FeedbackStatus.Answered).ThenBy(r => r.DeadlineAt).ThenBy(r => r.Id)
            .Take(200).ToListAsync(cancellationToken);
        return new FeedbackOutcome<IReadOnlyList<StaffFeedbackReportView>>.Done(await StaffViewsAsync(reports, cancellationToken));
    }

    public async Task<FeedbackOutcome<FeedbackReportView>> AcceptAsync(long me, long id, CancellationToken cancellationToken)
    {
        var (report, _, refused) = await ForUnitAsync<FeedbackReportView>(me, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (report!.Status != FeedbackStatus.Routed)
        {
            return new FeedbackOutcome<FeedbackReportView>.Conflict($"Only a report routed to the unit and not accepted yet can be accepted; this one is {report.Status}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        report.Status = FeedbackStatus.InProgress;
        report.AcceptedAt = now;
        report.UpdatedAt = now;
        Record(report, FeedbackChangeType.Accepted, me, null, now);
        await db.SaveChangesAsync(cancellationToken);
        await notices.TellAsync(report.OwnerId, report.Id, "Phản ánh đang được xử lý", $"Đơn vị đã tiếp nhận phản ánh \"{report.Title}\".", cancellationToken);
        return new FeedbackOutcome<FeedbackReportView>.Done((await ViewsAsync([report], cancellationToken))[0]);
    }

    /// <summary>The unit answers publicly; the report is closed.</summary>
    public async Task<FeedbackOutcome<FeedbackReportView>> AnswerAsync(long me, long id, AnswerFeedbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.Text(request.Answer, "answer", 10, FeedbackReport.MaxAnswerLength);
        if (!errors.IsEmpty)
        {
            return new FeedbackOutcome<FeedbackReportView>.Invalid(errors);
        }

        var (report, _, refused) = await ForUnitAsync<FeedbackReportView>(me, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (report!.Status is not (FeedbackStatus.Routed or FeedbackStatus.InProgress))
        {
            return new FeedbackOutcome<FeedbackReportView>.Conflict($"This report is {report.Status}; only an open one can be answered.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        report.Status = FeedbackStatus.Answered;
        report.Answer = request.Answer!.Trim();
        report.AnsweredBy = me;
        report.AnsweredAt = now;
        report.AcceptedAt ??= now;
        report.UpdatedAt = now;
        Record(report, FeedbackChangeType.Answered, me, null, now);
        await db.SaveChangesAsync(cancellationToken);
        await notices.TellAsync(report.OwnerId, report.Id, "Phản ánh đã được trả lời", $"Phản ánh \"{report.Title}\" đã có câu trả lời của đơn vị.", cancellationToken);
        return new FeedbackOutcome<FeedbackReportView>.Done((await ViewsAsync([report], cancellationToken))[0]);
    }

    /// <summary>
    /// Sends an open report to another unit: the deadline is kept, but the new unit gets at least
    /// <see cref="FeedbackRouting.TransferMinimumWorkingDays"/> working days; the report is routed
    /// again (the new unit accepts it) and stays marked overdue if it was.
    /// </summary>
    public async Task<FeedbackOutcome<FeedbackReportView>> TransferAsync(long me, long id, TransferFeedbackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.Text(request.Note, "note", 3, FeedbackChange.MaxNoteLength);
        var target = request.UnitCode is null ? null : await db.FeedbackUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.UnitCode, cancellationToken);
        errors.When(target is null, "unitCode", "Required: the code of a unit (GET /api/feedback/routing).");
        if (!errors.IsEmpty)
        {
            return new FeedbackOutcome<FeedbackReportView>.Invalid(errors);
        }

        var (report, _, refused) = await ForUnitAsync<FeedbackReportView>(me, id, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (report!.Status is not (FeedbackStatus.Routed or FeedbackStatus.InProgress))
        {
            return new FeedbackOutcome<FeedbackReportView>.Conflict($"This report is {report.Status}; only an open one can be transferred.");
        }

        if (report.UnitId == target!.Id)
        {
            return FeedbackOutcomes.Invalid<FeedbackReportView>("unitCode", "The report is with this unit already.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var floor = WorkingDays.Add(now, FeedbackRouting.TransferMinimumWorkingDays, options.HolidayCalendar);
        report.UnitId = target.Id;
        report.DeadlineAt = report.DeadlineAt is { } kept && kept > floor ? kept : floor;
        report.Status = FeedbackStatus.Routed;
        report.AcceptedAt = null;
        report.UpdatedAt = now;
        Record(report, FeedbackChangeType.Transferred, me, request.Note!.Trim(), now);
        await db.SaveChangesAsync(cancellationToken);
        await notices.TellAsync(report.OwnerId, report.Id, "Phản ánh được chuyển đơn vị",
            $"Phản ánh \"{report.Title}\" được chuyển đến {target.Name}; hạn trả lời {Local(report.DeadlineAt.Value)}.", cancellationToken);
        return new FeedbackOutcome<FeedbackReportView>.Done((await ViewsAsync([report], cancellationToken))[0]);
    }

    private async Task<(FeedbackReport? Report, FeedbackUnit? Unit, FeedbackOutcome<T>? Refused)> ForUnitAsync<T>(long me, long id, CancellationToken cancellationToken)
    {
        var unit = await routing.UnitOfAsync(me, cancellationToken);
        if (unit is null)
        {
            return (null, null, new FeedbackOutcome<T>.Forbidden("This account works for no unit."));
        }

        var report = await db.FeedbackReports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

        // Another unit's report is answered as missing: unit staff see only their unit's reports (the IOC also the escalated ones).
        var mine = report is not null && PublicList.Contains(report.Status)
            && (report.UnitId == unit.Id || (unit.IsOperationsCentre && report.OverdueAt is not null));
        if (!mine)
        {
            return (null, null, new FeedbackOutcome<T>.NotFound());
        }

        return report!.OwnerId == me
            ? (null, null, new FeedbackOutcome<T>.Forbidden("Nobody handles their own report."))
            : (report, unit, null);
    }

    // ---- The public board ----

    /// <summary>Public reports, newest first, filtered; <paramref name="cursor"/> continues a page.</summary>
    public async Task<FeedbackOutcome<FeedbackReportPage>> ListAsync(FeedbackFilter filter, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                return FeedbackOutcomes.Invalid<FeedbackReportPage>("cursor", "Malformed cursor; start again without it.");
            }

            before = parsed;
        }

        var (query, invalid) = Filtered(filter);
        if (invalid is not null)
        {
            return new FeedbackOutcome<FeedbackReportPage>.Invalid(invalid);
        }

        if (before is { } b)
        {
            query = query.Where(r => r.Id < b);
        }

        var page = await query.OrderByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        var next = page.Count > PageSize ? page[PageSize - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        var views = await ViewsAsync(page.Take(PageSize).ToList(), cancellationToken);
        return new FeedbackOutcome<FeedbackReportPage>.Done(new FeedbackReportPage(views, next));
    }

    /// <summary>Public reports as GeoJSON points (the commune's centre when only a commune was given), newest first, at most <see cref="MaxMapFeatures"/>.</summary>
    public async Task<FeedbackOutcome<FeedbackMap>> MapAsync(FeedbackFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (query, invalid) = Filtered(filter);
        if (invalid is not null)
        {
            return new FeedbackOutcome<FeedbackMap>.Invalid(invalid);
        }

        var reports = await query.OrderByDescending(r => r.Id).Take(MaxMapFeatures).ToListAsync(cancellationToken);
        var features = new List<FeedbackMapFeature>(reports.Count);
        foreach (var r in reports)
        {
            // A report given only a commune is stored at the commune's centre.
            features.Add(new FeedbackMapFeature("Feature", new FeedbackMapPoint("Point", [r.Longitude, r.Latitude]),
                new FeedbackMapProperties(r.Id, r.Title, r.Category, r.Status, r.OverdueAt is not null, r.CommuneCode!, !r.ExactPoint, r.LikeCount)));
        }

        return new FeedbackOutcome<FeedbackMap>.Done(new FeedbackMap("FeatureCollection", features));
    }

    /// <summary>One public report; not found when it is not public.</summary>
    public async Task<FeedbackReportView?> GetPublicAsync(long id, CancellationToken cancellationToken)
    {
        var report = await db.FeedbackReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && PublicList.Contains(r.Status), cancellationToken);
        return report is null ? null : (await ViewsAsync([report], cancellationToken))[0];
    }

    /// <summary>A photo of a public report (already stripped of metadata).</summary>
    public async Task<FeedbackPhoto?> PublicPhotoAsync(long photoId, CancellationToken cancellationToken) =>
        await db.FeedbackPhotos.AsNoTracking()
            .Where(p => p.Id == photoId && db.FeedbackReports.Any(r => r.Id == p.ReportId && PublicList.Contains(r.Status)))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Likes a public report once: a second like by the same person is refused by the table's key and changes nothing.</summary>
    public async Task<FeedbackOutcome<FeedbackLikeView>> LikeAsync(long me, long id, CancellationToken cancellationToken)
    {
        if (!await db.FeedbackReports.AnyAsync(r => r.Id == id && PublicList.Contains(r.Status), cancellationToken))
        {
            return new FeedbackOutcome<FeedbackLikeView>.NotFound();
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.FeedbackLikes.Add(new FeedbackLike { ReportId = id, AccountId = me, CreatedAt = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            await db.FeedbackReports.Where(r => r.Id == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.LikeCount, r => r.LikeCount + 1), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Liked already (the key (report, account) refused the row): the count stays as it is.
            db.ChangeTracker.Clear();
        }

        return new FeedbackOutcome<FeedbackLikeView>.Done(await LikeViewAsync(me, id, cancellationToken));
    }

    public async Task<FeedbackOutcome<FeedbackLikeView>> UnlikeAsync(long me, long id, CancellationToken cancellationToken)
    {
        if (!await db.FeedbackReports.AnyAsync(r => r.Id == id && PublicList.Contains(r.Status), cancellationToken))
        {
            return new FeedbackOutcome<FeedbackLikeView>.NotFound();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.FeedbackLikes.Where(l => l.ReportId == id && l.AccountId == me).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            await db.FeedbackReports.Where(r => r.Id == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.LikeCount, r => r.LikeCount - 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new FeedbackOutcome<FeedbackLikeView>.Done(await LikeViewAsync(me, id, cancellationToken));
    }

    /// <summary>Counts one share of a public report (the app shares the link; this only counts).</summary>
    public async Task<FeedbackOutcome<FeedbackShareView>> ShareAsync(long id, CancellationToken cancellationToken)
    {
        var updated = await db.FeedbackReports.Where(r => r.Id == id && PublicList.Contains(r.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ShareCount, r => r.ShareCount + 1), cancellationToken);
        if (updated == 0)
        {
            return new FeedbackOutcome<FeedbackShareView>.NotFound();
        }

        var count = await db.FeedbackReports.Where(r => r.Id == id).Select(r => r.ShareCount).SingleAsync(cancellationToken);
        return new FeedbackOutcome<FeedbackShareView>.Done(new FeedbackShareView(id, count));
    }

    private async Task<FeedbackLikeView> LikeViewAsync(long me, long id, CancellationToken cancellationToken)
    {
        var count = await db.FeedbackReports.Where(r => r.Id == id).Select(r => r.LikeCount).SingleAsync(cancellationToken);
        var liked = await db.FeedbackLikes.AnyAsync(l => l.ReportId == id && l.AccountId == me, cancellationToken);
        return new FeedbackLikeView(id, count, liked);
    }

    private (IQueryable<FeedbackReport> Query, FieldErrors? Invalid) Filtered(FeedbackFilter filter)
    {
        var errors = new FieldErrors();
        errors.When(filter.Category is { } c && !Enum.IsDefined(c), "category", "No such category.");
        errors.When(filter.Status is { } s && !PublicStatuses.Contains(s), "status", "One of routed, inProgress, answered.");
        errors.When(filter.CommuneCode is not null && places.FindCommune(filter.CommuneCode) is null, "communeCode", "No such commune (GET /api/places/communes).");
        errors.When(filter.Q is { Length: > 200 }, "q", "At most 200 characters.");
        if (!errors.IsEmpty)
        {
            return (db.FeedbackReports, errors);
        }

        var query = db.FeedbackReports.AsNoTracking().Where(r => PublicList.Contains(r.Status));
        if (filter.Category is { } category)
        {
            query = query.Where(r => r.Category == category);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.CommuneCode is { } commune)
        {
            query = query.Where(r => r.CommuneCode == commune);
        }

        foreach (var word in Words(VietnameseText.FoldKey(filter.Q)))
        {
            query = query.Where(r => r.FoldedText.Contains(word));
        }

        return (query, null);
    }

    // ---- Shared ----

    /// <summary>
    /// Records a change of <paramref name="report"/> in its history (and the IOC feed) and tells the
    /// search index, in the same save: the version goes up and an outbox entry asks the drain to
    /// index the report as it now is, or to remove it when it is not public (<see cref="FeedbackReportKind.IsListed"/>).
    /// </summary>
    private void Record(FeedbackReport report, FeedbackChangeType type, long? actor, string? note, DateTime at)
    {
        report.Version++;
        db.Outbox.Add(new OutboxEntry
        {
            Kind = ListingKind.FeedbackReport,
            ListingId = report.Id,
            Version = report.Version,
            Operation = OutboxOperation.Upsert,
            CreatedAt = at,
        });
        db.FeedbackChanges.Add(new FeedbackChange
        {
            ReportId = report.Id,
            Type = type,
            Status = report.Status,
            UnitId = report.UnitId,
            DeadlineAt = report.DeadlineAt,
            ActorId = actor,
            Note = note is { Length: > FeedbackChange.MaxNoteLength } ? note[..FeedbackChange.MaxNoteLength] : note,
            At = at,
        });
    }

    private async Task<IReadOnlyList<FeedbackReportView>> ViewsAsync(IReadOnlyList<FeedbackReport> reports, CancellationToken cancellationToken)
    {
        var ids = reports.Select(r => r.Id).ToList();
        var unitIds = reports.Where(r => r.UnitId is not null).Select(r => r.UnitId!.Value).Distinct().ToList();
        var units = await db.FeedbackUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var photos = (await db.FeedbackPhotos.AsNoTracking().Where(p => ids.Contains(p.ReportId)).Select(p => new { p.ReportId, p.Id }).ToListAsync(cancellationToken))
            .ToLookup(p => p.ReportId, p => p.Id);
        return reports.Select(r =>
        {
            var unit = r.UnitId is { } u ? units[u] : null;
            return new FeedbackReportView(
                r.Id, r.Title, r.Description, r.Category, r.CommuneCode!, r.ExactPoint ? r.Latitude : null, r.ExactPoint ? r.Longitude : null, r.Status, r.OverdueAt is not null,
                unit?.Code, unit?.Name, r.CreatedAt, r.DeadlineAt, r.RejectionReason, r.MergedIntoId, r.Answer, r.AnsweredAt,
                r.LikeCount, r.ShareCount,
                photos[r.Id].Order().Select(p => $"/api/feedback/photos/{p.ToString(CultureInfo.InvariantCulture)}").ToList());
        }).ToList();
    }

    private async Task<IReadOnlyList<StaffFeedbackReportView>> StaffViewsAsync(IReadOnlyList<FeedbackReport> reports, CancellationToken cancellationToken)
    {
        var views = await ViewsAsync(reports, cancellationToken);
        var authorIds = reports.Select(r => r.OwnerId).Distinct().ToList();
        var names = await db.Profiles.AsNoTracking().Where(p => authorIds.Contains(p.AccountId)).ToDictionaryAsync(p => p.AccountId, p => p.DisplayName, cancellationToken);
        return reports.Select((r, i) => new StaffFeedbackReportView(views[i], r.OwnerId, names.GetValueOrDefault(r.OwnerId, ""))).ToList();
    }

    private static HashSet<string> Words(string folded) =>
        folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 2).ToHashSet(StringComparer.Ordinal);

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>A deadline as a Vietnamese reader expects it: local time, day first.</summary>
    internal static string Local(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
