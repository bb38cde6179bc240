namespace DongNai.Domain.People;

/// <summary>A profile field the owner of a personal QR code may choose to show to whoever scans it.</summary>
public enum PersonalQrField
{
    /// <summary>The profile's display name.</summary>
    DisplayName = 1,

    /// <summary>The full name on the verified CCCD card.</summary>
    FullName = 2,

    /// <summary>The date of birth on the verified CCCD card.</summary>
    DateOfBirth = 3,

    /// <summary>The gender on the verified CCCD card.</summary>
    Gender = 4,

    /// <summary>The profile's home commune.</summary>
    HomeCommune = 5,

    /// <summary>The profile's industrial park.</summary>
    IndustrialPark = 6,

    /// <summary>The account's phone number.</summary>
    Phone = 7,
}

/// <summary>
/// A personal QR code (issue 10, item 4; decision 0023): which fields its owner shares, until when,
/// and whether the owner revoked it. The code's text is a signed token naming this row; the row's
/// random <see cref="Nonce"/> is part of what is signed, so a token cannot be made for a row without
/// the key. Deleted with the account, its scans with it.
/// </summary>
public sealed class PersonalQrCode
{
    public const int NonceLength = 16;

    public long Id { get; set; }

    public long AccountId { get; set; }

    /// <summary>The shared <see cref="PersonalQrField"/>s as a bit set: bit <c>1 &lt;&lt; field</c> per field.</summary>
    public int SharedFields { get; set; }

    public byte[] Nonce { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public IReadOnlyList<PersonalQrField> Fields =>
        [.. Enum.GetValues<PersonalQrField>().Where(f => (SharedFields & (1 << (int)f)) != 0)];

    public static int MaskOf(IEnumerable<PersonalQrField> fields) => fields.Aggregate(0, (mask, f) => mask | (1 << (int)f));
}

/// <summary>One scan of a personal QR code that the service accepted: who scanned whose code, when. The code's owner sees them; so does the scanner, in their own data.</summary>
public sealed class PersonalQrScan
{
    public long Id { get; set; }

    public long CodeId { get; set; }

    /// <summary>The code's owner (copied from the code, to list an owner's scans without a join).</summary>
    public long OwnerId { get; set; }

    public long ScannerId { get; set; }

    public DateTime ScannedAt { get; set; }
}
