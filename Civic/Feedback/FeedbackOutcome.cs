using DongNai.Domain.Validation;

namespace DongNai.Civic.Feedback;

/// <summary>What a feedback operation came to; endpoints turn each case into its HTTP answer.</summary>
public abstract record FeedbackOutcome<T>
{
    public sealed record Done(T Value) : FeedbackOutcome<T>;

    /// <summary>Bad input, keyed by field.</summary>
    public sealed record Invalid(FieldErrors Errors) : FeedbackOutcome<T>;

    /// <summary>No such report, or not one the caller may see: the two are not told apart.</summary>
    public sealed record NotFound : FeedbackOutcome<T>;

    /// <summary>The action needs a verified identity, which the caller lacks.</summary>
    public sealed record VerificationRequired : FeedbackOutcome<T>;

    /// <summary>The caller may see it but not do this (their own report, another unit's report, no unit).</summary>
    public sealed record Forbidden(string Detail) : FeedbackOutcome<T>;

    /// <summary>The report is not in a state that allows this (e.g. approving a withdrawn report).</summary>
    public sealed record Conflict(string Detail) : FeedbackOutcome<T>;

    /// <summary>The person's posting limit is reached; try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Slowed(TimeSpan RetryAfter) : FeedbackOutcome<T>;
}

/// <summary>Short hands for building outcomes.</summary>
public static class FeedbackOutcomes
{
    /// <summary>Bad input in one field.</summary>
    public static FeedbackOutcome<T> Invalid<T>(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return new FeedbackOutcome<T>.Invalid(errors);
    }
}

/// <summary>Tells a report's author of a change (the inbox, and a push where the person allows it). Implemented by the host over messaging's notifier.</summary>
public interface IFeedbackNotices
{
    Task TellAsync(long accountId, long reportId, string title, string body, CancellationToken cancellationToken);
}
