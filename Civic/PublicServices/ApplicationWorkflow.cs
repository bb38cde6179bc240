using DongNai.Domain.Civic.PublicServices;

namespace DongNai.Civic.PublicServices;

/// <summary>
/// The states an application moves through and who moves it: received → processing →
/// needs more information ⇄ processing → done | refused (refused also straight from received or
/// needs more information). Agency staff and admins make every move, never on their own
/// application; the applicant makes none (they submit, attach and follow). A move to needs more
/// information or refused needs a note saying why. Pure; thread-safe.
/// </summary>
public static class ApplicationWorkflow
{
    public const int MaxNoteLength = 1000;

    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> Moves = new()
    {
        [ApplicationStatus.Received] = [ApplicationStatus.Processing, ApplicationStatus.Refused],
        [ApplicationStatus.Processing] = [ApplicationStatus.NeedsMoreInformation, ApplicationStatus.Done, ApplicationStatus.Refused],
        [ApplicationStatus.NeedsMoreInformation] = [ApplicationStatus.Processing, ApplicationStatus.Refused],
        [ApplicationStatus.Done] = [],
        [ApplicationStatus.Refused] = [],
    };

    /// <summary>Whether staff may move an application from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(ApplicationStatus from, ApplicationStatus to) => Moves.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The states reachable from <paramref name="from"/>.</summary>
    public static IReadOnlyList<ApplicationStatus> NextFrom(ApplicationStatus from) => Moves.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>Whether a move to <paramref name="to"/> must say why.</summary>
    public static bool NeedsNote(ApplicationStatus to) => to is ApplicationStatus.NeedsMoreInformation or ApplicationStatus.Refused;

    /// <summary>Whether the applicant may still attach files: before work starts, and when asked for more.</summary>
    public static bool AcceptsAttachments(ApplicationStatus status) => status is ApplicationStatus.Received or ApplicationStatus.NeedsMoreInformation;

    /// <summary>The state's name as the applicant reads it, for notifications.</summary>
    public static string Words(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Received => "đã tiếp nhận",
        ApplicationStatus.Processing => "đang xử lý",
        ApplicationStatus.NeedsMoreInformation => "cần bổ sung thông tin",
        ApplicationStatus.Done => "đã hoàn thành",
        ApplicationStatus.Refused => "bị từ chối",
        _ => "",
    };
}
