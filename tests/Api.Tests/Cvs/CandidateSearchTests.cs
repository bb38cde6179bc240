using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongNai.Api.Tests.Identity;

namespace DongNai.Api.Tests.Cvs;

/// <summary>Candidate search: employers find discoverable CVs through the engine, accent-insensitively, best fit to their job first, with no personal data indexed.</summary>
public sealed class CandidateSearchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Search_FindsACvTypedWithAccents_FromAQueryWithout()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var (employer, job) = await CvRequests.EmployerWithJobAsync(factory);
        var (accented, folded) = CvRequests.NewWord();
        var body = CvRequests.Cv("Thợ hàn điện");
        body["skills"] = new JsonArray("Hàn điện", $"Hàn {accented}");
        var id = await CvRequests.CreateCvAsync(worker, body);

        var found = await CvRequests.PollCandidatesAsync(employer, $"jobId={job}&q=han+{folded}", ids => ids.Contains(id));

        Assert.True(found, $"'han {folded}' never found the CV with the skill 'Hàn {accented}'.");
    }

    [Fact]
    public async Task Search_RanksByFitToTheJob_WithTheReasonsInVietnamese()
    {
        var (employer, job) = await CvRequests.EmployerWithJobAsync(factory);
        var (accented, folded) = CvRequests.NewWord();
        var best = await CvAsync(accented, ["May công nghiệp", "Đóng gói"], "night", 8_000_000);
        var middle = await CvAsync(accented, ["May công nghiệp", "Ủi đồ"], "day", 9_000_000);
        var worst = await CvAsync(accented, ["Lái xe nâng"], "day", 15_000_000);
        Assert.True(await CvRequests.PollCandidatesAsync(employer, $"jobId={job}&q={folded}", ids => ids.Count == 3), "Arrange: the three CVs never became searchable.");

        var page = await CvRequests.CandidatesAsync(employer, $"jobId={job}&q={folded}&radiusKm=20");

        var candidates = page.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([best, middle, worst], candidates.Select(c => c.GetProperty("cvId").GetInt64()));
        var fits = candidates.Select(c => c.GetProperty("fit").GetDouble()).ToList();
        Assert.True(fits[0] > fits[1] && fits[1] > fits[2], $"Fits not strictly decreasing: {string.Join(", ", fits)}");
        var reasons = candidates[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("Có kỹ năng phù hợp: May công nghiệp, Đóng gói", reasons);
        Assert.Contains("Muốn làm ca đêm như công việc yêu cầu", reasons);
        Assert.Contains(reasons, r => r!.StartsWith("Lương mong muốn 8 triệu", StringComparison.Ordinal));
        Assert.DoesNotContain(candidates[2].GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("Lương", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_NeverShowsANonDiscoverableCv_AndDropsOneThatStopsBeingDiscoverable()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var (employer, job) = await CvRequests.EmployerWithJobAsync(factory);
        var (accented, folded) = CvRequests.NewWord();
        var hidden = await CvRequests.CreateCvAsync(worker, CvRequests.Cv($"Công nhân {accented}", discoverable: false));
        var shown = await CvRequests.CreateCvAsync(worker, CvRequests.Cv($"Công nhân {accented}"));
        Assert.True(await CvRequests.PollCandidatesAsync(employer, $"jobId={job}&q={folded}", ids => ids.Contains(shown)), "Arrange: the discoverable CV never became searchable.");

        var withHidden = await CvRequests.CandidateIdsAsync(employer, $"jobId={job}&q={folded}");
        var update = await worker.Client.PutAsJsonAsync($"/api/cvs/{shown}", CvRequests.Cv($"Công nhân {accented}", discoverable: false));
        var dropped = await CvRequests.PollCandidatesAsync(employer, $"jobId={job}&q={folded}", ids => !ids.Contains(shown));

        Assert.Equal([shown], withHidden);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.True(dropped, "A CV made non-discoverable stayed in candidate search.");
        Assert.DoesNotContain(hidden, await CvRequests.CandidateIdsAsync(employer, $"jobId={job}&q={folded}"));
    }

    [Fact]
    public async Task Index_HoldsNoNameBirthDateAddressCccdOrPhone_OfADiscoverableCv()
    {
        var (worker, card) = await CvRequests.VerifiedWorkerAsync(factory);
        var (employer, job) = await CvRequests.EmployerWithJobAsync(factory);
        var (accented, folded) = CvRequests.NewWord();
        var id = await CvRequests.CreateCvAsync(worker, CvRequests.Cv($"Công nhân {accented}"));
        Assert.True(await CvRequests.PollCandidatesAsync(employer, $"jobId={job}&q={folded}", ids => ids.Contains(id)), "Arrange: the CV never became searchable.");

        var index = await ReadIndexAsync();

        // The search above found the CV in this index; none of the card's fields nor the phone are in it.
        Assert.NotEmpty(index);
        IdentityRequests.AssertAbsent(index, card.Number, "the index");
        IdentityRequests.AssertAbsent(index, worker.Phone, "the index");
        IdentityRequests.AssertAbsent(index, "zetaqua", "the index");
        IdentityRequests.AssertAbsent(index, "Zetaqua", "the index");
        IdentityRequests.AssertAbsent(index, "15031995", "the index");
        IdentityRequests.AssertAbsent(index, "Nguyễn Văn An", "the index");
    }

    [Fact]
    public async Task Search_Answers403_ForAnotherEmployersJob_AndToWorkers()
    {
        var (_, job) = await CvRequests.EmployerWithJobAsync(factory);
        var (other, _) = await CvRequests.EmployerWithJobAsync(factory);
        var worker = await factory.SignUpAsync();

        var byOther = await other.Client.GetAsync($"/api/candidates?jobId={job}");
        var byWorker = await worker.Client.GetAsync($"/api/candidates?jobId={job}");
        var unknown = await other.Client.GetAsync("/api/candidates?jobid=1");

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    private async Task<long> CvAsync(string word, string[] skills, string shift, long salary)
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var body = CvRequests.Cv($"Công nhân {word}");
        body["skills"] = new JsonArray([.. skills.Select(s => (JsonNode)s)]);
        body["shift"] = shift;
        body["salaryExpectationVnd"] = salary;
        return await CvRequests.CreateCvAsync(worker, body);
    }

    private async Task<byte[]> ReadIndexAsync()
    {
        using var all = new MemoryStream();
        foreach (var file in Directory.GetFiles(Path.Combine(factory.DataPath, "index"), "*", SearchOption.AllDirectories))
        {
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                await stream.CopyToAsync(all);
            }
            catch (FileNotFoundException)
            {
                // Merged away since it was listed.
            }
        }

        return all.ToArray();
    }
}
