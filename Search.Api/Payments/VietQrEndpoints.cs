using DongNai.Domain.Validation;
using DongNai.Payments.VietQr;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Payments;

/// <summary>A VietQR code to draw: a static one without <c>amountVnd</c>, a dynamic one with it.</summary>
/// <param name="BankBin">The beneficiary bank's six-digit NAPAS BIN, such as 970416 (ACB).</param>
/// <param name="AccountNumber">The account number, or the card number when <c>service</c> is card.</param>
/// <param name="Service">account (QRIBFTTA) or card (QRIBFTTC).</param>
/// <param name="AmountVnd">Whole đồng, 1 to 9999999999999.</param>
/// <param name="Purpose">The transfer note, written without accents in the code (at most 25 characters once folded).</param>
/// <param name="BillNumber">A reference the payee matches payments by: 1 to 25 letters or digits.</param>
public sealed record VietQrCreateRequest(
    string? BankBin, string? AccountNumber, VietQrService? Service, long? AmountVnd = null, string? Purpose = null, string? BillNumber = null);

/// <param name="Payload">The text the QR code holds (EMVCo, ending in tag 63 with its CRC).</param>
/// <param name="PngBase64">The QR code as a PNG image, base64.</param>
public sealed record VietQrCreateResponse(string Payload, string PngBase64);

/// <param name="Payload">The text a VietQR code holds, as a scanner reads it.</param>
public sealed record VietQrDecodeRequest(string? Payload);

/// <summary>What a VietQR code says. The bank fields are null for a BIN the NAPAS list does not know.</summary>
/// <param name="Initiation">static (tag 01 = 11, reusable) or dynamic (12, one payment).</param>
/// <param name="BankBin">The beneficiary bank's six-digit NAPAS BIN.</param>
/// <param name="BankCode">The bank's code in the NAPAS list, such as ACB.</param>
/// <param name="BankShortName">The bank's short name, such as Vietcombank.</param>
/// <param name="BankName">The bank's full Vietnamese name.</param>
/// <param name="AccountNumber">The account number, or the card number when <c>service</c> is card.</param>
/// <param name="Service">account (QRIBFTTA) or card (QRIBFTTC).</param>
/// <param name="AmountVnd">Whole đồng; null when the code carries no amount.</param>
/// <param name="Purpose">The transfer note (tag 62, 08), as written in the code.</param>
/// <param name="BillNumber">The reference (tag 62, 01), as written in the code.</param>
/// <param name="Crc">Tag 63: four upper-case hex digits, checked against the rest.</param>
public sealed record VietQrDecodeResponse(
    VietQrInitiation Initiation, string BankBin, string? BankCode, string? BankShortName, string? BankName,
    string AccountNumber, VietQrService Service, long? AmountVnd, string? Purpose, string? BillNumber, string Crc);

/// <summary>
/// VietQR, the bank-transfer QR every Vietnamese bank app scans: drawing one and reading one back.
/// Pure computation over what the request carries: no sign-in (nothing personal is read or kept),
/// limited per client like other writes, and nothing logged.
/// </summary>
public static class VietQrEndpoints
{
    public static void MapVietQrEndpoints(this IEndpointRouteBuilder routes)
    {
        var vietQr = routes.MapGroup("/api/payments/vietqr").WithTags("Payments");
        vietQr.MapPost("/", Create).WithName("CreateVietQr")
            .WithSummary("A VietQR code (NAPAS bank transfer) for an account or card: the payload and a PNG")
            .WithDescription("Without amountVnd the code is static (reusable, the payer types the amount); with it, dynamic. The purpose is written without accents (đ as d), as bank apps expect. An unknown bankBin is a 400 naming bankBin.")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
        vietQr.MapPost("/decode", Decode).WithName("DecodeVietQr")
            .WithSummary("What a VietQR code says: bank, account or card, amount, notes")
            .WithDescription("Every refusal is a 400 whose errors name payload (the request's only field), the CRC check included; the problem's reason says which check failed: missing, characters (not printable ASCII), length (a tag or length that is not two digits, or runs past the end), structure (not a NAPAS transfer: a required tag missing or twice, a wrong GUID, currency, country or service code) or crc (tag 63 missing, not last, not upper-case hex, or not the checksum).")
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);
    }

    private static Results<Ok<VietQrCreateResponse>, ValidationProblem> Create(VietQrCreateRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var errors = new FieldErrors();
        var built = VietQrBuilder.TryBuild(
            new VietQrRequest(request.BankBin, request.AccountNumber, request.Service, request.AmountVnd, request.Purpose, request.BillNumber), errors, out var payload);
        if (!built)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        return TypedResults.Ok(new VietQrCreateResponse(payload!, Convert.ToBase64String(VietQrImage.Png(payload!))));
    }

    private static Results<Ok<VietQrDecodeResponse>, ValidationProblem> Decode(VietQrDecodeRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!VietQrDecoder.TryDecode(request.Payload, out var fields, out var error))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["payload"] = [error.Message] },
                title: "The payload is not a valid VietQR code.",
                extensions: new Dictionary<string, object?> { ["reason"] = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(error.Failure.ToString()) });
        }

        return TypedResults.Ok(new VietQrDecodeResponse(
            fields.Initiation, fields.BankBin, fields.Bank?.Code, fields.Bank?.ShortName, fields.Bank?.Name,
            fields.AccountNumber, fields.Service, fields.AmountVnd, fields.Purpose, fields.BillNumber, fields.Crc));
    }
}
