using System.Globalization;
using System.Text.Json.Nodes;
using DongNai.Api.Tests.Identity;
using PublicServices = DongNai.Api.Tests.Civic.PublicServices.PublicServiceRequests;
using DongNai.Domain.People;

namespace DongNai.Api.Tests.Reliability;

/// <summary>Who may call an operation: the status each <see cref="Caller"/> gets, written once per policy.</summary>
public abstract record AccessPolicy(int Success)
{
    /// <summary>The status <paramref name="caller"/>, in <paramref name="role"/> (null when anonymous), must get from a valid request.</summary>
    public abstract int StatusFor(Caller caller, Role? role);
}

/// <summary>Everyone, signed in or not.</summary>
public sealed record Public(int Success) : AccessPolicy(Success)
{
    public override int StatusFor(Caller caller, Role? role) => Success;
}

/// <summary>Any signed-in account: 401 without a token.</summary>
public sealed record SignedIn(int Success) : AccessPolicy(Success)
{
    public override int StatusFor(Caller caller, Role? role) => caller == Caller.Anonymous ? 401 : Success;
}

/// <summary>The resource's owner alone, admins included among the others: 401 without a token, 403 for anyone else.</summary>
public sealed record OwnerOnly(int Success) : AccessPolicy(Success)
{
    public override int StatusFor(Caller caller, Role? role) => caller switch
    {
        Caller.Anonymous => 401,
        Caller.Owner => Success,
        _ => 403,
    };
}

/// <summary>The resource's participants alone (its owner here): 401 without a token, 404 for anyone else, as if it did not exist.</summary>
public sealed record ParticipantsOnly(int Success) : AccessPolicy(Success)
{
    public override int StatusFor(Caller caller, Role? role) => caller switch
    {
        Caller.Anonymous => 401,
        Caller.Owner => Success,
        _ => 404,
    };
}

/// <summary>Accounts in one of <paramref name="Roles"/>: 401 without a token, 403 in another role.</summary>
public sealed record InRoles(int Success, params Role[] Roles) : AccessPolicy(Success)
{
    public override int StatusFor(Caller caller, Role? role) =>
        role is not { } known ? 401 : Roles.Contains(known) ? Success : 403;
}

/// <summary>What one case sends: who calls, the id of the resource created for the case, and the scene.</summary>
/// <param name="Caller">Who calls.</param>
/// <param name="Account">The caller's account; null when anonymous.</param>
/// <param name="TargetId">The resource the path names; null when the operation has none.</param>
/// <param name="Scene">The service and its accounts.</param>
/// <param name="RefreshToken">An unused refresh token: the caller's own for a <see cref="MatrixRow.FreshCaller"/> row, a new account's when anonymous.</param>
public sealed record MatrixCall(Caller Caller, SignedInClient? Account, long? TargetId, AuthorizationScene Scene, string? RefreshToken = null)
{
    /// <summary>The caller's own company, or the owner employer's when the caller has none (a request it is refused anyway).</summary>
    public long CompanyId => Account is not null && Scene.Companies.TryGetValue(Account.AccountId, out var own)
        ? own
        : Scene.Companies[Scene.OwnerEmployer.AccountId];
}

/// <summary>
/// One row of the matrix: the policy, the resource the path names, and a valid request (body and
/// query), so that every answer is the authorisation decision and never a validation error.
/// <see cref="FreshCaller"/>: the caller acts through a new account of its role, for operations
/// that change the caller's own account (password, sessions) and would spoil the shared ones.
/// </summary>
public sealed record MatrixRow(AccessPolicy Policy, Target Target = Target.None, Func<MatrixCall, JsonNode?>? Body = null, string? Query = null)
{
    public bool FreshCaller { get; init; }

    /// <summary>A body that is not JSON (a multipart upload); used instead of <see cref="Body"/>.</summary>
    public Func<MatrixCall, HttpContent>? Content { get; init; }

    /// <summary>What the signed-in caller's account needs before the call (a CCCD card before a verification upload); not run for anonymous callers.</summary>
    public Func<MatrixCall, Task>? Arrange { get; init; }
}

