using System.Globalization;
using DongNai.Domain;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Civic.Feedback;

/// <summary>
/// The export for the provincial operations centre (IOC): every change of every report, in the
/// order they were recorded, from a cursor. The cursor is the last change's id as text; asking
/// again with the same cursor gives the same items (idempotent), and following the returned cursor
/// gives each change exactly once. Changes younger than <see cref="FeedbackOptions.FeedSettleSeconds"/>
/// are held back: ids are drawn when a change is written, and a writer that drew a smaller id may
/// commit after one that drew a larger id; the hold lets it land before a reader moves past it.
/// One instance per request.
/// </summary>
public sealed class IocFeed(AppDbContext db, FeedbackOptions options, TimeProvider time)
{
    public const int MaxLimit = 500;

    public async Task<FeedbackOutcome<IocFeedPage>> PageAsync(string? after, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Domain.Validation.FieldErrors();
        long from = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 0))
        {
            errors.Add("after", "Malformed cursor: pass back the cursor of the last page, or nothing to start from the beginning.");
        }

        errors.When(limit is < 1 or > MaxLimit, "limit", $"1 to {MaxLimit}.");
        if (!errors.IsEmpty)
        {
            return new FeedbackOutcome<IocFeedPage>.Invalid(errors);
        }

        var take = limit ?? 100;
        var settled = time.GetUtcNow().UtcDateTime.AddSeconds(-options.FeedSettleSeconds);
        var rows = await db.FeedbackChanges.AsNoTracking()
            .Where(c => c.Id > from && c.At <= settled)
            .OrderBy(c => c.Id)
            .Take(take + 1)
            .Join(db.FeedbackReports, c => c.ReportId, r => r.Id, (c, r) => new { Change = c, r.Category, CommuneCode = r.CommuneCode!, r.Title })
            .ToListAsync(cancellationToken);
        rows = [.. rows.OrderBy(r => r.Change.Id)];
        var unitIds = rows.Where(r => r.Change.UnitId is not null).Select(r => r.Change.UnitId!.Value).Distinct().ToList();
        var units = await db.FeedbackUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, cancellationToken);
        var page = rows.Take(take).Select(r => new IocFeedItem(
            r.Change.Id.ToString(CultureInfo.InvariantCulture), r.Change.ReportId, r.Change.Type, r.Change.Status, r.Category, r.CommuneCode, r.Title,
            r.Change.UnitId is { } u ? units[u] : null, r.Change.DeadlineAt, r.Change.Note, r.Change.At)).ToList();
        var cursor = page.Count > 0 ? page[^1].Cursor : from.ToString(CultureInfo.InvariantCulture);
        return new FeedbackOutcome<IocFeedPage>.Done(new IocFeedPage(page, cursor, rows.Count > take));
    }
}
