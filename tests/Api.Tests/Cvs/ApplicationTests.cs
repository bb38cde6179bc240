using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests.Cvs;

/// <summary>Applications: a worker applies with a CV; the job's owner alone sees it (with the CV's identity) and moves it.</summary>
public sealed class ApplicationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Employer_SeesApplicationsToTheirOwnJobs_AndNeverAnotherEmployersApplicants()
    {
        var (worker, card) = await CvRequests.VerifiedWorkerAsync(factory);
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv(discoverable: false));
        var (owner, job) = await CvRequests.EmployerWithJobAsync(factory);
        var (other, otherJob) = await CvRequests.EmployerWithJobAsync(factory);
        var applied = await worker.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = cv });
        var id = (await Problems.ReadAsync(applied)).GetProperty("id").GetInt64();

        var ownerList = await owner.Client.GetFromJsonAsync<JsonElement>("/api/applications/received");
        var ownerView = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");
        var otherList = await other.Client.GetFromJsonAsync<JsonElement>("/api/applications/received");
        var otherByJob = await other.Client.GetAsync($"/api/applications/received?jobId={job}");
        var otherView = await other.Client.GetAsync($"/api/applications/{id}");

        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal(id, Assert.Single(ownerList.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal("Nguyễn Văn An", ownerView.GetProperty("cv").GetProperty("identity").GetProperty("fullName").GetString());
        Assert.Equal(card.Address, ownerView.GetProperty("cv").GetProperty("identity").GetProperty("address").GetString());
        Assert.Empty(otherList.EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, otherByJob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherView.StatusCode);
        Assert.NotEqual(job, otherJob);
    }

    [Fact]
    public async Task Worker_FollowsTheStatus_AsTheJobsOwnerMovesItToHired()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv(discoverable: false));
        var (owner, job) = await CvRequests.EmployerWithJobAsync(factory);
        var id = (await Problems.ReadAsync(await worker.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = cv }))).GetProperty("id").GetInt64();

        var submitted = await StatusAsync(worker, id);
        await owner.Client.GetAsync($"/api/applications/{id}");
        var viewed = await StatusAsync(worker, id);
        var shortlisted = await owner.Client.PostAsJsonAsync($"/api/applications/{id}/status", new { status = "shortlisted" });
        var hired = await owner.Client.PostAsJsonAsync($"/api/applications/{id}/status", new { status = "hired", reason = "Phù hợp ca đêm." });

        Assert.Equal("submitted", submitted);
        Assert.Equal("viewed", viewed);
        Assert.Equal(HttpStatusCode.OK, shortlisted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hired.StatusCode);
        var mine = Assert.Single((await worker.Client.GetFromJsonAsync<JsonElement>("/api/applications/mine")).EnumerateArray());
        Assert.Equal("hired", mine.GetProperty("status").GetString());
        Assert.Equal("Phù hợp ca đêm.", mine.GetProperty("reason").GetString());
        // Told of each decision, newest first, without the employer's reason.
        var notices = (await worker.Client.GetFromJsonAsync<JsonElement>("/api/me/notifications")).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("type").GetString() == "applicationStatus").ToList();
        Assert.Equal(["Hồ sơ ứng tuyển đã được nhận", "Hồ sơ ứng tuyển đã vào danh sách phỏng vấn"], notices.Select(n => n.GetProperty("title").GetString()));
        Assert.DoesNotContain(notices, n => n.GetProperty("body").GetString()!.Contains("ca đêm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Move_Answers409_ForAMoveTheStatusDoesNotAllow_And403ToTheApplicant()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv(discoverable: false));
        var (owner, job) = await CvRequests.EmployerWithJobAsync(factory);
        var id = (await Problems.ReadAsync(await worker.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = cv }))).GetProperty("id").GetInt64();

        var hireBeforeShortlist = await owner.Client.PostAsJsonAsync($"/api/applications/{id}/status", new { status = "hired" });
        var byApplicant = await worker.Client.PostAsJsonAsync($"/api/applications/{id}/status", new { status = "shortlisted" });
        var rejected = await owner.Client.PostAsJsonAsync($"/api/applications/{id}/status", new { status = "rejected" });
        var afterRejection = await owner.Client.PostAsJsonAsync($"/api/applications/{id}/status", new { status = "shortlisted" });

        Assert.Equal(HttpStatusCode.Conflict, hireBeforeShortlist.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byApplicant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterRejection.StatusCode);
        Assert.Equal("rejected", await StatusAsync(worker, id));
    }

    [Fact]
    public async Task Apply_Answers409_ForASecondApplicationToOneJob_And400ForAnotherWorkersCv()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var (someoneElse, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv(discoverable: false));
        var (_, job) = await CvRequests.EmployerWithJobAsync(factory);
        await worker.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = cv });

        var again = await worker.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = cv });
        var withAnothersCv = await someoneElse.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = cv });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await Problems.AssertFieldErrorAsync(withAnothersCv, "cvId");
    }

    private static async Task<string?> StatusAsync(SignedInClient worker, long id) =>
        (await worker.Client.GetFromJsonAsync<JsonElement>($"/api/applications/{id}")).GetProperty("application").GetProperty("status").GetString();
}
