namespace DongNai.Domain.People;

/// <summary>Where an employer's request to contact a candidate stands; only the worker moves it.</summary>
public enum ContactRequestStatus
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
}

/// <summary>
/// An employer's request to talk with the worker behind a discoverable CV about one of its jobs
/// (issue 10, item 6). The employer never learns who the worker is or their phone from it: the
/// worker accepts (a conversation opens, carrying the job) or declines. One per employer and CV, so
/// a declined request cannot be sent again. Deleted with either account, the CV or the job.
/// </summary>
public sealed class ContactRequest
{
    public const int MaxMessageLength = 500;

    public long Id { get; set; }

    public long CvId { get; set; }

    public long JobId { get; set; }

    public long EmployerId { get; set; }

    /// <summary>The CV's owner when the request was sent.</summary>
    public long WorkerId { get; set; }

    /// <summary>What the employer wrote to introduce the job, if anything.</summary>
    public string? Message { get; set; }

    public ContactRequestStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The conversation that opened on acceptance.</summary>
    public long? ConversationId { get; set; }
}
