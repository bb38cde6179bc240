using DongNai.Domain.Validation;
using DongNai.Payments.Checkout;
using DongNai.Payments.Gateways;
using DongNai.Payments.Gateways.MoMo;
using DongNai.Payments.Gateways.VnPay;
using DongNai.Search.Api.Accounts;
using DongNai.Search.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Payments;

/// <summary>How the payer wants to pay an order.</summary>
/// <param name="Gateway">vnpay, momo or vietqr.</param>
public sealed record CheckoutRequest(string? Gateway);

/// <summary>
/// Paying an order: the payer's checkout through a gateway, and the gateways' callbacks. The
/// callbacks are anonymous (the gateways call them, server to server, or send the payer's browser
/// back), verified before anything is read from them, idempotent (an order is paid at most once),
/// limited per client address, and logged without their query, body or signature.
/// </summary>
public static partial class PaymentGatewayEndpoints
{
    public static void MapPaymentGatewayEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/me/orders/{id:long}/checkout", Checkout).WithTags("Payments").WithName("CheckoutOrder")
            .WithSummary("Start paying one of the signed-in person's open orders through VNPay, MoMo or a VietQR bank transfer (the payer only)")
            .WithDescription("vnpay: paymentUrl, VNPay's signed payment page for the order (open it in a browser). momo: the signed captureWallet create request and MoMo's URL to POST it to; MoMo answers with payUrl and deeplink. vietqr: a dynamic VietQR code (payload and PNG) for the exact amount to the merchant account, the order's reference in the transfer note; it is confirmed when the bank statement is imported. Nothing changes until the gateway confirms: checking out again only draws again. 409 with reason notPayable for a paid, closed or expired order; 422 with reason gatewayNotConfigured, or amountOutsideGatewayRange (MoMo takes 1,000 to 50,000,000 đồng).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization()
            .RequireRateLimiting(HostingExtensions.WriteRateLimit);

        var gateways = routes.MapGroup("/api/payments").WithTags("Payments").AllowAnonymous().RequireRateLimiting(HostingExtensions.GatewayCallbackRateLimit);
        gateways.MapGet("/vnpay/ipn", VnPayIpnCallback).WithName("VnPayIpn")
            .WithSummary("VNPay's IPN: the signed result of a payment, server to server; confirms or fails the order")
            .WithDescription("The query is VNPay's vnp_ parameters with vnp_SecureHash (HMAC-SHA512). Always 200 with VNPay's {RspCode, Message}: 00 confirmed (or the failure recorded), 01 order not found, 02 already confirmed (the same IPN twice), 04 invalid amount, 97 invalid signature, 99 other.");
        gateways.MapGet("/vnpay/return", VnPayReturn).WithName("VnPayReturn")
            .WithSummary("Where VNPay sends the payer back: what VNPay says and where the order is; changes nothing (the IPN confirms)")
            .WithDescription("The query is VNPay's signed vnp_ parameters. An unsigned or wrongly signed query answers signatureValid false and nothing else.");
        gateways.MapPost("/momo/ipn", MoMoIpnCallback).WithName("MoMoIpn")
            .WithSummary("MoMo's IPN: the signed result of a captureWallet payment; confirms (resultCode 0) or fails the order")
            .WithDescription("204 once taken, whatever became of the order (the same IPN twice changes nothing). 400 naming signature when the HMAC-SHA256 signature or the partner code is not ours: nothing is read from it.");
    }

    private static async Task<Results<Ok<CheckoutResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> Checkout(
        long id, CheckoutRequest request, HttpContext http, OrderCheckout checkout, CancellationToken cancellationToken)
    {
        var gateway = request.Gateway?.Trim().ToLowerInvariant();
        if (gateway is null || !GatewayNames.All.Contains(gateway))
        {
            var errors = new FieldErrors();
            errors.Add("gateway", $"Required: one of {string.Join(", ", GatewayNames.All)}.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");
        }

        // The payer's address for vnp_IpAddr: the connection's, or the one a configured proxy forwarded.
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        var result = await checkout.StartAsync(id, http.User.Id(), gateway, address, cancellationToken);
        return result.Outcome switch
        {
            CheckoutOutcome.Ready => TypedResults.Ok(result.Response!),
            CheckoutOutcome.OrderNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such order."),
            CheckoutOutcome.Forbidden => TypedResults.Forbid(),
            CheckoutOutcome.NotPayable => Problem(StatusCodes.Status409Conflict, "The order is paid, closed or past its time.", "notPayable"),
            CheckoutOutcome.GatewayNotConfigured => Problem(StatusCodes.Status422UnprocessableEntity, $"Payment through {gateway} is not available on this service.", "gatewayNotConfigured"),
            _ => Problem(StatusCodes.Status422UnprocessableEntity, $"{gateway} does not take this order's amount.", "amountOutsideGatewayRange"),
        };
    }

    private static async Task<Ok<VnPayIpnResponse>> VnPayIpnCallback(
        HttpContext http, GatewayCallbacks callbacks, ILogger<GatewayCallbacks> logger, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await callbacks.VnPayIpnAsync(Query(http), cancellationToken));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // VNPay reads RspCode, not the HTTP status: its "unknown error" makes VNPay try again later.
            LogIpnFailed(logger, exception);
            return TypedResults.Ok(VnPayIpn.UnknownError);
        }
    }

    private static async Task<Ok<VnPayReturnResult>> VnPayReturn(HttpContext http, GatewayCallbacks callbacks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await callbacks.VnPayReturnAsync(Query(http), cancellationToken));

    private static async Task<Results<NoContent, ValidationProblem>> MoMoIpnCallback(MoMoIpn ipn, GatewayCallbacks callbacks, CancellationToken cancellationToken)
    {
        if (await callbacks.MoMoIpnAsync(ipn, cancellationToken) == MoMoIpnOutcome.InvalidSignature)
        {
            var errors = new FieldErrors();
            errors.Add("signature", "Not MoMo's signature for this partner.");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The callback is not signed by MoMo.");
        }

        return TypedResults.NoContent();
    }

    /// <summary>The query as pairs, a parameter sent twice kept twice (the verifier refuses it).</summary>
    private static IEnumerable<KeyValuePair<string, string?>> Query(HttpContext http) =>
        http.Request.Query.SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)));

    private static ProblemHttpResult Problem(int status, string title, string reason) =>
        TypedResults.Problem(statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["reason"] = reason });

    [LoggerMessage(Level = LogLevel.Error, Message = "VNPay IPN failed; answered 99 so that VNPay tries again")]
    private static partial void LogIpnFailed(ILogger logger, Exception exception);
}
