namespace DongNai.Domain.People;

public enum Role
{
    Worker = 1,
    Employer = 2,
    AgencyStaff = 3,
    Admin = 4,
}

/// <summary>
/// A person who signs in with a Vietnamese mobile number. The number is personal data: it is kept
/// only as a keyed hash (<see cref="PhoneLookupHash"/>, to find the account at sign-in) and as
/// ciphertext (<see cref="PhoneCiphertext"/>, to show it to its owner). Never in clear text.
/// </summary>
public sealed class Account
{
    public long Id { get; set; }

    public byte[] PhoneLookupHash { get; set; } = [];

    public byte[] PhoneCiphertext { get; set; } = [];

    public string PasswordHash { get; set; } = "";

    public Role Role { get; set; }

    /// <summary>
    /// A random value carried by every access token issued to the account and compared with this
    /// one on every request; replacing it (role change, password change, sign-out everywhere)
    /// revokes every access token issued before, whatever its expiry.
    /// </summary>
    public string SecurityStamp { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public Profile? Profile { get; set; }
}
