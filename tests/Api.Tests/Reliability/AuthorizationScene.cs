using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongNai.Api.Tests.Identity;
using DongNai.Domain.Listings;
using DongNai.Domain.Messaging;
using DongNai.Domain.Outbox;
using DongNai.Domain.People;
using DongNai.Payments.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace DongNai.Api.Tests.Reliability;

/// <summary>The six callers of the authorisation matrix.</summary>
public enum Caller
{
    Anonymous,

    /// <summary>The account that owns the operation's resource; a worker where the operation has none (see <see cref="AuthorizationScene.OwnerOf"/>).</summary>
    Owner,

    /// <summary>A worker who owns nothing the operation concerns.</summary>
    OtherWorker,

    /// <summary>An employer with a company of its own, never the owner of the resource.</summary>
    Employer,

    /// <summary>Agency staff, never the owner of the resource.</summary>
    AgencyStaff,

    /// <summary>An admin with a company of its own, never the owner of the resource.</summary>
    Admin,
}

/// <summary>What an operation of the matrix concerns: the resource whose id fills the path, created afresh for each case.</summary>
public enum Target
{
    None,
    Job,
    Rental,
    Classified,
    Voucher,
    BusRoute,
    News,

    /// <summary>A company (employer).</summary>
    Employer,

    /// <summary>Another person's account (an admin changes its role).</summary>
    Account,

    /// <summary>An indexing dead letter (an admin retries it).</summary>
    DeadLetter,

    /// <summary>A claim of a free voucher, held by the worker.</summary>
    VoucherClaim,

    /// <summary>A claim of a free voucher held by the worker, as the voucher's owner (the shop) redeems it: its code is in <see cref="AuthorizationScene.RedemptionCodes"/>.</summary>
    Redemption,

    /// <summary>The pending order of the worker's claim of a priced voucher.</summary>
    Order,

    /// <summary>The paid order of the worker's claim of a priced voucher.</summary>
    PaidOrder,

    /// <summary>A conversation of the owner with a new person.</summary>
    Conversation,

    /// <summary>A picture the owner sent in a conversation with a new person.</summary>
    ImageMessage,

    /// <summary>An item of the owner's inbox.</summary>
    Notification,

    /// <summary>A device the owner registered for pushes.</summary>
    PushDevice,

    /// <summary>A verification submission of another person, waiting for review.</summary>
    VerificationSubmission,

    /// <summary>A discoverable CV of the worker.</summary>
    Cv,

    /// <summary>The worker's application to a new job of the owner employer, who is its owner here (the one who sees and moves it).</summary>
    Application,

    /// <summary>A catalogue entry taking birth registrations, written by agency staff.</summary>
    PublicService,

    /// <summary>A birth registration the verified applicant submitted, received (its tracking code fills the path).</summary>
    PublicServiceApplication,

    /// <summary>A PDF attached to such an application.</summary>
    PublicServiceAttachment,

    /// <summary>A birth registration with a fee, whose first fee order the applicant cancelled unpaid: a new fee order may be made (its tracking code fills the path).</summary>
    UnpaidFeeApplication,

    /// <summary>A feedback report of the owner (the worker), waiting for moderation.</summary>
    PendingFeedbackReport,

    /// <summary>An approved feedback report of the owner (the worker), routed to Sở Xây dựng, whose staff <see cref="AuthorizationScene.AgencyStaff"/> is.</summary>
    PublicFeedbackReport,

    /// <summary>The photo of an approved feedback report.</summary>
    FeedbackPhoto,

    /// <summary>A new agency staff account (an admin assigns it to a unit).</summary>
    StaffAccount,

    /// <summary>A pending request of the owner employer to contact the worker about one of its jobs, on a new CV of the worker: the worker is its owner here (the one who decides).</summary>
    ContactRequest,

    /// <summary>A personal QR code of the worker sharing its display name: its token is in <see cref="AuthorizationScene.PersonalQrTokens"/>.</summary>
    PersonalQr,
}

