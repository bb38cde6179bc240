using System.Diagnostics;
using System.Net.Http.Headers;
using DongNai.Api.Client;

namespace DongNai.Api.Tests.Contract;

/// <summary>
/// The API called only through the client generated from the committed snapshot: what the
/// document leaves out, these tests cannot call, and what it states wrongly fails here.
/// </summary>
public sealed class GeneratedClientTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Register_SignIn_AndMe_RoundTripThroughTheDocumentedOperations()
    {
        var phone = ApiFactory.NewPhone();
        var anonymous = new DongNaiApiClient(factory.CreateClient());

        var registered = await anonymous.RegisterAsync(new RegisterRequest { Phone = phone, Password = "matkhau123", DisplayName = "Nguyễn Thị Hoa" });
        var signedIn = await anonymous.SignInAsync(new SignInRequest { Phone = phone, Password = "matkhau123" });
        var me = await SignedIn(signedIn.AccessToken).GetMeAsync();

        Assert.Equal("worker", registered.Role);
        Assert.Equal(registered.AccountId, signedIn.AccountId);
        Assert.Equal(registered.AccountId, me.AccountId);
        Assert.Equal("+84" + phone[1..], me.Phone);
        Assert.Equal("Nguyễn Thị Hoa", me.DisplayName);
        Assert.False(me.IdentityVerified);
    }

    [Fact]
    public async Task SignIn_FailsWithTheDocumentedStatus_WhenThePasswordIsWrong()
    {
        var phone = ApiFactory.NewPhone();
        var client = new DongNaiApiClient(factory.CreateClient());
        await client.RegisterAsync(new RegisterRequest { Phone = phone, Password = "matkhau123", DisplayName = "Nguyễn Thị Hoa" });

        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => client.SignInAsync(new SignInRequest { Phone = phone, Password = "saimatkhau1" }));

        Assert.Equal(401, refused.StatusCode);
    }

    [Fact]
    public async Task CreateRental_ThenGetRental_ReturnsWhatWasSent()
    {
        var owner = await SignUpAsync();

        var created = await owner.CreateRentalAsync(Rental("Phòng trọ có gác lửng gần KCN Amata"));
        var read = await new DongNaiApiClient(factory.CreateClient()).GetRentalAsync(created.Id);

        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Phòng trọ có gác lửng gần KCN Amata", read.Title);
        Assert.Equal(RentalType.Room, read.RentalType);
        Assert.Equal(1_800_000, read.PriceVnd);
        Assert.Equal(20, read.AreaM2);
        Assert.Equal(["loft", "privateBathroom", "wifi"], read.Amenities.Order(StringComparer.Ordinal));
        Assert.Equal(ApiFactory.Start, read.UpdatedAt);
    }

    [Fact]
    public async Task GetRental_FailsWith404_WhenTheIdIsUnknown()
    {
        var client = new DongNaiApiClient(factory.CreateClient());

        var missing = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetRentalAsync(987_654_321));

        Assert.Equal(404, missing.StatusCode);
    }

    /// <summary>
    /// Today's document gives the kind search no query parameters, so the client can only ask for
    /// a whole kind; once the lead documents each kind's filters this test should search by them.
    /// </summary>
    [Fact]
    public async Task SearchKind_FindsANewRental_AndCountsItInTheFacets()
    {
        var owner = await SignUpAsync();
        var created = await owner.CreateRentalAsync(Rental("Phòng trọ mới xây khu Long Bình"));

        var page = await PollAsync(() => new DongNaiApiClient(factory.CreateClient()).SearchKindAsync("rentals"), page => page.Hits.Any(hit => hit.Id == created.Id));

        var hit = page.Hits.Single(hit => hit.Id == created.Id);
        Assert.Equal("rentals", hit.Kind);
        Assert.Equal(1_800_000, hit.PriceVnd);
        Assert.Null(hit.SalaryMinVnd);
        Assert.Contains(page.Facets.Values.SelectMany(counts => counts), count => count.Value == "room" && count.Count >= 1);
    }

    [Fact]
    public async Task SearchAll_FindsANewRental_AmongTheKinds()
    {
        var owner = await SignUpAsync();
        var created = await owner.CreateRentalAsync(Rental("Phòng trọ giá rẻ gần chợ Hố Nai"));

        var page = await PollAsync(() => new DongNaiApiClient(factory.CreateClient()).SearchAllAsync(), page => page.Hits.Any(hit => hit.Id == created.Id));

        Assert.Contains(page.Hits, hit => hit.Id == created.Id && hit.Kind == "rentals");
        Assert.True(page.Total >= 1);
        Assert.False(string.IsNullOrEmpty(page.RequestId));
    }

    [Fact]
    public async Task Related_FindsTheSimilarRental_NeverTheListingItself()
    {
        var owner = await SignUpAsync();
        var first = await owner.CreateRentalAsync(Rental("Cho thuê phòng trọ sinh viên công nhân Tam Hiệp có máy lạnh"));
        var twin = await owner.CreateRentalAsync(Rental("Cho thuê phòng trọ công nhân Tam Hiệp có máy lạnh giá tốt"));
        var client = new DongNaiApiClient(factory.CreateClient());
        await PollAsync(() => client.SearchKindAsync("rentals"), page => page.Hits.Any(hit => hit.Id == twin.Id) && page.Hits.Any(hit => hit.Id == first.Id));

        var related = await client.RelatedAsync("rentals", first.Id, size: 5);

        Assert.Contains(related, hit => hit.Id == twin.Id);
        Assert.DoesNotContain(related, hit => hit.Id == first.Id);
    }

    /// <summary>
    /// Today's document declares no parameter for <c>GET /api/suggest</c>, so the generated
    /// <c>SuggestAsync()</c> cannot send the prefix and the API answers with its documented 400
    /// naming <c>q</c>. This is issue 18's gap, seen from a client; when <c>q</c> is documented this
    /// stops compiling and becomes a test of the suggestions themselves.
    /// </summary>
    [Fact]
    public async Task Suggest_CannotSendAPrefix_BecauseTheDocumentDeclaresNone()
    {
        var client = new DongNaiApiClient(factory.CreateClient());

        var refused = await Assert.ThrowsAsync<ApiException<HttpValidationProblemDetails>>(() => client.SuggestAsync());

        Assert.Equal(400, refused.StatusCode);
        Assert.Contains("q", refused.Result.Errors!.Keys);
    }

    private DongNaiApiClient SignedIn(string accessToken)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new DongNaiApiClient(http);
    }

    private async Task<DongNaiApiClient> SignUpAsync()
    {
        var token = await new DongNaiApiClient(factory.CreateClient())
            .RegisterAsync(new RegisterRequest { Phone = ApiFactory.NewPhone(), Password = "matkhau123", DisplayName = "Trần Văn Nam" });
        return SignedIn(token.AccessToken);
    }

    private static RentalRequest Rental(string title) => new()
    {
        Title = title,
        Description = "Phòng 20m², có gác lửng, nhà vệ sinh riêng, giờ giấc tự do.",
        RentalType = RentalType.Room,
        PriceVnd = 1_800_000,
        DepositVnd = 1_800_000,
        AreaM2 = 20,
        MaxOccupants = 3,
        Amenities = ["loft", "privateBathroom", "wifi"],
        Latitude = ListingPayloads.AmataLatitude + 0.01,
        Longitude = ListingPayloads.AmataLongitude + 0.01,
        PhotoUrls = ["https://example.vn/anh/phong-1.jpg"],
    };

    /// <summary>
    /// Asks again until the answer shows the write (the outbox drain makes it searchable on its own).
    /// The deadline only bounds a hung test; how fast is measured in bench/.
    /// </summary>
    private static async Task<T> PollAsync<T>(Func<Task<T>> ask, Func<T, bool> accept)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await ask();
            if (accept(answer) || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return answer;
            }

            await Task.Delay(25);
        }
    }
}
