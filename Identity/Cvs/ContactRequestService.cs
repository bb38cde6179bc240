using DongNai.Domain;
using DongNai.Domain.Listings.Cvs;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Identity.Cvs;

/// <summary>A contact request with the job's title; the worker's view adds who sent it.</summary>
public sealed record ContactRequestView(
    long Id,
    long CvId,
    long JobId,
    string JobTitle,
    string EmployerHandle,
    string EmployerDisplayName,
    string? Message,
    ContactRequestStatus Status,
    DateTime CreatedAt,
    DateTime? DecidedAt,
    long? ConversationId);

public abstract record ContactSendResult
{
    private ContactSendResult()
    {
    }

    public sealed record Sent(ContactRequestView Request) : ContactSendResult;

    /// <summary>No CV of that id is discoverable (or it is the employer's own).</summary>
    public sealed record NoSuchCv : ContactSendResult;

    public sealed record NoSuchJob : ContactSendResult;

    public sealed record NotYourJob : ContactSendResult;

    /// <summary>This employer already asked this CV's worker (whatever the answer was).</summary>
    public sealed record AlreadySent : ContactSendResult;
}

/// <summary>
/// Employers asking to contact candidates found by candidate search, through the app and without
/// the worker's phone (issue 10, item 6; decision 0019): the employer sends a request about one of
/// its jobs, the worker sees it and accepts or declines. Opening the conversation on acceptance is
/// the caller's (the Messaging conversation service), recorded here with <see cref="MarkAcceptedAsync"/>.
/// No view carries the worker's identity or phone. One instance per request.
/// </summary>
public sealed class ContactRequestService(AppDbContext db, OwnerHandles handles, TimeProvider time)
{
    public async Task<ContactSendResult> SendAsync(long employerId, long cvId, long jobId, string? message, CancellationToken cancellationToken)
    {
        var cv = await db.Set<Cv>().AsNoTracking().Where(c => c.Id == cvId && c.Discoverable).Select(c => new { c.OwnerId }).SingleOrDefaultAsync(cancellationToken);
        if (cv is null || cv.OwnerId == employerId)
        {
            return new ContactSendResult.NoSuchCv();
        }

        var job = await db.Set<JobPosting>().AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.OwnerId }).SingleOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return new ContactSendResult.NoSuchJob();
        }

        if (job.OwnerId != employerId)
        {
            return new ContactSendResult.NotYourJob();
        }

        if (await db.ContactRequests.AnyAsync(r => r.EmployerId == employerId && r.CvId == cvId, cancellationToken))
        {
            return new ContactSendResult.AlreadySent();
        }

        var request = new ContactRequest
        {
            CvId = cvId,
            JobId = jobId,
            EmployerId = employerId,
            WorkerId = cv.OwnerId,
            Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
            Status = ContactRequestStatus.Pending,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ContactRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two sends at once: the unique index kept one.
            db.ChangeTracker.Clear();
            return new ContactSendResult.AlreadySent();
        }

        return new ContactSendResult.Sent((await ViewsAsync(db.ContactRequests.Where(r => r.Id == request.Id), cancellationToken))[0]);
    }

    /// <summary>The requests to the worker's CVs, the newest first.</summary>
    public Task<List<ContactRequestView>> ReceivedAsync(long workerId, CancellationToken cancellationToken) =>
        ViewsAsync(db.ContactRequests.Where(r => r.WorkerId == workerId), cancellationToken);

    /// <summary>The requests the employer sent, the newest first.</summary>
    public Task<List<ContactRequestView>> SentAsync(long employerId, CancellationToken cancellationToken) =>
        ViewsAsync(db.ContactRequests.Where(r => r.EmployerId == employerId), cancellationToken);

    /// <summary>The worker's pending request <paramref name="id"/>: null when it is not the worker's; its status says whether it is still pending.</summary>
    public Task<ContactRequest?> OfWorkerAsync(long workerId, long id, CancellationToken cancellationToken) =>
        db.ContactRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.WorkerId == workerId, cancellationToken);

    /// <summary>Records the acceptance and the conversation it opened; false when it was decided meanwhile.</summary>
    public Task<bool> MarkAcceptedAsync(long id, long conversationId, CancellationToken cancellationToken) =>
        DecideAsync(id, ContactRequestStatus.Accepted, conversationId, cancellationToken);

    /// <summary>Records the refusal; false when it was decided meanwhile.</summary>
    public Task<bool> MarkDeclinedAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(id, ContactRequestStatus.Declined, null, cancellationToken);

    public async Task<ContactRequestView> ViewAsync(long id, CancellationToken cancellationToken) =>
        (await ViewsAsync(db.ContactRequests.Where(r => r.Id == id), cancellationToken))[0];

    private async Task<bool> DecideAsync(long id, ContactRequestStatus status, long? conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.ContactRequests
            .Where(r => r.Id == id && r.Status == ContactRequestStatus.Pending)
            .ExecuteUpdateAsync(
                set => set.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedAt, (DateTime?)now).SetProperty(r => r.ConversationId, conversationId),
                cancellationToken);
        return changed == 1;
    }

    private async Task<List<ContactRequestView>> ViewsAsync(IQueryable<ContactRequest> requests, CancellationToken cancellationToken)
    {
        var rows = await requests.AsNoTracking()
            .Join(db.Set<JobPosting>().AsNoTracking(), r => r.JobId, j => j.Id, (r, j) => new { Request = r, JobTitle = j.Title })
            .Join(db.Profiles.AsNoTracking(), x => x.Request.EmployerId, p => p.AccountId, (x, p) => new { x.Request, x.JobTitle, EmployerName = p.DisplayName })
            .OrderByDescending(x => x.Request.Id)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(x => new ContactRequestView(
            x.Request.Id, x.Request.CvId, x.Request.JobId, x.JobTitle, handles.Of(x.Request.EmployerId), x.EmployerName,
            x.Request.Message, x.Request.Status, x.Request.CreatedAt, x.Request.DecidedAt, x.Request.ConversationId));
    }
}