/// <summary>
/// The service and its accounts for <see cref="AuthorizationMatrixTests"/>: one signed-in client per
/// caller, plus the owners of resources whose kind a worker may not create (an employer for jobs,
/// vouchers and companies, agency staff for bus routes), so that "another employer" and "other
/// agency staff" are tested as the non-owners they are. Cases run one after another in the class.
/// </summary>
public sealed class AuthorizationScene : IAsyncLifetime
{
    /// <summary>The password of every account of the scene (ApiFactory's).</summary>
    public const string Password = "matkhau123";

    /// <summary>The username of <see cref="Partner"/>, whom any caller may find and write to.</summary>
    public const string PartnerUsername = "matrix.partner";

    /// <summary>A 1×1 PNG, base64.</summary>
    public const string TinyPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static int s_usernames;

    private static int s_taxCodes;

    public ApiFactory Factory { get; } = new();

    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The worker who is <see cref="Caller.Owner"/> of rentals, classifieds and of operations without a resource.</summary>
    public SignedInClient Worker { get; private set; } = null!;

    public SignedInClient OtherWorker { get; private set; } = null!;

    public SignedInClient Employer { get; private set; } = null!;

    public SignedInClient AgencyStaff { get; private set; } = null!;

    public SignedInClient Admin { get; private set; } = null!;

    /// <summary>The employer that owns the jobs, vouchers and companies of the cases.</summary>
    public SignedInClient OwnerEmployer { get; private set; } = null!;

    /// <summary>The agency staff that owns the bus routes of the cases.</summary>
    public SignedInClient OwnerAgencyStaff { get; private set; } = null!;

    /// <summary>A worker with the username <see cref="PartnerUsername"/>, never a caller.</summary>
    public SignedInClient Partner { get; private set; } = null!;

    /// <summary>A worker whose identity is verified: the applicant of the public-service applications.</summary>
    public SignedInClient Applicant { get; private set; } = null!;

    /// <summary>A commune code of the catalogue, for applications.</summary>
    public string Commune { get; private set; } = null!;

    /// <summary>The company of each account that has one, by account id.</summary>
    public Dictionary<long, long> Companies { get; } = [];

    /// <summary>The CV of each verified worker (the worker and the other worker), by account id.</summary>
    public Dictionary<long, long> CvIds { get; } = [];

    /// <summary>The redemption code of each claim the scene made, by claim id.</summary>
    public Dictionary<long, string> RedemptionCodes { get; } = [];

    /// <summary>A job of each account that has a company (employers and the admin), by account id: what they contact candidates about.</summary>
    public Dictionary<long, long> Jobs { get; } = [];

    /// <summary>The token of each personal QR code the scene made, by code id.</summary>
    public Dictionary<long, string> PersonalQrTokens { get; } = [];

    /// <summary>An approved feedback report of <see cref="Partner"/>, which a pending report may be merged into.</summary>
    public long ApprovedFeedbackReportId { get; private set; }

