using DongNai.Identity;
using DongNai.Ranking.Learning;
using DongNai.Search.Api.Parameters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongNai.Search.Api.Ranking;

/// <summary>One ranking quality figure set on the evaluation window.</summary>
public sealed record RankingQualityResponse(double Ndcg10, double Recall10, double Mrr, int Requests);

/// <summary>A stored model version: when it was trained, from which events, how it did, and whether it is in use.</summary>
public sealed record RankingModelResponse(
    string Version,
    DateTime TrainedAt,
    DateTime DataFrom,
    DateTime DataTo,
    DateTime EvaluatedTo,
    int TrainingRequests,
    int EvaluationRequests,
    IReadOnlyDictionary<string, RankingQualityResponse> Metrics,
    bool PromotedWhenTrained,
    bool Current);

/// <summary>The stored versions, newest first, and the one in use (null: the heuristic ranker).</summary>
public sealed record RankingModelsResponse(string? Current, IReadOnlyList<RankingModelResponse> Models);

/// <summary>Which version to rank with; null goes back to the heuristic ranker.</summary>
public sealed record SetCurrentModelRequest(string? Version);

/// <summary>Admin views of the learned ranker: the stored versions with their metrics, and a roll-back.</summary>
public static class RankingModelEndpoints
{
    public static void MapRankingModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/admin/ranking/models").WithTags("Admin")
            .RequireAuthorization(policy => policy.RequireRole(RoleNames.Admin));
        models.MapGet("", List).WithName("RankingModels")
            .WithSummary("Stored re-ranking model versions, newest first, with their metrics and training data range (admins only)")
            .AllowQuery();
        models.MapPut("/current", SetCurrent).WithName("SetCurrentRankingModel")
            .WithSummary("Rank with a stored model version (a roll-back), or with the heuristic ranker when version is null; no restart (admins only)")
            .ProducesValidationProblem();
    }

    private static Ok<RankingModelsResponse> List(RankingModelHost host)
    {
        var current = host.ActiveVersion;
        return TypedResults.Ok(new RankingModelsResponse(current, [.. host.Store.List().Select(info => new RankingModelResponse(
            info.Version,
            info.TrainedAt,
            info.DataFrom,
            info.DataTo,
            info.EvaluatedTo,
            info.TrainingRequests,
            info.EvaluationRequests,
            info.Metrics.ToDictionary(m => m.Key, m => new RankingQualityResponse(m.Value.Ndcg10, m.Value.Recall10, m.Value.Mrr, m.Value.Lists), StringComparer.Ordinal),
            info.Promoted,
            info.Version == current))]));
    }

    private static Results<Ok<RankingModelsResponse>, ValidationProblem> SetCurrent(SetCurrentModelRequest request, RankingModelHost host)
    {
        if (request.Version is null)
        {
            host.Deactivate();
            return List(host);
        }

        if (!host.Store.Exists(request.Version))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["version"] = ["No stored model has this version; list them with GET /api/admin/ranking/models."],
            });
        }

        host.Activate(request.Version);
        return List(host);
    }
}
