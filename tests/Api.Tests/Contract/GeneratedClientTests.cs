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
    public async Task Refresh_ChangePassword_AndSignOut_RoundTripThroughTheDocumentedOperations()
    {
        var phone = ApiFactory.NewPhone();
        var anonymous = new DongNaiApiClient(factory.CreateClient());
        var registered = await anonymous.RegisterAsync(new RegisterRequest { Phone = phone, Password = "matkhau123", DisplayName = "Nguyễn Thị Hoa" });

        var refreshed = await anonymous.RefreshTokensAsync(new RefreshRequest { RefreshToken = registered.RefreshToken });
        var changed = await SignedIn(refreshed.AccessToken).ChangePasswordAsync(new PasswordRequest { CurrentPassword = "matkhau123", NewPassword = "matkhaumoi456" });
        await anonymous.SignOutAsync(new RefreshRequest { RefreshToken = changed.RefreshToken });
        var afterSignOut = await Assert.ThrowsAnyAsync<ApiException>(() => anonymous.RefreshTokensAsync(new RefreshRequest { RefreshToken = changed.RefreshToken }));

        Assert.Equal(registered.AccountId, refreshed.AccountId);
        Assert.NotEqual(registered.RefreshToken, refreshed.RefreshToken);
        Assert.True(refreshed.RefreshTokenExpiresAt > refreshed.ExpiresAt);
        Assert.Equal(registered.AccountId, changed.AccountId);
        Assert.Equal(401, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_MakesTheAccessTokenFailWithTheDocumentedStatus()
    {
        var client = await SignUpAsync();

        await client.SignOutEverywhereAsync();
        var refused = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetMeAsync());

        Assert.Equal(401, refused.StatusCode);
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
        Assert.Equal(new HashSet<RentalAmenities> { RentalAmenities.Loft, RentalAmenities.PrivateBathroom, RentalAmenities.Wifi }, read.Amenities.ToHashSet());
        Assert.Equal(ApiFactory.Start, read.UpdatedAt);
    }

    [Fact]
    public async Task GetRental_FailsWith404_WhenTheIdIsUnknown()
    {
        var client = new DongNaiApiClient(factory.CreateClient());

        var missing = await Assert.ThrowsAnyAsync<ApiException>(() => client.GetRentalAsync(987_654_321));

        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task SearchRentals_FiltersByTheDocumentedTypedParameters_AndCountsFacets()
    {
        var owner = await SignUpAsync();
        var created = await owner.CreateRentalAsync(Rental("Phòng trọ mới xây khu Long Bình"));
        var client = new DongNaiApiClient(factory.CreateClient());

        var page = await PollAsync(
            () => client.SearchRentalsAsync(
                rentalType: [RentalType.Room],
                amenities: [RentalAmenities.Loft],
                maxPrice: 2_000_000,
                minArea: 15,
                lat: ListingPayloads.AmataLatitude,
                lon: ListingPayloads.AmataLongitude,
                radiusKm: 3,
                sort: SearchSort.Distance),
            page => page.Hits.Any(hit => hit.Id == created.Id));
        var excluded = await client.SearchRentalsAsync(rentalType: [RentalType.Dormitory], amenities: [RentalAmenities.Loft]);

        var hit = page.Hits.Single(hit => hit.Id == created.Id);
        Assert.Equal("rentals", hit.Kind);
        Assert.Equal(1_800_000, hit.PriceVnd);
        Assert.NotNull(hit.DistanceKm);
        Assert.Null(hit.SalaryMinVnd);
        Assert.Contains(page.Facets["rentalType"], count => count.Value == "room" && count.Count >= 1);
        Assert.DoesNotContain(excluded.Hits, h => h.Id == created.Id);
    }

    [Fact]
    public async Task SearchRentals_SaysWhatItUnderstoodInTheText()
    {
        var owner = await SignUpAsync();
        var created = await owner.CreateRentalAsync(Rental("Phòng khép kín mới xây gần khu công nghiệp"));
        var client = new DongNaiApiClient(factory.CreateClient());

        var page = await PollAsync(() => client.SearchRentalsAsync(q: "phòng dưới 2 triệu gần KCN Amata"), page => page.Hits.Any(hit => hit.Id == created.Id));
        var literal = await client.SearchRentalsAsync(q: "phòng dưới 2 triệu gần KCN Amata", understand: false);

        Assert.Contains(page.Hits, hit => hit.Id == created.Id);
        var understood = page.Understood!;
        var money = Assert.Single(understood.Parts, part => part.Field == "money");
        Assert.Equal(2_000_000, money.MaxVnd);
        var place = Assert.Single(understood.Parts, part => part.Field == "place");
        Assert.Equal("amata", place.Place!.Code);
        Assert.Null(literal.Understood);
        Assert.NotEmpty(literal.Relaxed!); // as text, the words match nothing until some are left out
    }

    [Fact]
    public async Task SearchAll_FindsANewRental_AmongTheKinds()
    {
        var owner = await SignUpAsync();
        var created = await owner.CreateRentalAsync(Rental("Phòng trọ giá rẻ gần chợ Hố Nai"));

        var page = await PollAsync(() => new DongNaiApiClient(factory.CreateClient()).SearchAllAsync(q: "hố nai", size: 50), page => page.Hits.Any(hit => hit.Id == created.Id));

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
        await PollAsync(() => client.SearchRentalsAsync(size: 100), page => page.Hits.Any(hit => hit.Id == twin.Id) && page.Hits.Any(hit => hit.Id == first.Id));

        var related = await client.RelatedAsync(first.Id, ListingKindSlug.Rentals, size: 5);

        Assert.Contains(related, hit => hit.Id == twin.Id);
        Assert.DoesNotContain(related, hit => hit.Id == first.Id);
    }

    [Fact]
    public async Task Suggest_CompletesAPrefix_FromANewListing()
    {
        var owner = await SignUpAsync();
        await owner.CreateRentalAsync(Rental("Nhà nguyên căn Thống Nhất cho thuê"));
        var client = new DongNaiApiClient(factory.CreateClient());

        var suggestions = await PollAsync(() => client.SuggestAsync("nha nguyen can thong", ListingKindSlug.Rentals), s => s.Count > 0);

        Assert.Contains(suggestions, s => s.Text.Contains("Thống Nhất", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Suggest_FailsWithTheDocumentedValidationProblem_ForAnOverlongPrefix()
    {
        var client = new DongNaiApiClient(factory.CreateClient());

        var refused = await Assert.ThrowsAsync<ApiException<HttpValidationProblemDetails>>(() => client.SuggestAsync(new string('a', 101)));

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
        Amenities = [RentalAmenities.Loft, RentalAmenities.PrivateBathroom, RentalAmenities.Wifi],
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
