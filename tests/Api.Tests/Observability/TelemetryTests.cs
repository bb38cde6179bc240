using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DongNai.Api.Tests.Observability;

/// <summary>
/// The service's own spans and metrics: a search is a span with its kind, counts and requestId,
/// whose engine calls are its children; no span holds the query text; a write's drain, a rebuild
/// job and the metrics Prometheus scrapes show what happened, with their counts.
/// </summary>
public sealed class TelemetryTests(ObservedApi api) : IClassFixture<ObservedApi>
{
    private const string Title = "Phòng trọ gần KCN Amata, có gác lửng";

    [Fact]
    public async Task Search_IsASpanWithItsKindCountsAndRequestId_WithTheEngineCallsAsItsChildren()
    {
        await RentalSearchableAsync();
        var trace = TraceParent.New();
        var q = "gác lửng";

        var response = await api.Host.CreateClient().SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Get, "/api/search/rentals?q=" + Uri.EscapeDataString(q))));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var spans = api.Spans.OfTrace(trace.TraceId);
        var search = Assert.Single(spans, span => span.OperationName == "search");
        Assert.Equal("rentals", search.GetTagItem("dongnai.listing.kind"));
        Assert.Equal(body.GetProperty("total").GetInt32(), Convert.ToInt32(search.GetTagItem("dongnai.search.total"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(body.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(body.GetProperty("hits").GetArrayLength(), search.GetTagItem("dongnai.search.returned"));
        Assert.Equal(0, search.GetTagItem("dongnai.search.relaxed_steps"));
        Assert.Equal(q.Length, search.GetTagItem("dongnai.search.query_length"));
        Assert.Equal(body.GetProperty("requestId").GetString(), search.GetTagItem("dongnai.search.request_id"));
        Assert.Contains(spans, span => span.OperationName == "lucene.search" && span.ParentSpanId == search.SpanId);
    }

    [Fact]
    public async Task Search_RecordsItsRelaxationSteps_WhenTheQueryFoundNothingAsTyped()
    {
        await RentalSearchableAsync();
        var trace = TraceParent.New();

        var response = await api.Host.CreateClient().SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Get, "/api/search/rentals?q=" + Uri.EscapeDataString("gác lửng qqzzxxww"))));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var steps = body.GetProperty("relaxed").EnumerateArray().Select(step => step.GetProperty("step").GetString()).ToList();
        Assert.NotEmpty(steps);
        var search = Assert.Single(api.Spans.OfTrace(trace.TraceId), span => span.OperationName == "search");
        Assert.Equal(steps.Count, search.GetTagItem("dongnai.search.relaxed_steps"));
        Assert.Equal(string.Join(',', steps), search.GetTagItem("dongnai.search.relaxations"));
    }

    [Fact]
    public async Task Spans_HoldNoQueryText_WhenTheQueryCarriesAPhoneNumber()
    {
        var trace = TraceParent.New();
        var q = "phòng trọ chủ nhà 0912345678";

        var response = await api.Host.CreateClient().SendAsync(trace.On(new HttpRequestMessage(HttpMethod.Get, "/api/search?q=" + Uri.EscapeDataString(q))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var spans = api.Spans.OfTrace(trace.TraceId);
        Assert.Contains(spans, span => span.OperationName == "search");
        Assert.Contains(spans, span => span.Kind == ActivityKind.Server);
        var values = spans.SelectMany(span => span.TagObjects.Select(tag => $"{span.OperationName} {tag.Key}={tag.Value}")).ToList();
        Assert.DoesNotContain(values, value => value.Contains("0912345678", StringComparison.Ordinal) || value.Contains("ph%C3%B2ng", StringComparison.OrdinalIgnoreCase) || value.Contains("phòng", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drain_IsASpanWithItsCounts_AfterAWrite()
    {
        var owner = await ApiFactory.SignUpAsync(api.Host);

        var created = await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var upsert = await api.SpanAsync(
            span => span.OperationName == "lucene.upsert" && Convert.ToInt32(span.GetTagItem("dongnai.indexing.documents"), System.Globalization.CultureInfo.InvariantCulture) >= 1,
            "an upsert into the engine");
        // A parent ends after its children: wait for each.
        var batch = await api.SpanAsync(span => span.SpanId == upsert.ParentSpanId, "the upsert's batch");
        Assert.Equal("indexing.batch", batch.OperationName);
        Assert.True(Convert.ToInt32(batch.GetTagItem("dongnai.indexing.read"), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var drain = await api.SpanAsync(span => span.SpanId == batch.ParentSpanId, "the batch's drain");
        Assert.Equal("indexing.drain", drain.OperationName);
        Assert.True(Convert.ToInt32(drain.GetTagItem("dongnai.indexing.applied"), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public async Task RebuildJob_IsASpanAndAMetricWithItsOutcome()
    {
        var admin = await AdminAsync();

        var enqueued = await admin.PostAsync(new Uri("/api/admin/search/rebuild", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, enqueued.StatusCode);
        var jobId = (await enqueued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        var job = await api.SpanAsync(span => span.OperationName == "IndexRebuildJob.RunAsync" && (string?)span.GetTagItem("dongnai.job.id") == jobId, "the rebuild job");
        Assert.Equal("succeeded", job.GetTagItem("dongnai.job.outcome"));
        Assert.Contains(api.Spans.OfTrace(job.TraceId.ToHexString()), span => span.OperationName == "indexing.rebuild" && span.ParentSpanId == job.SpanId);
        var metrics = await api.ScrapeAsync();
        Assert.True(ObservedApi.Sample(metrics, "dongnai_jobs_duration_seconds_count", "dongnai_job_type=IndexRebuildJob.RunAsync", "dongnai_job_outcome=succeeded") >= 1, metrics);
    }

    [Fact]
    public async Task Metrics_CountASearchInTheSearchHistogram()
    {
        var before = ObservedApi.Sample(await api.ScrapeAsync(), "dongnai_search_duration_seconds_count", "dongnai_search_operation=search", "dongnai_listing_kind=jobs");

        var response = await api.Host.CreateClient().GetAsync(new Uri("/api/search/jobs?q=may", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await api.ScrapeAsync();
        var after = ObservedApi.Sample(metrics, "dongnai_search_duration_seconds_count", "dongnai_search_operation=search", "dongnai_listing_kind=jobs");
        Assert.True(after >= before + 1, $"before {before}, after {after}");
        Assert.True(ObservedApi.Sample(metrics, "dongnai_search_hits_count", "dongnai_search_operation=search", "dongnai_listing_kind=jobs") >= 1, metrics);
    }

    /// <summary>Creates a rental and waits until a search finds it.</summary>
    private async Task RentalSearchableAsync()
    {
        var owner = await ApiFactory.SignUpAsync(api.Host);
        (await owner.Client.PostAsJsonAsync("/api/rentals", ListingPayloads.Rental())).EnsureSuccessStatusCode();
        var client = api.Host.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetFromJsonAsync<JsonElement>("/api/search/rentals?q=" + Uri.EscapeDataString(Title))).GetProperty("total").GetInt32() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The rental never became searchable.");
            await Task.Delay(100);
        }
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = api.Host.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/accounts/sign-in", new { phone = ApiFactory.AdminPhone, password = "QuanTri@2026" });
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
