using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests.Cvs;

/// <summary>Employers contact candidates through the app: the worker accepts (a conversation carrying the job opens) or declines, and no employer answer carries the phone.</summary>
public sealed class ContactRequestTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Accept_OpensAConversationCarryingTheJob_WithoutThePhone()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var (employer, job) = await CvRequests.EmployerWithJobAsync(factory);
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv());
        var employerBodies = new List<string>();

        var sent = await employer.Client.PostAsJsonAsync($"/api/candidates/{cv}/contact", new { jobId = job, message = "Chào bạn, công ty đang tuyển thợ may ca đêm." });
        employerBodies.Add(await sent.Content.ReadAsStringAsync());
        var received = await worker.Client.GetFromJsonAsync<JsonElement>("/api/contact-requests/received");
        var request = Assert.Single(received.EnumerateArray());
        var accepted = await worker.Client.PostAsync($"/api/contact-requests/{request.GetProperty("id").GetInt64()}/accept", null);
        var sentList = await employer.Client.GetAsync("/api/contact-requests/sent");
        employerBodies.Add(await sentList.Content.ReadAsStringAsync());
        var acceptance = await Problems.ReadAsync(accepted);
        var conversationId = acceptance.GetProperty("conversationId").GetInt64();
        var conversation = await employer.Client.GetAsync($"/api/conversations/{conversationId}");
        employerBodies.Add(await conversation.Content.ReadAsStringAsync());
        var messages = await employer.Client.GetAsync($"/api/conversations/{conversationId}/messages");
        employerBodies.Add(await messages.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal("pending", request.GetProperty("status").GetString());
        Assert.Equal("Chào bạn, công ty đang tuyển thợ may ca đêm.", request.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("accepted", acceptance.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, conversation.StatusCode);
        var listing = (await Problems.ReadAsync(conversation)).GetProperty("listing");
        Assert.Equal("jobs", listing.GetProperty("kind").GetString());
        Assert.Equal(job, listing.GetProperty("id").GetInt64());
        Assert.Equal(conversationId, JsonDocument.Parse(employerBodies[1]).RootElement[0].GetProperty("conversationId").GetInt64());
        AssertNoPhone(employerBodies, worker.Phone);
    }

    [Fact]
    public async Task Decline_OpensNothing_AndTheEmployerCannotAskAgain()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var (employer, job) = await CvRequests.EmployerWithJobAsync(factory);
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv());
        var employerBodies = new List<string>();

        var sent = await employer.Client.PostAsJsonAsync($"/api/candidates/{cv}/contact", new { jobId = job });
        var id = (await Problems.ReadAsync(sent)).GetProperty("id").GetInt64();
        var declined = await worker.Client.PostAsync($"/api/contact-requests/{id}/decline", null);
        var acceptAfter = await worker.Client.PostAsync($"/api/contact-requests/{id}/accept", null);
        var again = await employer.Client.PostAsJsonAsync($"/api/candidates/{cv}/contact", new { jobId = job });
        var sentList = await employer.Client.GetAsync("/api/contact-requests/sent");
        var conversations = await employer.Client.GetAsync("/api/conversations");
        foreach (var response in new[] { sent, again, sentList, conversations })
        {
            employerBodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("declined", (await Problems.ReadAsync(declined)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, acceptAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var listed = Assert.Single(JsonDocument.Parse(employerBodies[2]).RootElement.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("conversationId").ValueKind);
        Assert.Empty(JsonDocument.Parse(employerBodies[3]).RootElement.GetProperty("items").EnumerateArray());
        AssertNoPhone(employerBodies, worker.Phone);
    }

    [Fact]
    public async Task OnlyTheWorker_DecidesARequest()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var (employer, job) = await CvRequests.EmployerWithJobAsync(factory);
        var other = await factory.SignUpAsync();
        var cv = await CvRequests.CreateCvAsync(worker, CvRequests.Cv());
        var id = (await Problems.ReadAsync(await employer.Client.PostAsJsonAsync($"/api/candidates/{cv}/contact", new { jobId = job }))).GetProperty("id").GetInt64();

        var byEmployer = await employer.Client.PostAsync($"/api/contact-requests/{id}/accept", null);
        var byOther = await other.Client.PostAsync($"/api/contact-requests/{id}/decline", null);
        var othersList = await other.Client.GetFromJsonAsync<JsonElement>("/api/contact-requests/received");

        Assert.Equal(HttpStatusCode.NotFound, byEmployer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Empty(othersList.EnumerateArray());
    }

    [Fact]
    public async Task Contact_IsRefused_ForAHiddenCvOrAnotherEmployersJob()
    {
        var (worker, _) = await CvRequests.VerifiedWorkerAsync(factory);
        var (employer, _) = await CvRequests.EmployerWithJobAsync(factory);
        var (_, othersJob) = await CvRequests.EmployerWithJobAsync(factory);
        var hidden = await CvRequests.CreateCvAsync(worker, CvRequests.Cv(discoverable: false));
        var shown = await CvRequests.CreateCvAsync(worker, CvRequests.Cv());

        var toHidden = await employer.Client.PostAsJsonAsync($"/api/candidates/{hidden}/contact", new { jobId = othersJob });
        var aboutOthersJob = await employer.Client.PostAsJsonAsync($"/api/candidates/{shown}/contact", new { jobId = othersJob });
        var withoutJob = await employer.Client.PostAsJsonAsync($"/api/candidates/{shown}/contact", new { message = "Xin chào" });

        Assert.Equal(HttpStatusCode.NotFound, toHidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, aboutOthersJob.StatusCode);
        await Problems.AssertFieldErrorAsync(withoutJob, "jobId");
    }

    /// <summary>The worker's phone, in any of its written forms, is in none of the bodies.</summary>
    private static void AssertNoPhone(IEnumerable<string> bodies, string phone)
    {
        foreach (var body in bodies)
        {
            Assert.DoesNotContain(phone[1..], body, StringComparison.Ordinal);
        }
    }
}
