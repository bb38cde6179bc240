using DongNai.Ranking.Simulation;
using Xunit.Abstractions;

namespace DongNai.Ranking.Tests.Learning;

public sealed class LearnedRankerTests(SimulatedEvaluationFixture evaluation, ITestOutputHelper output) : IClassFixture<SimulatedEvaluationFixture>
{
    [Fact]
    public void LearnedRanker_TrainedOnAFixedSimulatedDataSet_BeatsTheEngineOrderAndPopularity_OnHeldOutWorkers()
    {
        var rankers = evaluation.Report.Rankers;
        foreach (var (name, quality) in rankers)
        {
            output.WriteLine($"{name,-11} ndcg@10 {quality.Ndcg10:F4} recall@10 {quality.Recall10:F4} mrr {quality.Mrr:F4} lists {quality.Lists}");
        }

        output.WriteLine($"learned/engine {evaluation.Report.LearnedOverEngine:F2} learned/popularity {evaluation.Report.LearnedOverPopularity:F2} groups {evaluation.Report.TrainingGroups}");

        Assert.True(rankers[EvaluationReport.Learned].Lists > 50, "Too few held-out searches had a relevant listing to judge by.");
        Assert.True(rankers[EvaluationReport.Learned].Ndcg10 > rankers[EvaluationReport.Engine].Ndcg10);
        Assert.True(rankers[EvaluationReport.Learned].Ndcg10 > rankers[EvaluationReport.Popularity].Ndcg10);
        Assert.True(rankers[EvaluationReport.Heuristic].Ndcg10 > rankers[EvaluationReport.Engine].Ndcg10);
    }

    [Fact]
    public void TheTrainingSet_ComesFromTheEventsStoredThroughTheEventStore()
    {
        Assert.True(evaluation.Report.TrainingEvents > 1000);
        Assert.True(evaluation.StoredEvents > evaluation.Report.TrainingEvents, "The held-out workers' history is stored after the training set is read.");
        Assert.True(evaluation.Report.TrainingGroups > 100);
        Assert.True(evaluation.Report.TrainingRows > evaluation.Report.TrainingGroups * 2);
    }
}