/// <summary>
/// The authorisation matrix: every operation of the OpenAPI document by operationId, with who may
/// call it (read from the endpoint code: <c>RequireAuthorization</c>, the kinds' <c>CreatorRoles</c>,
/// the handlers' owner checks). <see cref="AuthorizationMatrixTests"/> fails for an operation
/// without a row, so a new endpoint needs one line here.
/// </summary>
public static class AuthorizationMatrix
{
    private static readonly AccessPolicy EmployerOrAdmin201 = new InRoles(201, Role.Employer, Role.Admin);

    private static readonly AccessPolicy EmployerOrAdmin200 = new InRoles(200, Role.Employer, Role.Admin);

    public static IReadOnlyDictionary<string, MatrixRow> Rows { get; } = new Dictionary<string, MatrixRow>(StringComparer.Ordinal)
    {
        // Accounts
        ["Register"] = new(new Public(201), Body: _ => Registration()),
        ["SignIn"] = new(new Public(200), Body: c => new JsonObject { ["phone"] = c.Scene.Worker.Phone, ["password"] = AuthorizationScene.Password }),
        ["GetMe"] = new(new SignedIn(200)),
        ["UpdateProfile"] = new(new SignedIn(200), Body: _ => new JsonObject { ["displayName"] = "Nguyễn Văn An", ["homeCommuneCode"] = null, ["industrialParkCode"] = null }) { FreshCaller = true },
        ["RefreshTokens"] = new(new Public(200), Body: c => new JsonObject { ["refreshToken"] = c.RefreshToken }) { FreshCaller = true },
        ["SignOut"] = new(new Public(204), Body: c => new JsonObject { ["refreshToken"] = c.RefreshToken }) { FreshCaller = true },
        ["SignOutEverywhere"] = new(new SignedIn(204)) { FreshCaller = true },
        ["ChangePassword"] = new(new SignedIn(200), Body: _ => new JsonObject { ["currentPassword"] = AuthorizationScene.Password, ["newPassword"] = "matkhau456" }) { FreshCaller = true },

        // Identity: the caller's own card, verification and data; reviewers (agency staff, admins) decide
        ["ParseCccdQr"] = new(new SignedIn(200), Body: _ => new JsonObject { ["text"] = IdentityRequests.NewCard().QrText }),
        ["FillProfileFromCccdQr"] = new(new SignedIn(200), Body: _ => IdentityRequests.FillBody(IdentityRequests.NewCard())) { FreshCaller = true },
        ["GetMyIdentity"] = new(new SignedIn(200)),
        ["SubmitVerification"] = new(new SignedIn(200))
        {
            FreshCaller = true,
            Arrange = async c => (await IdentityRequests.FillAsync(c.Account!.Client, IdentityRequests.NewCard())).EnsureSuccessStatusCode(),
            Content = _ => IdentityRequests.Photos(),
        },
        ["VerificationQueue"] = new(Reviewers(200)),
        ["VerificationIdPhoto"] = new(Reviewers(200), Target.VerificationSubmission),
        ["VerificationSelfie"] = new(Reviewers(200), Target.VerificationSubmission),
        ["ApproveVerification"] = new(Reviewers(204), Target.VerificationSubmission, _ => new JsonObject { ["reason"] = "Ảnh khớp với thẻ." }),
        ["RejectVerification"] = new(Reviewers(204), Target.VerificationSubmission, _ => new JsonObject { ["reason"] = "Ảnh thẻ bị mờ." }),
        ["MyConsents"] = new(new SignedIn(200)),
        ["GrantConsent"] = new(new SignedIn(200), Body: _ => new JsonObject { ["purpose"] = "cvSharing" }),
        ["WithdrawConsent"] = new(new SignedIn(200), Body: _ => new JsonObject { ["purpose"] = "personalQr" }),
        ["ExportMyData"] = new(new SignedIn(200)),
        ["DeleteMyAccount"] = new(new SignedIn(204)) { FreshCaller = true },

        // Personal QR codes: the owner makes, shows and revokes its own (another's is a 404); anyone signed in scans
        ["CreatePersonalQr"] = new(new SignedIn(201), Body: _ => new JsonObject { ["fields"] = new JsonArray("displayName"), ["consent"] = true }),
        ["MyPersonalQrCodes"] = new(new SignedIn(200)),
        ["MyPersonalQrImage"] = new(new ParticipantsOnly(200), Target.PersonalQr),
        ["RevokePersonalQr"] = new(new ParticipantsOnly(204), Target.PersonalQr),
        ["MyPersonalQrScans"] = new(new SignedIn(200)),
        ["ScanPersonalQr"] = new(new SignedIn(200), Target.PersonalQr, c => new JsonObject { ["text"] = c.Scene.PersonalQrTokens[c.TargetId!.Value] }),

        // Admin
        ["ChangeRole"] = new(new InRoles(204, Role.Admin), Target.Account, _ => new JsonObject { ["role"] = "worker" }),
        ["RebuildIndex"] = new(new InRoles(202, Role.Admin)),
        ["OpenDashboardSession"] = new(new InRoles(204, Role.Admin)),
        ["CloseDashboardSession"] = new(new InRoles(204, Role.Admin)),
        ["IndexingDeadLetters"] = new(new InRoles(200, Role.Admin)),
        ["SearchTraffic"] = new(new InRoles(200, Role.Admin)),
        ["RetryIndexingDeadLetter"] = new(new InRoles(202, Role.Admin), Target.DeadLetter),
        ["RankingModels"] = new(new InRoles(200, Role.Admin)),
        ["SetCurrentRankingModel"] = new(new InRoles(200, Role.Admin), Body: _ => new JsonObject { ["version"] = null }),

        // Companies and places
        ["CreateEmployer"] = new(EmployerOrAdmin201, Body: _ => AuthorizationScene.Company()),
        ["GetEmployer"] = new(new Public(200), Target.Employer),
        ["MyEmployers"] = new(new SignedIn(200)),
        ["Communes"] = new(new Public(200)),
        ["ResolvePlace"] = new(new Public(200), Query: "q=amata"),
        ["IndustrialParks"] = new(new Public(200)),

        // Listings: creators by kind (CreatorRoles), owners alone change them
        ["CreateJob"] = new(EmployerOrAdmin201, Body: c => ListingPayloads.Job(c.CompanyId)),
        ["GetJob"] = new(new Public(200), Target.Job),
        ["UpdateJob"] = new(new OwnerOnly(200), Target.Job, c => ListingPayloads.Job(c.CompanyId)),
        ["DeleteJob"] = new(new OwnerOnly(204), Target.Job),
        ["CreateRental"] = new(new SignedIn(201), Body: _ => ListingPayloads.Rental()),
        ["GetRental"] = new(new Public(200), Target.Rental),
        ["UpdateRental"] = new(new OwnerOnly(200), Target.Rental, _ => ListingPayloads.Rental()),
        ["DeleteRental"] = new(new OwnerOnly(204), Target.Rental),
        ["CreateClassified"] = new(new SignedIn(201), Body: _ => ListingPayloads.Classified()),
        ["GetClassified"] = new(new Public(200), Target.Classified),
        ["UpdateClassified"] = new(new OwnerOnly(200), Target.Classified, _ => ListingPayloads.Classified()),
        ["DeleteClassified"] = new(new OwnerOnly(204), Target.Classified),
        ["CreateVoucher"] = new(EmployerOrAdmin201, Body: _ => ListingPayloads.Voucher()),
        ["GetVoucher"] = new(new Public(200), Target.Voucher),
        ["UpdateVoucher"] = new(new OwnerOnly(200), Target.Voucher, _ => ListingPayloads.Voucher()),
        ["DeleteVoucher"] = new(new OwnerOnly(204), Target.Voucher),
        ["CreateBusRoute"] = new(new InRoles(201, Role.AgencyStaff, Role.Admin), Body: _ => ListingPayloads.BusRoute()),
        ["GetBusRoute"] = new(new Public(200), Target.BusRoute),
        ["UpdateBusRoute"] = new(new OwnerOnly(200), Target.BusRoute, _ => ListingPayloads.BusRoute()),
        ["DeleteBusRoute"] = new(new OwnerOnly(204), Target.BusRoute),
        ["CreateNews"] = new(new InRoles(201, Role.AgencyStaff, Role.Admin), Body: _ => ListingPayloads.News()),
        ["GetNews"] = new(new Public(200), Target.News),
        ["UpdateNews"] = new(new OwnerOnly(200), Target.News, _ => ListingPayloads.News()),
        ["DeleteNews"] = new(new OwnerOnly(204), Target.News),

        // CVs: workers write them (identity from the verified card); the generic routes show a
        // discoverable CV to anyone, without its identity; owners alone change them
        ["CreateCv"] = new(new InRoles(201, Role.Worker), Body: _ => Cvs.CvRequests.Cv()),
        ["GetCv"] = new(new Public(200), Target.Cv),
        ["UpdateCv"] = new(new OwnerOnly(200), Target.Cv, _ => Cvs.CvRequests.Cv()),
        ["DeleteCv"] = new(new OwnerOnly(204), Target.Cv),
        ["MyCvs"] = new(new SignedIn(200)),

        // Applications: workers apply; the applicant and the job's owner alone see one (others: 404), the job's owner moves it
        ["Apply"] = new(new InRoles(201, Role.Worker), Target.Job, c => new JsonObject
        {
            ["jobId"] = c.TargetId,
            ["cvId"] = c.Account is { } account ? c.Scene.CvIds.GetValueOrDefault(account.AccountId, 1) : 1,
        }),
        ["MyApplications"] = new(new SignedIn(200)),
        ["ReceivedApplications"] = new(EmployerOrAdmin200),
        ["GetApplication"] = new(new ParticipantsOnly(200), Target.Application),
        ["MoveApplication"] = new(new ParticipantsOnly(200), Target.Application, _ => new JsonObject { ["status"] = "shortlisted" }),

        // Candidate search: employers and admins
        ["SearchCandidates"] = new(EmployerOrAdmin200, Query: "q=may"),

        // Contact requests: employers and admins ask about their own job (a new CV of the worker each case); the worker alone decides
        ["ContactCandidate"] = new(EmployerOrAdmin201, Target.Cv, c => new JsonObject
        {
            ["jobId"] = c.Account is { } account ? c.Scene.Jobs.GetValueOrDefault(account.AccountId, 1) : 1,
            ["message"] = "Chào bạn, công ty đang tuyển công nhân may.",
        }),
        ["SentContactRequests"] = new(EmployerOrAdmin200),
        ["ReceivedContactRequests"] = new(new SignedIn(200)),
        ["AcceptContactRequest"] = new(new ParticipantsOnly(200), Target.ContactRequest),
        ["DeclineContactRequest"] = new(new ParticipantsOnly(200), Target.ContactRequest),

        // Public services: the catalogue is a kind written by agency staff and admins; applications
        // are submitted by verified people (the fresh caller is verified first), read by their
        // applicant alone (others: 404) and worked by agency staff and admins
        ["CreatePublicService"] = new(new InRoles(201, Role.AgencyStaff, Role.Admin), Body: _ => PublicServices.Service()),
        ["GetPublicService"] = new(new Public(200), Target.PublicService),
        ["UpdatePublicService"] = new(new OwnerOnly(200), Target.PublicService, _ => PublicServices.Service()),
        ["DeletePublicService"] = new(new OwnerOnly(204), Target.PublicService),
        ["SearchPublicServices"] = new(new Public(200), Query: "q=khai+sinh"),
        ["PublicServiceForm"] = new(new SignedIn(200), Target.PublicService) { FreshCaller = true, Arrange = VerifyCaller },
        ["SubmitPublicServiceApplication"] = new(new SignedIn(201), Target.PublicService, c => PublicServices.BirthRegistration(c.TargetId!.Value, c.Scene.Commune))
        {
            FreshCaller = true,
            Arrange = VerifyCaller,
        },
        ["MyPublicServiceApplications"] = new(new SignedIn(200)),
        ["TrackPublicServiceApplication"] = new(new ParticipantsOnly(200), Target.PublicServiceApplication),
        ["AttachToPublicServiceApplication"] = new(new ParticipantsOnly(201), Target.PublicServiceApplication)
        {
            Content = _ => PublicServices.File(PublicServices.Pdf(0x4E), "application/pdf"),
        },
        ["PublicServiceQueue"] = new(Reviewers(200), Query: "form=birthRegistration"),
        ["GetPublicServiceApplicationForStaff"] = new(Reviewers(200), Target.PublicServiceApplication),
        ["MovePublicServiceApplication"] = new(Reviewers(200), Target.PublicServiceApplication, _ => new JsonObject { ["to"] = "processing", ["note"] = "Đã tiếp nhận, đang thẩm định." }),
        ["GetPublicServiceAttachment"] = new(Reviewers(200), Target.PublicServiceAttachment),
        ["NewPublicServiceFeeOrder"] = new(new ParticipantsOnly(201), Target.UnpaidFeeApplication),
        ["SetPublicServiceStaffCommunes"] = new(new InRoles(200, Role.Admin), Target.StaffAccount, c => new JsonObject { ["communeCodes"] = new JsonArray(c.Scene.Commune) }),

        // Search and events: open to everyone (a token only personalises)
        ["SearchAll"] = new(new Public(200), Query: "q=phong+tro"),
        ["SearchJobs"] = new(new Public(200), Query: "q=cong+nhan"),
        ["SearchRentals"] = new(new Public(200), Query: "q=phong+tro"),
        ["SearchClassifieds"] = new(new Public(200), Query: "q=xe+may"),
        ["SearchVouchers"] = new(new Public(200), Query: "q=tra+sua"),
        ["SearchBusRoutes"] = new(new Public(200), Query: "q=bien+hoa"),
        ["SearchNews"] = new(new Public(200), Query: "q=viec+lam"),
        ["SearchFeedbackReports"] = new(new Public(200), Query: "q=o+ga&category=roads"),
        ["Suggest"] = new(new Public(200), Query: "q=phong"),
        ["Related"] = new(new Public(200), Target.Rental),
        ["RecordEvents"] = new(new Public(200), Body: _ => Events()),

        // The home feed: open to everyone around a place (a token personalises it); dismissing needs an account
        ["HomeFeed"] = new(new Public(200), Query: "near=amata"),
        ["DismissFeedItem"] = new(new SignedIn(204), Target.Rental),

        // Payments: VietQR is computation over the request alone, open to everyone
        ["CreateVietQr"] = new(new Public(200), Body: _ => new JsonObject { ["bankBin"] = "970416", ["accountNumber"] = "257678859", ["service"] = "account", ["amountVnd"] = 10000 }),
        ["DecodeVietQr"] = new(new Public(200), Body: _ => new JsonObject { ["payload"] = "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F" }),

        // Payments: anyone signed in claims; holders alone see and cancel their claims and orders;
        // the voucher's owner alone redeems; admins alone refund
        ["ClaimVoucher"] = new(new SignedIn(201), Target.Voucher),
        ["MyVoucherClaims"] = new(new SignedIn(200)),
        ["GetMyVoucherClaim"] = new(new OwnerOnly(200), Target.VoucherClaim),
        ["CancelVoucherClaim"] = new(new OwnerOnly(200), Target.VoucherClaim),
        ["RedeemVoucher"] = new(new OwnerOnly(200), Target.Redemption, c => new JsonObject
        {
            ["code"] = c.Scene.RedemptionCodes[c.TargetId!.Value],
            ["locationName"] = "Chi nhánh Long Bình",
        }),
        ["GetMyOrder"] = new(new OwnerOnly(200), Target.Order),
        ["PaymentReconciliation"] = new(new InRoles(200, Role.Admin), Query: "date=2026-11-02"),
        ["RefundOrder"] = new(new InRoles(200, Role.Admin), Target.PaidOrder, _ => new JsonObject { ["reason"] = "Khách hàng đổi ý trước khi dùng." }),
        // Messaging: the signed-in person's own settings, inbox and conversations; other people's answer 404
        ["GetMessagingSettings"] = new(new SignedIn(200)),
        ["UpdateMessagingSettings"] = new(new SignedIn(200), Body: _ => MessagingSettings()),
        ["UnreadCounts"] = new(new SignedIn(200)),
        ["FindPerson"] = new(new SignedIn(200), Body: _ => new JsonObject { ["username"] = AuthorizationScene.PartnerUsername }),
        ["StartConversation"] = new(new SignedIn(200), Body: _ => new JsonObject { ["username"] = AuthorizationScene.PartnerUsername }),
        ["ListConversations"] = new(new SignedIn(200)),
        ["GetConversation"] = new(new ParticipantsOnly(200), Target.Conversation),
        ["ListMessages"] = new(new ParticipantsOnly(200), Target.Conversation),
        ["SendMessage"] = new(new ParticipantsOnly(201), Target.Conversation, _ => new JsonObject { ["clientMessageId"] = Guid.NewGuid().ToString("N"), ["text"] = "Phòng còn trống không ạ? " + Guid.NewGuid().ToString("N") }),
        ["SendImage"] = new(new ParticipantsOnly(201), Target.Conversation, _ => new JsonObject { ["clientMessageId"] = Guid.NewGuid().ToString("N"), ["data"] = AuthorizationScene.TinyPng }),
        ["SharePhone"] = new(new ParticipantsOnly(201), Target.Conversation, _ => new JsonObject { ["clientMessageId"] = Guid.NewGuid().ToString("N") }),
        ["MarkConversationRead"] = new(new ParticipantsOnly(200), Target.Conversation, _ => new JsonObject { ["lastReadMessageId"] = null }),
        ["BlockPerson"] = new(new ParticipantsOnly(204), Target.Conversation),
        ["UnblockPerson"] = new(new ParticipantsOnly(204), Target.Conversation),
        ["ReportPerson"] = new(new ParticipantsOnly(204), Target.Conversation, _ => new JsonObject { ["reason"] = "spam", ["details"] = "Gửi quảng cáo liên tục." }),
        ["GetMessageImage"] = new(new ParticipantsOnly(200), Target.ImageMessage),
        ["ListNotifications"] = new(new SignedIn(200)),
        ["MarkNotificationRead"] = new(new ParticipantsOnly(204), Target.Notification),
        ["MarkAllNotificationsRead"] = new(new SignedIn(204)),
        ["RegisterPushDevice"] = new(new SignedIn(201), Body: _ => new JsonObject { ["token"] = "matrix-" + Guid.NewGuid().ToString("N"), ["platform"] = "android" }),
        ["ListPushDevices"] = new(new SignedIn(200)),
        ["RemovePushDevice"] = new(new ParticipantsOnly(204), Target.PushDevice),

        // Feedback: the board is public; verified citizens post and like; the author alone withdraws;
        // agency staff and admins moderate; unit staff (the scene's agency staff works for SXD) handle
        // their unit's reports; admins (and the IOC's staff) read the feed, set routes and assign staff
        ["ListFeedbackReports"] = new(new Public(200), Query: "category=roads&q=o+ga"),
        ["FeedbackMap"] = new(new Public(200), Query: "communeCode=26068"),
        ["GetFeedbackReport"] = new(new Public(200), Target.PublicFeedbackReport),
        ["FeedbackReportSharePage"] = new(new Public(200), Target.PublicFeedbackReport),
        ["GetFeedbackPhoto"] = new(new Public(200), Target.FeedbackPhoto),
        ["ShareFeedbackReport"] = new(new Public(200), Target.PublicFeedbackReport),
        ["CreateFeedbackReport"] = new(new SignedIn(201), Body: _ => AuthorizationScene.FeedbackReport()),
        ["MyFeedbackReports"] = new(new SignedIn(200)),
        ["WithdrawFeedbackReport"] = new(new OwnerOnly(204), Target.PendingFeedbackReport),
        ["LikeFeedbackReport"] = new(new SignedIn(200), Target.PublicFeedbackReport),
        ["UnlikeFeedbackReport"] = new(new SignedIn(200), Target.PublicFeedbackReport),
        ["FeedbackModerationQueue"] = new(Reviewers(200)),
        ["FeedbackDuplicateCandidates"] = new(Reviewers(200), Target.PendingFeedbackReport),
        ["ApproveFeedbackReport"] = new(Reviewers(200), Target.PendingFeedbackReport),
        ["RejectFeedbackReport"] = new(Reviewers(200), Target.PendingFeedbackReport, _ => new JsonObject { ["reason"] = "Không đủ thông tin để xác minh." }),
        ["MergeFeedbackReport"] = new(Reviewers(200), Target.PendingFeedbackReport, c => new JsonObject { ["intoReportId"] = c.Scene.ApprovedFeedbackReportId }),
        ["UnitFeedbackReports"] = new(new InRoles(200, Role.AgencyStaff)),
        ["AcceptFeedbackReport"] = new(new InRoles(200, Role.AgencyStaff), Target.PublicFeedbackReport),
        ["AnswerFeedbackReport"] = new(new InRoles(200, Role.AgencyStaff), Target.PublicFeedbackReport, _ => new JsonObject { ["answer"] = "Đã sửa chữa mặt đường, cảm ơn người dân." }),
        ["TransferFeedbackReport"] = new(new InRoles(200, Role.AgencyStaff), Target.PublicFeedbackReport, _ => new JsonObject { ["unitCode"] = "SNNMT", ["note"] = "Thuộc lĩnh vực môi trường." }),
        ["IocFeedbackFeed"] = new(new InRoles(200, Role.Admin)),
        ["FeedbackRoutingTable"] = new(Reviewers(200)),
        ["SetFeedbackRoute"] = new(new InRoles(200, Role.Admin), Body: _ => new JsonObject { ["category"] = "roads", ["communeCode"] = null, ["unitCode"] = "SXD", ["answerWorkingDays"] = 7 }),
        ["AssignFeedbackStaff"] = new(new InRoles(200, Role.Admin), Target.StaffAccount, _ => new JsonObject { ["unitCode"] = "CAT" }),

        ["MyVoucherClaimQr"] = new(new OwnerOnly(200), Target.VoucherClaim),
        ["CheckoutOrder"] = new(new OwnerOnly(200), Target.Order, _ => new JsonObject { ["gateway"] = "vietqr" }),
        ["ImportBankStatement"] = new(new InRoles(200, Role.Admin), Body: _ => new JsonObject
        {
            ["lines"] = new JsonArray(new JsonObject
            {
                ["bankTransactionId"] = "FT" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
                ["date"] = "2026-11-02",
                ["amountVnd"] = 15000,
                ["description"] = "CHUYEN TIEN KHONG MA",
            }),
        }),

        // Payments: the gateways' callbacks are anonymous (the gateways call them); the signature is the authorisation.
        // The IPN and return answer 200 with what they decided (here: invalid signature); the MoMo IPN is signed for an unknown order.
        ["VnPayIpn"] = new(new Public(200)),
        ["VnPayReturn"] = new(new Public(200)),
        ["MoMoIpn"] = new(new Public(204), Body: _ => Payments.GatewaySigning.MoMoIpn("ZZZZZZZZZZZZ", 15000)),
    };

