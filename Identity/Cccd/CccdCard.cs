namespace DongNai.Identity.Cccd;

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// The fields printed in the QR code of a chip CCCD card, checked by <see cref="CccdQrParser"/>.
/// Personal data (Law 91/2025/QH15): never log it, index it or show it to anyone but its owner.
/// </summary>
/// <param name="CccdNumber">The 12-digit citizen identity number.</param>
/// <param name="OldIdNumber">The 9-digit CMND number the card replaced, when the card carries one.</param>
/// <param name="FullName">As printed, NFC, single spaces.</param>
/// <param name="DateOfBirth">The date of birth.</param>
/// <param name="Gender">As printed ("Nam" or "Nữ").</param>
/// <param name="Address">The permanent address as printed, NFC.</param>
/// <param name="IssueDate">When the card was issued.</param>
public sealed record CccdCard(
    string CccdNumber,
    string? OldIdNumber,
    string FullName,
    DateOnly DateOfBirth,
    Gender Gender,
    string Address,
    DateOnly IssueDate);
