using System.ComponentModel.DataAnnotations;

namespace DongNai.Payments;

/// <summary>Settings of the payments module (configuration section <c>Payments</c>), validated on start.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>How long an order waits for its payment before it expires and gives back what it held (VNPay's own default is 15 minutes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
