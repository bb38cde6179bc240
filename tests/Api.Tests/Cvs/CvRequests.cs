using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongNai.Api.Tests.Identity;
using DongNai.Api.Tests.Reliability;
using DongNai.Domain.People;

namespace DongNai.Api.Tests.Cvs;

/// <summary>Verified workers, CV bodies, and employers with a job, for the CV, application and candidate tests.</summary>
public static class CvRequests
{
    public const string AmataPark = "amata";

    /// <summary>A worker whose card is filled and verified by agency staff, as the workflow does it; returns the worker and the card.</summary>
    public static async Task<(SignedInClient Worker, TestCard Card)> VerifiedWorkerAsync(ApiFactory factory)
    {
        var worker = await factory.SignUpAsync();
        var staff = await factory.SignUpAsAsync(Role.AgencyStaff);
        var card = await IdentityRequests.FillAndSubmitAsync(worker.Client);
        var submission = await IdentityRequests.SubmissionIdAsync(factory, worker.AccountId);
        var approved = await staff.Client.PostAsJsonAsync($"/api/identity/verification/{submission}/approve", new { reason = "Ảnh khớp với thẻ." });
        Assert.True(approved.IsSuccessStatusCode, $"Arrange: approving answered {(int)approved.StatusCode}: {await approved.Content.ReadAsStringAsync()}");
        return (worker, card);
    }

    /// <summary>A valid CV body at the Amata park, discoverable unless said otherwise.</summary>
    public static JsonObject Cv(string desiredJob = "Công nhân may", bool discoverable = true) => new()
    {
        ["desiredJob"] = desiredJob,
        ["summary"] = "Chăm chỉ, có thể tăng ca.",
        ["shift"] = "night",
        ["salaryExpectationVnd"] = 8_000_000,
        ["skills"] = new JsonArray("May công nghiệp", "Đóng gói"),
        ["experience"] = new JsonArray(new JsonObject { ["role"] = "Công nhân may", ["employer"] = "Công ty May Việt Tiến", ["months"] = 24 }),
        ["education"] = "upperSecondary",
        ["educationDetail"] = "THPT Biên Hòa",
        ["certificates"] = new JsonArray("Chứng chỉ an toàn lao động"),
        ["availability"] = "immediately",
        ["homeCommuneCode"] = null,
        ["industrialParkCode"] = AmataPark,
        ["discoverable"] = discoverable,
    };

    public static async Task<long> CreateCvAsync(SignedInClient worker, JsonObject body)
    {
        var response = await worker.Client.PostAsJsonAsync("/api/cvs", body);
        Assert.True(response.IsSuccessStatusCode, $"Arrange: creating a CV answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await Problems.ReadAsync(response)).GetProperty("id").GetInt64();
    }

    /// <summary>An employer with a company and one job at Amata (night shift, 7–10 million) whose fields <paramref name="change"/> may alter.</summary>
    public static async Task<(SignedInClient Employer, long JobId)> EmployerWithJobAsync(ApiFactory factory, Action<JsonObject>? change = null)
    {
        var employer = await factory.SignUpAsync("employer");
        var company = await employer.Client.PostAsJsonAsync("/api/employers", AuthorizationScene.Company());
        var companyId = (await Problems.ReadAsync(company)).GetProperty("id").GetInt64();
        var job = ListingPayloads.Job(companyId);
        job["shift"] = "night";
        job["requirements"] = "Biết may công nghiệp, đóng gói hàng.";
        change?.Invoke(job);
        var response = await employer.Client.PostAsJsonAsync("/api/jobs", job);
        Assert.True(response.IsSuccessStatusCode, $"Arrange: creating a job answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (employer, (await Problems.ReadAsync(response)).GetProperty("id").GetInt64());
    }

    /// <summary>Asks candidate search (<c>/api/candidates?{query}</c>) until <paramref name="accept"/> holds for the CV ids it answers, for up to 30 s.</summary>
    public static async Task<bool> PollCandidatesAsync(SignedInClient employer, string query, Func<List<long>, bool> accept)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            if (accept(await CandidateIdsAsync(employer, query)))
            {
                return true;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(30));

        return false;
    }

    public static async Task<List<long>> CandidateIdsAsync(SignedInClient employer, string query)
    {
        var page = await CandidatesAsync(employer, query);
        return [.. page.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("cvId").GetInt64())];
    }

    public static async Task<System.Text.Json.JsonElement> CandidatesAsync(SignedInClient employer, string query)
    {
        var response = await employer.Client.GetAsync($"/api/candidates?{query}");
        Assert.True(response.IsSuccessStatusCode, $"/api/candidates?{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await Problems.ReadAsync(response);
    }

    /// <summary>
    /// A word with accents no other CV has ("Kiểmtrâ…"), and its folded form, which the index should
    /// match it by. The tail is random letters, far apart in edit distance from every other word's,
    /// so that the engine's typo tolerance never makes two tests' words match each other.
    /// </summary>
    public static (string Accented, string Folded) NewWord()
    {
        var letters = new string([.. Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + (b % 26)))]);
        return ("Kiểmtrâ" + letters, "kiemtra" + letters);
    }
}
