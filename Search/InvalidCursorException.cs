namespace DongNai.Search;

/// <summary>A paging cursor that is malformed, tampered with, or was issued for another sort order. Maps to HTTP 400.</summary>
public sealed class InvalidCursorException : ArgumentException
{
    public InvalidCursorException()
        : base("The cursor is not valid for this query.", "cursor")
    {
    }

    public InvalidCursorException(string message)
        : base(message, "cursor")
    {
    }

    public InvalidCursorException(string message, Exception innerException)
        : base(message, "cursor", innerException)
    {
    }
}
