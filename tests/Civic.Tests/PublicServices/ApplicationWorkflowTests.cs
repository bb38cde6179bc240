using DongNai.Civic.PublicServices;
using DongNai.Domain.Civic.PublicServices;

namespace DongNai.Civic.Tests.PublicServices;

public sealed class ApplicationWorkflowTests
{
    public static TheoryData<ApplicationStatus, ApplicationStatus> Allowed => new()
    {
        { ApplicationStatus.Received, ApplicationStatus.Processing },
        { ApplicationStatus.Received, ApplicationStatus.Refused },
        { ApplicationStatus.Processing, ApplicationStatus.NeedsMoreInformation },
        { ApplicationStatus.Processing, ApplicationStatus.Done },
        { ApplicationStatus.Processing, ApplicationStatus.Refused },
        { ApplicationStatus.NeedsMoreInformation, ApplicationStatus.Processing },
        { ApplicationStatus.NeedsMoreInformation, ApplicationStatus.Refused },
    };

    [Fact]
    public void CanMove_AllowsExactlyTheDocumentedTransitions()
    {
        var allowed = Allowed.Select(row => ((ApplicationStatus)row[0], (ApplicationStatus)row[1])).ToHashSet();

        foreach (var from in Enum.GetValues<ApplicationStatus>())
        {
            foreach (var to in Enum.GetValues<ApplicationStatus>())
            {
                Assert.True(ApplicationWorkflow.CanMove(from, to) == allowed.Contains((from, to)), $"{from} → {to}");
            }
        }
    }

    [Theory]
    [InlineData(ApplicationStatus.Done)]
    [InlineData(ApplicationStatus.Refused)]
    public void FinalStates_LeadNowhere_AndTakeNoFiles(ApplicationStatus final)
    {
        Assert.Empty(ApplicationWorkflow.NextFrom(final));
        Assert.False(ApplicationWorkflow.AcceptsAttachments(final));
    }

    [Fact]
    public void ANote_IsRequired_OnlyToAskForMoreOrToRefuse()
    {
        var needing = Enum.GetValues<ApplicationStatus>().Where(ApplicationWorkflow.NeedsNote);

        Assert.Equal([ApplicationStatus.NeedsMoreInformation, ApplicationStatus.Refused], needing);
    }
}
