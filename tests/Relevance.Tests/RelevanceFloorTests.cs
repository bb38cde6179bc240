namespace DongNai.Relevance.Tests;

/// <summary>
/// Runs the judged set once against the real service at <see cref="RelevanceRun.Listings"/> demo
/// listings and keeps the figures from sliding back: floors a little under the figures measured when
/// the set was written (docs/relevance.md), never a timing.
/// </summary>
public sealed class RelevanceFloorTests(RelevanceRun run) : IClassFixture<RelevanceRun>
{
    /// <summary>Measured at 4,000 listings, seed 2025, with relaxation: NDCG@10 after 0.922, zero results after 1 %.</summary>
    private const double NdcgAfterFloor = 0.89;

    private const double ZeroResultRateAfterCeiling = 0.04;

    [Fact]
    public void EveryQuery_HasAListingMeetingItsRule_AtTheTestedSize()
    {
        var unjudgeable = run.Report.Unjudgeable.Select(q => q.Id).ToList();

        Assert.Empty(unjudgeable);
    }

    [Fact]
    public void EveryQuery_IsAnswered_BothWithAndWithoutTheInterpreter()
    {
        var failed = run.Report.Queries
            .Where(q => q.Before.Error is not null || q.After.Error is not null)
            .Select(q => $"{q.Id}: {q.Before.Error ?? q.After.Error}")
            .ToList();

        Assert.Empty(failed);
    }

    [Fact]
    public void OverallNdcgAfter_StaysAboveItsFloor()
    {
        var ndcg = run.Report.Overall.NdcgAfter;

        Assert.True(ndcg >= NdcgAfterFloor, $"NDCG@10 with the interpreter fell to {ndcg:F3} (floor {NdcgAfterFloor}).");
    }

    [Fact]
    public void ZeroResultRateAfter_StaysUnderItsCeiling()
    {
        var rate = run.Report.Overall.ZeroAfter;

        Assert.True(rate <= ZeroResultRateAfterCeiling, $"{rate:P1} of queries found nothing with the interpreter (ceiling {ZeroResultRateAfterCeiling:P0}).");
    }

    [Fact]
    public void Interpreter_BeatsPlainText_OnOverallNdcg()
    {
        var overall = run.Report.Overall;

        Assert.True(overall.NdcgAfter > overall.NdcgBefore, $"NDCG@10 after {overall.NdcgAfter:F3} is not above before {overall.NdcgBefore:F3}.");
    }
}

/// <summary>One evaluation shared by the floor tests (it seeds, indexes and sends every query twice).</summary>
public sealed class RelevanceRun : IAsyncLifetime
{
    /// <summary>Small enough to be quick, large enough that every rule of the set has a grade-2 listing (every voucher brand needs 3,210 or more).</summary>
    public const int Listings = 4_000;

    private RelevanceReport? report;

    public RelevanceReport Report => report ?? throw new InvalidOperationException("The evaluation has not run.");

    public async Task InitializeAsync() => report = await RelevanceEvaluator.RunAsync(new EvaluationOptions { Listings = Listings });

    public Task DisposeAsync() => Task.CompletedTask;
}
