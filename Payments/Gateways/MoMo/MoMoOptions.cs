namespace DongNai.Payments.Gateways.MoMo;

/// <summary>
/// A merchant's MoMo connection (payment gateway API v2). <see cref="ToString"/> leaves the secret
/// key out, so the options can be logged. Immutable; thread-safe.
/// </summary>
public sealed record MoMoOptions
{
    public const string SandboxCreateUrl = "https://test-payment.momo.vn/v2/gateway/api/create";

    public required string PartnerCode { get; init; }

    /// <summary>Signed into every request (first field of the raw signature), never sent on its own.</summary>
    public required string AccessKey { get; init; }

    /// <summary>The key of the HMAC-SHA256 signatures. Never logged.</summary>
    public required string SecretKey { get; init; }

    /// <summary>Where create requests are POSTed; the sandbox by default.</summary>
    public string CreateUrl { get; init; } = SandboxCreateUrl;

    /// <summary>Where MoMo sends the payer back.</summary>
    public required string RedirectUrl { get; init; }

    /// <summary>Where MoMo POSTs the signed result (IPN), server to server.</summary>
    public required string IpnUrl { get; init; }

    public override string ToString() =>
        $"MoMoOptions {{ PartnerCode = {PartnerCode}, AccessKey = {AccessKey}, SecretKey = ***, CreateUrl = {CreateUrl}, RedirectUrl = {RedirectUrl}, IpnUrl = {IpnUrl} }}";
}