    public async Task InitializeAsync()
    {
        Anonymous = Factory.CreateClient();
        Worker = await Factory.SignUpAsync();
        OtherWorker = await Factory.SignUpAsync();
        Employer = await Factory.SignUpAsync("employer");
        OwnerEmployer = await Factory.SignUpAsync("employer");
        AgencyStaff = await Factory.SignUpAsAsync(Role.AgencyStaff);
        OwnerAgencyStaff = await Factory.SignUpAsAsync(Role.AgencyStaff);
        Admin = await Factory.SignUpAsAsync(Role.Admin);
        Partner = await Factory.SignUpAsync();
        await SetUsernameAsync(Partner, PartnerUsername);
        Applicant = await Factory.SignUpAsync();
        await Civic.PublicServices.PublicServiceRequests.VerifyAsync(Factory, Applicant);
        Commune = await Civic.PublicServices.PublicServiceRequests.CommuneAsync(Factory);
        foreach (var account in (SignedInClient[])[Employer, OwnerEmployer, Admin])
        {
            Companies[account.AccountId] = await CreateCompanyAsync(account);
            Jobs[account.AccountId] = await CreateListingAsync(account, Target.Job, ListingPayloads.Job(Companies[account.AccountId]));
        }

        // CVs take their identity fields from a verified card: both workers have one, and a CV.
        foreach (var worker in (SignedInClient[])[Worker, OtherWorker])
        {
            await VerifyAsync(worker);
            CvIds[worker.AccountId] = await CreateListingAsync(worker, Target.Cv, DongNai.Api.Tests.Cvs.CvRequests.Cv());
        }

        // The agency staff caller works for Sở Xây dựng, where road reports go: the unit desk's operations succeed for it.
        await Factory.WithDbAsync(async db =>
        {
            var unit = db.FeedbackUnits.Single(u => u.Code == "SXD");
            db.FeedbackStaffAssignments.Add(new Domain.Civic.Feedback.FeedbackStaffAssignment { AccountId = AgencyStaff.AccountId, UnitId = unit.Id });
            return await db.SaveChangesAsync();
        });
        ApprovedFeedbackReportId = await CreateFeedbackReportAsync(Partner, approve: true);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The account that owns resources of <paramref name="target"/>: the worker unless workers may not create them.</summary>
    public SignedInClient OwnerOf(Target target) => target switch
    {
        Target.Job or Target.Voucher or Target.Employer or Target.Redemption or Target.Application => OwnerEmployer,
        Target.BusRoute or Target.PublicService or Target.News => OwnerAgencyStaff,
        Target.PublicServiceApplication or Target.PublicServiceAttachment or Target.UnpaidFeeApplication => Applicant,
        _ => Worker,
    };

    /// <summary>The signed-in account of <paramref name="caller"/> for an operation on <paramref name="target"/>; null for anonymous.</summary>
    public SignedInClient? AccountOf(Caller caller, Target target) => caller switch
    {
        Caller.Anonymous => null,
        Caller.Owner => OwnerOf(target),
        Caller.OtherWorker => OtherWorker,
        Caller.Employer => Employer,
        Caller.AgencyStaff => AgencyStaff,
        Caller.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    /// <summary>
    /// A new account in the role <paramref name="caller"/> has on <paramref name="target"/>, for an
    /// operation that changes the caller's own account (its password, its sessions) and would
    /// otherwise spoil the shared accounts for the cases after it.
    /// </summary>
    public async Task<SignedInClient?> FreshAccountOfAsync(Caller caller, Target target)
    {
        if (caller == Caller.Anonymous)
        {
            return null;
        }

        var role = await Factory.WithDbAsync(async db => (await db.Accounts.FindAsync(AccountOf(caller, target)!.AccountId))!.Role);
        var account = role is Role.Worker or Role.Employer
            ? await Factory.SignUpAsync(role == Role.Worker ? "worker" : "employer")
            : await Factory.SignUpAsAsync(role);
        if (Companies.TryGetValue(AccountOf(caller, target)!.AccountId, out _))
        {
            Companies[account.AccountId] = await CreateCompanyAsync(account);
        }

        return account;
    }

    /// <summary>Creates a resource of <paramref name="target"/> owned by <see cref="OwnerOf"/> and returns the id that fills the path.</summary>
    public async Task<long?> CreateAsync(Target target)
    {
        var owner = OwnerOf(target);
        return target switch
        {
            Target.None => null,
            Target.Job => await CreateListingAsync(owner, target, ListingPayloads.Job(Companies[owner.AccountId])),
            Target.Rental => await CreateListingAsync(owner, target, ListingPayloads.Rental()),
            Target.Classified => await CreateListingAsync(owner, target, ListingPayloads.Classified()),
            Target.Voucher => await CreateListingAsync(owner, target, ListingPayloads.Voucher()),
            Target.BusRoute => await CreateListingAsync(owner, target, ListingPayloads.BusRoute()),
            Target.News => await CreateListingAsync(owner, target, ListingPayloads.News()),
            Target.Employer => Companies[owner.AccountId],
            Target.Account => (await Factory.SignUpAsync()).AccountId,
            Target.DeadLetter => await CreateDeadLetterAsync(),
            Target.VoucherClaim or Target.Redemption => (await CreateClaimAsync(priceVnd: 0)).GetProperty("id").GetInt64(),
            Target.Order => (await CreateClaimAsync(priceVnd: 20_000)).GetProperty("order").GetProperty("id").GetInt64(),
            Target.PaidOrder => await CreatePaidOrderAsync(),
            Target.Conversation => await CreateConversationAsync(owner),
            Target.ImageMessage => await CreateImageMessageAsync(owner),
            Target.Notification => await CreateNotificationAsync(owner),
            Target.PushDevice => await CreatePushDeviceAsync(owner),
            Target.VerificationSubmission => await CreateSubmissionAsync(),
            Target.Cv => await CreateListingAsync(owner, target, DongNai.Api.Tests.Cvs.CvRequests.Cv()),
            Target.Application => await CreateApplicationAsync(),

            Target.PublicService => await CreateListingAsync(owner, target, Civic.PublicServices.PublicServiceRequests.Service()),
            Target.PublicServiceApplication => await CreatePublicServiceApplicationAsync(),
            Target.PublicServiceAttachment => await CreateAttachmentAsync(),
            Target.UnpaidFeeApplication => await CreateUnpaidFeeApplicationAsync(),

            Target.PendingFeedbackReport => await CreateFeedbackReportAsync(owner, approve: false),
            Target.PublicFeedbackReport => await CreateFeedbackReportAsync(owner, approve: true),
            Target.FeedbackPhoto => await CreateFeedbackPhotoAsync(owner),
            Target.StaffAccount => (await Factory.SignUpAsAsync(Role.AgencyStaff)).AccountId,
            Target.PersonalQr => await CreatePersonalQrAsync(owner),
            Target.ContactRequest => await CreateContactRequestAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
    }

    /// <summary>A company body with a tax code no other company has.</summary>
    public static JsonObject Company() => new()
    {
        ["name"] = "Công ty TNHH May Mặc Đồng Nai",
        ["taxCode"] = (3_600_000_000L + Interlocked.Increment(ref s_taxCodes)).ToString(CultureInfo.InvariantCulture),
        ["industrialParkCode"] = null,
    };

    private static async Task<long> CreateCompanyAsync(SignedInClient account)
    {
        var response = await account.Client.PostAsJsonAsync("/api/employers", Company());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The listing kind of <paramref name="target"/>, or null for a target that is not a listing.</summary>
    public static ListingKind? KindOf(Target target) => target switch
    {
        Target.Job => ListingKind.Job,
        Target.Rental => ListingKind.Rental,
        Target.Classified => ListingKind.Classified,
        Target.Voucher => ListingKind.Voucher,
        Target.BusRoute => ListingKind.BusRoute,
        Target.News => ListingKind.News,
        Target.Cv => ListingKind.Cv,

        Target.PublicService => ListingKind.PublicService,
        _ => null,
    };

    private static async Task<long> CreateListingAsync(SignedInClient owner, Target target, JsonObject body)
    {
        var slug = ListingKinds.Get(KindOf(target)!.Value).Slug;
        var response = await owner.Client.PostAsJsonAsync($"/api/{slug}", body);
        Assert.True(response.IsSuccessStatusCode, $"Arrange: creating {slug} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The worker claims a new voucher of the owner employer; returns the claim as the API answered it.</summary>
    private async Task<JsonElement> CreateClaimAsync(long priceVnd)
    {
        var voucher = ListingPayloads.Voucher();
        voucher["priceVnd"] = priceVnd;
        var voucherId = await CreateListingAsync(OwnerEmployer, Target.Voucher, voucher);
        var response = await Worker.Client.PostAsync($"/api/vouchers/{voucherId}/claims", null);
        Assert.True(response.IsSuccessStatusCode, $"Arrange: claiming voucher {voucherId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var claim = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (claim.GetProperty("redemptionCode").GetString() is { } code)
        {
            RedemptionCodes[claim.GetProperty("id").GetInt64()] = code;
        }

        return claim;
    }

    /// <summary>A priced claim's order, paid as a gateway's verified callback pays it.</summary>
    private async Task<long> CreatePaidOrderAsync()
    {
        var orderId = (await CreateClaimAsync(priceVnd: 20_000)).GetProperty("order").GetProperty("id").GetInt64();
        await using var scope = Factory.Services.CreateAsyncScope();
        var confirmed = await scope.ServiceProvider.GetRequiredService<OrderWorkflow>()
            .ConfirmPaidAsync(orderId, 20_000, "vnpay", Guid.NewGuid().ToString("N"));
        Assert.Equal(PaymentConfirmation.Confirmed, confirmed);
        return orderId;
    }

    private static async Task SetUsernameAsync(SignedInClient account, string username)
    {
        var response = await account.Client.PutAsJsonAsync("/api/me/messaging", new { username, findableByPhone = false });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: setting a username answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A conversation of <paramref name="owner"/> with a person of its own, so that a block or a report of one case spoils no other.</summary>
    private async Task<long> CreateConversationAsync(SignedInClient owner)
    {
        var other = await Factory.SignUpAsync();
        var username = "scene.person" + Interlocked.Increment(ref s_usernames).ToString(CultureInfo.InvariantCulture);
        await SetUsernameAsync(other, username);
        var response = await owner.Client.PostAsJsonAsync("/api/conversations", new { username });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: starting a conversation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task<long> CreateContactRequestAsync()
    {
        var cv = await CreateListingAsync(Worker, Target.Cv, DongNai.Api.Tests.Cvs.CvRequests.Cv());
        var response = await OwnerEmployer.Client.PostAsJsonAsync($"/api/candidates/{cv}/contact", new { jobId = Jobs[OwnerEmployer.AccountId] });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: contacting a candidate answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private async Task<long> CreatePersonalQrAsync(SignedInClient owner)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/me/personal-qr", new { fields = new[] { "displayName" }, consent = true });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: making a personal QR code answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var code = await response.Content.ReadFromJsonAsync<JsonElement>();
        PersonalQrTokens[code.GetProperty("id").GetInt64()] = code.GetProperty("token").GetString()!;
        return code.GetProperty("id").GetInt64();
    }

    /// <summary>A road report of <paramref name="owner"/> with one photo; approved by <see cref="OwnerAgencyStaff"/> when <paramref name="approve"/>.</summary>
    private async Task<long> CreateFeedbackReportAsync(SignedInClient owner, bool approve)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/feedback/reports", FeedbackReport());
        Assert.True(response.IsSuccessStatusCode, $"Arrange: posting a report answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        if (approve)
        {
            var approved = await OwnerAgencyStaff.Client.PostAsync($"/api/feedback/moderation/{id}/approve", null);
            Assert.True(approved.IsSuccessStatusCode, $"Arrange: approving a report answered {(int)approved.StatusCode}: {await approved.Content.ReadAsStringAsync()}");
        }

        return id;
    }

    private async Task<long> CreateFeedbackPhotoAsync(SignedInClient owner)
    {
        var reportId = await CreateFeedbackReportAsync(owner, approve: true);
        return await Factory.WithDbAsync(db => Task.FromResult(db.FeedbackPhotos.Where(p => p.ReportId == reportId).Select(p => p.Id).Single()));
    }

    /// <summary>A valid road report in Phường Biên Hòa with one photo.</summary>
    public static JsonObject FeedbackReport() => new()
    {
        ["title"] = "Ổ gà lớn trên đường Đồng Khởi",
        ["text"] = "Ổ gà sâu giữa làn xe máy, nhiều người đã bị ngã.",
        ["category"] = "roads",
        ["communeCode"] = "26068",
        ["photos"] = new JsonArray(TinyPng),
    };

    private async Task<long> CreateImageMessageAsync(SignedInClient owner)
    {
        var conversation = await CreateConversationAsync(owner);
        var response = await owner.Client.PostAsJsonAsync($"/api/conversations/{conversation}/images", new { clientMessageId = Guid.NewGuid().ToString("N"), data = TinyPng });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: sending a picture answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<long> CreatePushDeviceAsync(SignedInClient owner)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/me/devices", new { token = "matrix-" + Guid.NewGuid().ToString("N"), platform = "android" });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: registering a device answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private Task<long> CreateNotificationAsync(SignedInClient owner) => Factory.WithDbAsync(async db =>
    {
        var notification = new Notification
        {
            AccountId = owner.AccountId,
            Type = NotificationType.PaymentResult,
            Title = "Thanh toán thành công",
            Body = "Đơn hàng của bạn đã được thanh toán.",
            CreatedAt = ApiFactory.Start.UtcDateTime,
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    });

    /// <summary>The worker applies with its CV to a new job of the owner employer.</summary>
    private async Task<long> CreateApplicationAsync()
    {
        var job = await CreateListingAsync(OwnerEmployer, Target.Job, ListingPayloads.Job(Companies[OwnerEmployer.AccountId]));
        var response = await Worker.Client.PostAsJsonAsync("/api/applications", new { jobId = job, cvId = CvIds[Worker.AccountId] });
        Assert.True(response.IsSuccessStatusCode, $"Arrange: applying answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Fills <paramref name="person"/>'s profile from a card and has agency staff approve it.</summary>
    private async Task VerifyAsync(SignedInClient person)
    {
        await IdentityRequests.FillAndSubmitAsync(person.Client);
        var submission = await IdentityRequests.SubmissionIdAsync(Factory, person.AccountId);
        (await AgencyStaff.Client.PostAsJsonAsync($"/api/identity/verification/{submission}/approve", new { reason = "Ảnh khớp với thẻ." })).EnsureSuccessStatusCode();
    }

    private async Task<long> CreateSubmissionAsync()
    {
        var person = await Factory.SignUpAsync();
        await IdentityRequests.FillAndSubmitAsync(person.Client);
        return await IdentityRequests.SubmissionIdAsync(Factory, person.AccountId);
    }

    /// <summary>The applicant's birth registration for a new catalogue entry of the owner agency staff; returns its tracking code.</summary>
    private async Task<long> CreatePublicServiceApplicationAsync()
    {
        var serviceId = await CreateListingAsync(OwnerAgencyStaff, Target.PublicService, Civic.PublicServices.PublicServiceRequests.Service());
        return await Civic.PublicServices.PublicServiceRequests.SubmitAsync(
            Applicant.Client, Civic.PublicServices.PublicServiceRequests.BirthRegistration(serviceId, Commune));
    }

    private async Task<long> CreateUnpaidFeeApplicationAsync()
    {
        var service = Civic.PublicServices.PublicServiceRequests.Service();
        service["feeVnd"] = 20_000;
        var serviceId = await CreateListingAsync(OwnerAgencyStaff, Target.PublicService, service);
        var response = await Applicant.Client.PostAsJsonAsync("/api/civic/applications", Civic.PublicServices.PublicServiceRequests.BirthRegistration(serviceId, Commune));
        Assert.True(response.IsSuccessStatusCode, $"Arrange: submitting answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var application = await response.Content.ReadFromJsonAsync<JsonElement>();
        await using var scope = Factory.Services.CreateAsyncScope();
        var cancelled = await scope.ServiceProvider.GetRequiredService<OrderWorkflow>()
            .CancelAsync(application.GetProperty("fee").GetProperty("orderId").GetInt64(), Applicant.AccountId, "The matrix's applicant gave up.");
        Assert.True(cancelled, "Arrange: the fee order was not cancelled.");
        return application.GetProperty("trackingCode").GetInt64();
    }

    private async Task<long> CreateAttachmentAsync()
    {
        var code = await CreatePublicServiceApplicationAsync();
        var response = await Applicant.Client.PostAsync(
            $"/api/civic/applications/{code}/attachments",
            Civic.PublicServices.PublicServiceRequests.File(Civic.PublicServices.PublicServiceRequests.Pdf(0x4D), "application/pdf"));
        Assert.True(response.IsSuccessStatusCode, $"Arrange: attaching answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attachments")[0].GetProperty("id").GetInt64();
    }

    private async Task<long> CreateDeadLetterAsync()
    {
        var listingId = await CreateListingAsync(Worker, Target.Rental, ListingPayloads.Rental());
        return await Factory.WithDbAsync(async db =>
        {
            var deadLetter = new IndexingDeadLetter
            {
                Kind = ListingKind.Rental,
                ListingId = listingId,
                Version = 1,
                Operation = OutboxOperation.Upsert,
                Attempts = 5,
                Error = "IOException: the matrix's own dead letter",
                DeadLetteredAt = ApiFactory.Start.UtcDateTime,
            };
            db.IndexingDeadLetters.Add(deadLetter);
            await db.SaveChangesAsync();
            return deadLetter.Id;
        });
    }
}
