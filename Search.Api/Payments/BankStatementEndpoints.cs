using DongNai.Domain.Payments;
using DongNai.Domain.Validation;
using DongNai.Identity;
using DongNai.Payments.Statements;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Payments;

/// <summary>One line of the merchant account's statement, as the bank exports it.</summary>
/// <param name="BankTransactionId">The bank's id of the transaction: 1 to 64 letters, digits, '-', '_', '.' or '/'.</param>
/// <param name="Date">The day the bank booked it.</param>
/// <param name="AmountVnd">What arrived, in whole VND.</param>
/// <param name="Description">The transfer note (at most 500 characters); read for an order reference, never kept.</param>
public sealed record StatementLineRequest(string? BankTransactionId, DateOnly? Date, long? AmountVnd, string? Description);

/// <param name="Lines">1 to 1,000 lines.</param>
public sealed record StatementImportRequest(IReadOnlyList<StatementLineRequest?>? Lines);

/// <summary>The import of the merchant account's bank statement, which confirms VietQR transfers (admins only).</summary>
public static class BankStatementEndpoints
{
    private const int MaxDescriptionLength = 500;
    private const long MaxAmountVnd = 9_999_999_999_999;

    public static void MapBankStatementEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/admin/payments/vietqr/statement", Import).WithTags("Admin").WithName("ImportBankStatement")
            .WithSummary("Import bank-statement lines: each confirms the VietQR order whose reference its description holds, for exactly its amount (admins only)")
            .WithDescription("Idempotent by bankTransactionId: a line imported before is reported as duplicate and changes nothing. Every line is reported: confirmed, alreadyConfirmed, unmatched (no order reference), amountMismatch, orderClosed (expired, failed or cancelled before the money arrived: refund it), ambiguous (several references), transactionUsedElsewhere, or duplicate.")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin))
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

    private static async Task<Results<Ok<StatementImportReport>, ValidationProblem>> Import(
        StatementImportRequest request, HttpContext http, BankStatementImport import, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var lines = new List<StatementLineInput>();
        if (!errors.When(request.Lines is not { Count: > 0 and <= BankStatementImport.MaxLines }, "lines", $"Required: 1 to {BankStatementImport.MaxLines} lines."))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < request.Lines!.Count; i++)
            {
                var field = $"lines[{i}]";
                if (request.Lines[i] is not { } line)
                {
                    errors.Add(field, "Required: a line.");
                    continue;
                }

                var id = line.BankTransactionId?.Trim();
                var idValid = !errors.When(
                    id is not { Length: > 0 and <= BankStatementLine.MaxBankTransactionIdLength } || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'),
                    field + ".bankTransactionId", $"Required: 1 to {BankStatementLine.MaxBankTransactionIdLength} letters, digits, '-', '_', '.' or '/'.");
                errors.When(idValid && !seen.Add(id!), field + ".bankTransactionId", "Sent twice in this import.");
                errors.When(line.Date is not { Year: >= 2000 and <= 2100 }, field + ".date", "Required: the booking day, yyyy-MM-dd.");
                errors.Range(line.AmountVnd, field + ".amountVnd", 1, MaxAmountVnd);
                errors.When(line.Description is null || line.Description.Length > MaxDescriptionLength, field + ".description", $"Required: the transfer note, at most {MaxDescriptionLength} characters.");
                if (errors.IsEmpty)
                {
                    lines.Add(new StatementLineInput(id!, line.Date!.Value, line.AmountVnd!.Value, line.Description!));
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        return TypedResults.Ok(await import.ImportAsync(lines, http.User.Id(), cancellationToken));
    }
}
