using System.ComponentModel.DataAnnotations;
using DongNai.Domain.Validation;
using DongNai.Payments.Gateways.MoMo;
using DongNai.Payments.Gateways.VnPay;
using DongNai.Payments.VietQr;
using Microsoft.Extensions.Options;

namespace DongNai.Payments;

/// <summary>Settings of the payments module (configuration section <c>Payments</c>), validated on start.</summary>
/// <remarks>
/// Each gateway is off until its section is there (<c>Payments:VnPay</c>, <c>Payments:MoMo</c>,
/// <c>Payments:VietQr</c>); a checkout through a gateway that is off is refused with a problem, and
/// a section that is there but incomplete stops the start. No credentials are built in: the public
/// MoMo sandbox partner is in <c>appsettings.Development.json</c>, so a production host never pays
/// into a sandbox by accident.
/// </remarks>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>How long an order waits for its payment before it expires and gives back what it held (VNPay's own default is 15 minutes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The VNPay merchant (<c>Payments:VnPay:TmnCode</c>, <c>HashSecret</c>, <c>ReturnUrl</c>, optional <c>PaymentUrl</c>, sandbox by default).</summary>
    public VnPayOptions? VnPay { get; set; }

    /// <summary>The MoMo partner (<c>Payments:MoMo:PartnerCode</c>, <c>AccessKey</c>, <c>SecretKey</c>, <c>RedirectUrl</c>, <c>IpnUrl</c>, optional <c>CreateUrl</c>, sandbox by default).</summary>
    public MoMoOptions? MoMo { get; set; }

    /// <summary>The merchant bank account that VietQR transfers pay into (<c>Payments:VietQr:BankBin</c>, <c>AccountNumber</c>).</summary>
    public VietQrAccountOptions? VietQr { get; set; }
}

/// <summary>The bank account a VietQR checkout asks the payer to transfer to.</summary>
public sealed class VietQrAccountOptions
{
    /// <summary>The bank's six-digit NAPAS BIN, such as 970416 (ACB).</summary>
    public string BankBin { get; set; } = "";

    /// <summary>The merchant's account number at that bank.</summary>
    public string AccountNumber { get; set; } = "";
}

/// <summary>Refuses a gateway section that is there but cannot be used: missing credentials or URLs, an unknown BIN.</summary>
public sealed class PaymentOptionsValidation : IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.VnPay is { } vnPay)
        {
            Require(failures, "Payments:VnPay", ("TmnCode", vnPay.TmnCode), ("HashSecret", vnPay.HashSecret), ("ReturnUrl", vnPay.ReturnUrl), ("PaymentUrl", vnPay.PaymentUrl));
        }

        if (options.MoMo is { } moMo)
        {
            Require(failures, "Payments:MoMo", ("PartnerCode", moMo.PartnerCode), ("AccessKey", moMo.AccessKey), ("SecretKey", moMo.SecretKey),
                ("RedirectUrl", moMo.RedirectUrl), ("IpnUrl", moMo.IpnUrl), ("CreateUrl", moMo.CreateUrl));
        }

        if (options.VietQr is { } account)
        {
            var errors = new FieldErrors();
            if (!VietQrBuilder.TryBuild(new VietQrRequest(account.BankBin, account.AccountNumber, VietQrService.Account), errors, out _))
            {
                failures.Add("Payments:VietQr: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The values themselves are never written into a failure: a secret typed into the wrong key would be logged.
    private static void Require(List<string> failures, string section, params (string Key, string? Value)[] values) =>
        failures.AddRange(values.Where(v => string.IsNullOrWhiteSpace(v.Value)).Select(v => $"{section}:{v.Key} is required when {section} is set."));
}