    private static int s_phones;

    private static InRoles Reviewers(int success) => new(success, Role.AgencyStaff, Role.Admin);

    private static async Task VerifyCaller(MatrixCall call) => await PublicServices.VerifyAsync(call.Scene.Factory, call.Account!);

    private static JsonObject Registration() => new()
    {
        // 08…: ApiFactory.NewPhone hands out 09…, so the two never collide.
        ["phone"] = "08" + (10_000_000 + Interlocked.Increment(ref s_phones)).ToString(CultureInfo.InvariantCulture),
        ["password"] = AuthorizationScene.Password,
        ["displayName"] = "Lê Thị Hoa",
        ["role"] = "worker",
    };

    private static JsonObject MessagingSettings() => new()
    {
        ["username"] = "matrix.user" + Interlocked.Increment(ref s_phones).ToString(CultureInfo.InvariantCulture),
        ["findableByPhone"] = false,
        ["quietHoursStart"] = "22:00",
        ["quietHoursEnd"] = "06:00",
        ["preferences"] = new JsonArray(new JsonObject { ["type"] = "newMessage", ["delivery"] = "inboxOnly" }),
    };

    private static JsonObject Events() => new()
    {
        ["deviceId"] = "matrix-device-01",
        ["events"] = new JsonArray(new JsonObject
        {
            ["clientEventId"] = Guid.NewGuid().ToString("N"),
            ["type"] = "click",
            ["kind"] = "rentals",
            ["listingId"] = 1,
        }),
    };
}
