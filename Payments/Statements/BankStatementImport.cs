using DongNai.Domain;
using DongNai.Domain.Payments;
using DongNai.Payments.Gateways;
using DongNai.Payments.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DongNai.Payments.Statements;

/// <summary>One line of the merchant account's bank statement: a transfer that arrived.</summary>
/// <param name="BankTransactionId">The bank's id of the transaction, unique in its statements.</param>
/// <param name="BookedOn">The day the bank booked it.</param>
/// <param name="AmountVnd">What arrived, in whole VND.</param>
/// <param name="Description">The transfer note as the bank shows it; read for an order reference, never kept.</param>
public sealed record StatementLineInput(string BankTransactionId, DateOnly BookedOn, long AmountVnd, string Description);

/// <summary>What became of one line.</summary>
/// <param name="BankTransactionId">The line.</param>
/// <param name="Outcome">What the import did with it, or <c>Duplicate</c> when an earlier import had it.</param>
/// <param name="OrderId">The order its description names; null when none (or several).</param>
/// <param name="Reference">That order's reference.</param>
public sealed record StatementLineReport(string BankTransactionId, string Outcome, long? OrderId, string? Reference);

/// <summary>What an import did, line by line, with counts.</summary>
/// <param name="Confirmed">Lines that paid an order.</param>
/// <param name="Duplicates">Lines already imported before: nothing changed.</param>
/// <param name="NeedAttention">Lines that paid nothing (no reference, a wrong amount, a closed order, …): money for staff to look at.</param>
/// <param name="Lines">Every line, in the order sent.</param>
public sealed record StatementImportReport(int Confirmed, int Duplicates, int NeedAttention, IReadOnlyList<StatementLineReport> Lines);

/// <summary>
/// Imports the merchant account's bank-statement lines and confirms the VietQR orders they pay: an
/// order whose reference appears in a line's description (letters and digits only, any case, any
/// separators) with exactly the line's amount is paid, through <see cref="OrderWorkflow"/>, with
/// the bank's transaction id as the gateway transaction. Idempotent by that id: a line imported
/// before (a unique constraint) is reported as a duplicate and changes nothing. Lines that pay
/// nothing are reported, never dropped. Scoped.
/// </summary>
public sealed partial class BankStatementImport(AppDbContext db, OrderWorkflow orders, TimeProvider time, ILogger<BankStatementImport> logger)
{
    public const string Duplicate = "duplicate";
    public const int MaxLines = 1_000;

    public async Task<StatementImportReport> ImportAsync(IReadOnlyList<StatementLineInput> lines, long adminAccountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var reports = new List<StatementLineReport>(lines.Count);
        foreach (var line in lines)
        {
            reports.Add(await ImportLineAsync(line, adminAccountId, cancellationToken));
        }

        var confirmed = reports.Count(r => r.Outcome == Name(StatementLineOutcome.Confirmed));
        var duplicates = reports.Count(r => r.Outcome == Duplicate);
        var report = new StatementImportReport(confirmed, duplicates, reports.Count - confirmed - duplicates, reports);
        LogImported(logger, lines.Count, report.Confirmed, report.Duplicates, report.NeedAttention);
        return report;
    }

    /// <summary>The order references a description could hold: every run of 12 characters of the reference alphabet, once separators are removed.</summary>
    public static IReadOnlyList<string> CandidateReferences(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var letters = new string([.. description.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start + Order.ReferenceLength <= letters.Length; start++)
        {
            candidates.Add(letters.Substring(start, Order.ReferenceLength));
        }

        return [.. candidates];
    }

    private async Task<StatementLineReport> ImportLineAsync(StatementLineInput line, long adminAccountId, CancellationToken cancellationToken)
    {
        if (await db.BankStatementLines.AsNoTracking().AnyAsync(l => l.BankTransactionId == line.BankTransactionId, cancellationToken))
        {
            return new(line.BankTransactionId, Duplicate, null, null);
        }

        var candidates = CandidateReferences(line.Description);
        var matches = candidates.Count == 0
            ? []
            : await db.Orders.AsNoTracking().Where(o => candidates.Contains(o.Reference)).Select(o => new { o.Id, o.Reference }).ToListAsync(cancellationToken);
        var order = matches.Count == 1 ? matches[0] : null;
        var outcome = matches.Count switch
        {
            0 => StatementLineOutcome.Unmatched,
            > 1 => StatementLineOutcome.Ambiguous,
            _ => await orders.ConfirmPaidAsync(order!.Id, line.AmountVnd, GatewayNames.VietQr, line.BankTransactionId, cancellationToken) switch
            {
                PaymentConfirmation.Confirmed => StatementLineOutcome.Confirmed,
                PaymentConfirmation.AlreadyConfirmed => StatementLineOutcome.AlreadyConfirmed,
                PaymentConfirmation.AmountMismatch => StatementLineOutcome.AmountMismatch,
                PaymentConfirmation.OrderClosed => StatementLineOutcome.OrderClosed,
                PaymentConfirmation.TransactionUsedElsewhere => StatementLineOutcome.TransactionUsedElsewhere,
                _ => StatementLineOutcome.Unmatched,
            },
        };

        db.BankStatementLines.Add(new BankStatementLine
        {
            BankTransactionId = line.BankTransactionId,
            BookedOn = line.BookedOn,
            AmountVnd = line.AmountVnd,
            OrderId = order?.Id,
            Outcome = outcome,
            ImportedAt = time.GetUtcNow().UtcDateTime,
            ImportedBy = adminAccountId,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.BankStatementLines.AsNoTracking().AnyAsync(l => l.BankTransactionId == line.BankTransactionId, cancellationToken))
            {
                // Another import took this line meanwhile (the unique index); the payment, if any, was confirmed once, by transaction id.
                return new(line.BankTransactionId, Duplicate, null, null);
            }

            throw;
        }

        if (outcome is not (StatementLineOutcome.Confirmed or StatementLineOutcome.AlreadyConfirmed))
        {
            LogNeedsAttention(logger, line.BankTransactionId, outcome);
        }

        return new(line.BankTransactionId, Name(outcome), order?.Id, order?.Reference);
    }

    public static string Name(StatementLineOutcome outcome) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Bank statement import: {Lines} lines, {Confirmed} confirmed, {Duplicates} already imported, {NeedAttention} need attention")]
    private static partial void LogImported(ILogger logger, int lines, int confirmed, int duplicates, int needAttention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bank statement line {BankTransactionId} paid no order: {Outcome}")]
    private static partial void LogNeedsAttention(ILogger logger, string bankTransactionId, StatementLineOutcome outcome);
}
