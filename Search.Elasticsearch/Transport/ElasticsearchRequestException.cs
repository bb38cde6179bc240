namespace DongNai.Search.Elasticsearch.Transport;

/// <summary>
/// Elasticsearch refused a request or could not be reached after the retries. Carries the HTTP
/// status (null when no answer came) and the error type Elasticsearch named, never the request body
/// (it may quote a user's query).
/// </summary>
public sealed class ElasticsearchRequestException : Exception
{
    public ElasticsearchRequestException()
    {
    }

    public ElasticsearchRequestException(string message)
        : base(message)
    {
    }

    public ElasticsearchRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ElasticsearchRequestException(string message, int? status, string? errorType, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorType = errorType;
    }

    /// <summary>The HTTP status of the last answer; null when the cluster did not answer.</summary>
    public int? Status { get; }

    /// <summary>Elasticsearch's <c>error.type</c> (<c>index_not_found_exception</c>, …), when it gave one.</summary>
    public string? ErrorType { get; }
}
