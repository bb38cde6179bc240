namespace DongNai.Domain.People;

/// <summary>
/// The CCCD chip card data a person filled their profile from (one per account, one account per
/// card). Personal data under Law 91/2025/QH15: the card number is kept only as a keyed hash
/// (<see cref="CccdLookupHash"/>, unique, to refuse a second account with the same card) and every
/// field, the number included, only as one authenticated ciphertext (<see cref="DetailsCiphertext"/>)
/// that the owner's own requests decrypt. Never in clear text, never indexed.
/// </summary>
public sealed class IdentityCard
{
    /// <summary>The length of <see cref="CccdLookupHash"/>: an HMAC-SHA256.</summary>
    public const int HashLength = 32;

    public long AccountId { get; set; }

    /// <summary>HMAC-SHA256 under the lookup-hash key of the 12-digit number with a <c>cccd:</c> prefix (so it can never equal a phone hash); unique.</summary>
    public byte[] CccdLookupHash { get; set; } = [];

    /// <summary>AES-256-GCM of the card's fields as JSON (number, old ID number, name, birth date, gender, address, issue date).</summary>
    public byte[] DetailsCiphertext { get; set; } = [];

    public DateTime FilledAt { get; set; }
}
