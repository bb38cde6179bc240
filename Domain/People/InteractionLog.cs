using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DongNai.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.People;

/// <summary>
/// Appends <see cref="InteractionEvent"/>s idempotently: an event whose caller (account, else
/// device) already sent its <see cref="InteractionEvent.ClientEventId"/> is skipped, by the unique
/// indexes <see cref="AppDbContext"/> declares, in the same statement that inserts the others.
/// Every writer of events (the API, a simulator) goes through here, so the rules on the query
/// text hold for all of them. Stateless and thread-safe; the context it is given is not.
/// </summary>
public static partial class InteractionLog
{
    /// <summary>Rows per INSERT statement: 100 rows of 10 values stay far below SQLite's and PostgreSQL's parameter limits.</summary>
    private const int RowsPerStatement = 100;

    private const string Insert = """
        INSERT INTO "Interactions"
            ("AccountId", "DeviceId", "ClientEventId", "ListingKind", "ListingId", "Type", "RequestId", "Position", "Query", "OccurredAt")
        VALUES
        """;

    /// <summary>
    /// Inserts the events that are not yet stored and returns how many were new. Duplicates (a
    /// retried batch, or the same id twice in <paramref name="events"/>) are skipped, never
    /// updated. Each statement of up to 100 events is atomic; after a failure part-way through a
    /// longer list, repeating the call stores only what is missing. The events' <c>Id</c> is not set.
    /// </summary>
    /// <exception cref="ArgumentException">An event has neither account nor device, or no client event id.</exception>
    public static async Task<int> AppendAsync(AppDbContext db, IReadOnlyList<InteractionEvent> events, CancellationToken cancellationToken)
    {
        foreach (var interaction in events)
        {
            // A row without either would escape the unique indexes (NULLs never collide) and be stored on every retry.
            if ((interaction.AccountId is null && string.IsNullOrEmpty(interaction.DeviceId)) || string.IsNullOrEmpty(interaction.ClientEventId))
            {
                throw new ArgumentException("Every event needs an account or a device id, and a client event id.", nameof(events));
            }
        }

        var stored = 0;
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(Insert);
            var values = new List<object?>(chunk.Length * 10);
            for (var row = 0; row < chunk.Length; row++)
            {
                var interaction = chunk[row];
                sql.Append(row == 0 ? "\n    (" : ",\n    (");
                AppendValues(sql, values, [
                    interaction.AccountId,
                    interaction.DeviceId,
                    interaction.ClientEventId,
                    (int)interaction.ListingKind,
                    interaction.ListingId,
                    (int)interaction.Type,
                    interaction.RequestId,
                    interaction.Position,
                    CleanQuery(interaction.Query),
                    interaction.OccurredAt,
                ]);
                sql.Append(')');
            }

            // No conflict target: any of the unique indexes (account-scoped or device-scoped) makes the row a duplicate.
            sql.Append("\nON CONFLICT DO NOTHING");
            stored += await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, cancellationToken);
        }

        return stored;
    }

    /// <summary>
    /// The form in which a query is stored: folded to lower-case ASCII (<see cref="VietnameseText.Fold"/>),
    /// with runs of nine or more digits (phone, CCCD and ID card numbers, however spaced) and
    /// e-mail addresses replaced by <c>#</c>, whitespace collapsed, and at most
    /// <see cref="InteractionEvent.MaxQueryLength"/> characters; null when nothing is left.
    /// A price typed in full with nine digits or more is redacted too: the loss is small, the
    /// alternative is guessing which long numbers are personal.
    /// </summary>
    public static string? CleanQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var cleaned = VietnameseText.Fold(query);
        cleaned = EmailAddress().Replace(cleaned, "#");
        cleaned = LongDigitRun().Replace(cleaned, "#");
        cleaned = Whitespace().Replace(cleaned, " ").Trim();
        if (cleaned.Length > InteractionEvent.MaxQueryLength)
        {
            cleaned = cleaned[..InteractionEvent.MaxQueryLength].TrimEnd();
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    private static void AppendValues(StringBuilder sql, List<object?> values, ReadOnlySpan<object?> row)
    {
        for (var column = 0; column < row.Length; column++)
        {
            if (column > 0)
            {
                sql.Append(", ");
            }

            // Positional placeholders that EF Core turns into parameters; no value is ever spliced into the text.
            sql.Append('{').Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
            values.Add(row[column]);
        }
    }

    [GeneratedRegex(@"\S+@\S+")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\+?\d(?:[\s.\-()]*\d){8,}")]
    private static partial Regex LongDigitRun();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
