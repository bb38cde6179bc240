using System.Text.Json;
using DongNai.Domain;
using DongNai.Domain.Civic.PublicServices;
using DongNai.Domain.Payments;
using DongNai.Domain.People;
using DongNai.Domain.Validation;
using ApplicationStatus = DongNai.Domain.Civic.PublicServices.ApplicationStatus;
using DongNai.Identity;
using DongNai.Identity.Cccd;
using DongNai.Payments.Orders;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Civic.PublicServices;

/// <summary>One change of an application's state as shown: <c>by</c> is the public handle of who made it.</summary>
public sealed record StateChangeView(ApplicationStatus? From, ApplicationStatus To, string? Note, string By, bool ByApplicant, DateTime ChangedAt);

public sealed record AttachmentView(long Id, string Label, string ContentType, int Length, DateTime AttachedAt);

/// <summary>Where an application's fee stands.</summary>
public enum ApplicationFeeState
{
    /// <summary>Its fee order is open: pay it through <c>POST /api/me/orders/{orderId}/checkout</c>.</summary>
    AwaitingPayment = 1,

    /// <summary>Paid: staff may take the application up.</summary>
    Paid = 2,

    /// <summary>Unpaid and no order is open (it expired, failed, was cancelled or refunded): ask for a new fee order.</summary>
    NeedsNewOrder = 3,

    /// <summary>Unpaid, and no longer due: the application was refused before it was paid.</summary>
    NoLongerDue = 4,
}

/// <summary>
/// An application's fee, collected on behalf of the competent authority (decision 0020); absent
/// when the procedure was free at submission.
/// </summary>
/// <param name="AmountVnd">The fee at submission, in VND; every fee order of the application is for this amount.</param>
/// <param name="State">Where it stands.</param>
/// <param name="OrderId">The latest fee order, to check out or follow (<c>/api/me/orders/{orderId}</c>).</param>
/// <param name="OrderStatus">That order's status.</param>
/// <param name="OrderExpiresAt">When that order expires unless paid (UTC).</param>
/// <param name="PaidAt">When the fee was paid (UTC); null while unpaid.</param>
public sealed record ApplicationFee(long AmountVnd, ApplicationFeeState State, long? OrderId, OrderStatus? OrderStatus, DateTime? OrderExpiresAt, DateTime? PaidAt);

/// <summary>An application, decrypted: for its applicant and for agency staff only.</summary>
public sealed record ApplicationView(
    long TrackingCode,
    long ServiceId,
    string ServiceTitle,
    ApplicationForm Form,
    string CommuneCode,
    ApplicationStatus Status,
    IReadOnlyList<ApplicationStatus> NextStates,
    ApplicantFields Applicant,
    ApplicationDetails Details,
    IReadOnlyList<StateChangeView> History,
    IReadOnlyList<AttachmentView> Attachments,
    ApplicationFee? Fee,
    DateTime SubmittedAt,
    DateTime UpdatedAt);

/// <summary>A line of a list (the applicant's own, or a staff queue): no personal data but the applicant's name, and that only in the staff queue.</summary>
public sealed record ApplicationSummary(
    long TrackingCode, long ServiceId, ApplicationForm Form, string CommuneCode, ApplicationStatus Status, string? ApplicantName, ApplicationFee? Fee, DateTime SubmittedAt, DateTime UpdatedAt);

/// <summary>The form of a procedure before it is filled: the locked applicant fields from the card, and the typed part to fill.</summary>
public sealed record PrefilledForm(long ServiceId, string ServiceTitle, ApplicationForm Form, ApplicantFields Applicant, IReadOnlyList<string> LockedFields, IReadOnlyList<string> RequiredDocuments);

public abstract record ApplicationResult
{
    public sealed record Ok(ApplicationView Application, long ApplicantId) : ApplicationResult;

    public sealed record Invalid(FieldErrors Errors) : ApplicationResult;

    /// <summary>The applicant's identity is not verified (or has no card): the locked fields have nothing trustworthy to come from.</summary>
    public sealed record NotVerified : ApplicationResult;

    public sealed record NotFound : ApplicationResult;

    /// <summary>Staff tried to move their own application.</summary>
    public sealed record OwnApplication : ApplicationResult;

    /// <summary>
    /// The move is not allowed from the current state (or before the fee is paid), or the state
    /// changed meanwhile, or the application takes no more files or no new fee order.
    /// <paramref name="Reason"/>: a code for clients (<c>feeUnpaid</c>), when there is one.
    /// </summary>
    public sealed record Conflict(string Title, string Detail, string? Reason = null) : ApplicationResult;

    /// <summary>A new fee order was made for the application.</summary>
    public sealed record FeeOrdered(ApplicationFee Fee) : ApplicationResult;
}

/// <summary>
/// Applications for the procedures with a typed form (decision 0020): the applicant fields come
/// from the applicant's verified CCCD card and are never accepted from the request; the form, the
/// notes and the attachments are stored only as ciphertext (<see cref="PersonalDataProtector"/>);
/// every state change is recorded with its note and who made it. The applicant sees only their
/// own applications (others' answer not found); agency staff see and move all of them but their
/// own. A procedure with a fee (<see cref="PublicService.FeeVnd"/> &gt; 0 at submission) gets a fee
/// order in the submission's transaction, owned by the applicant, and staff take the application
/// up only once it is paid (<see cref="PublicServiceFeeFulfilment"/>). One instance per request
/// (it holds the request's <see cref="AppDbContext"/>, shared with its <see cref="OrderWorkflow"/>).
/// </summary>
public sealed class PublicServiceApplications(
    AppDbContext db, PersonalDataProtector protector, IdentityCardService cards, OwnerHandles handles, OrderWorkflow orders, TimeProvider time)
{
    public const int QueuePageSize = 50;

    /// <summary>The most communes one staff account is limited to.</summary>
    public const int MaxStaffCommunes = 100;

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    /// <summary>The form of service <paramref name="serviceId"/> filled with the caller's verified card.</summary>
    public async Task<(PrefilledForm? Form, ApplicationResult? Refusal)> PrefillAsync(long accountId, long serviceId, CancellationToken cancellationToken)
    {
        var service = await db.Set<PublicService>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        if (service?.Form is not { } form)
        {
            return (null, new ApplicationResult.NotFound());
        }

        if (await VerifiedApplicantAsync(accountId, cancellationToken) is not { } applicant)
        {
            return (null, new ApplicationResult.NotVerified());
        }

        return (new PrefilledForm(service.Id, service.Title, form, applicant, ApplicationRequest.LockedFields, service.RequiredDocuments), null);
    }

    public async Task<ApplicationResult> SubmitAsync(long accountId, ApplicationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var service = request.ServiceId is { } serviceId
            ? await db.Set<PublicService>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId, cancellationToken)
            : null;
        if (request.ServiceId is null)
        {
            errors.Add("serviceId", "Required.");
        }
        else if (service is null)
        {
            errors.Add("serviceId", "No public service has this id.");
        }
        else if (service.Form is null)
        {
            errors.Add("serviceId", "This service takes no application here; apply through its externalUrl.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (service?.Form is { } form)
        {
            request.Validate(form, DateOnly.FromDateTime(now.AddHours(7)), errors);
        }
        else
        {
            // Still name the locked fields, whatever else is wrong.
            foreach (var (field, value) in new[] { ("fullName", request.FullName), ("dateOfBirth", request.DateOfBirth), ("cccdNumber", request.CccdNumber), ("permanentAddress", request.PermanentAddress) })
            {
                errors.When(value is not null, field, ApplicationRequest.LockedMessage);
            }
        }

        if (request.CommuneCode is { Length: > 0 and <= 10 } commune && !await db.Communes.AnyAsync(c => c.Code == commune, cancellationToken))
        {
            errors.Add("communeCode", "No commune or ward has this code (see GET /api/places/communes).");
        }

        if (!errors.IsEmpty)
        {
            return new ApplicationResult.Invalid(errors);
        }

        if (await VerifiedApplicantAsync(accountId, cancellationToken) is not { } applicant)
        {
            return new ApplicationResult.NotVerified();
        }

        var application = new PublicServiceApplication
        {
            TrackingCode = await NewTrackingCodeAsync(cancellationToken),
            ApplicantId = accountId,
            ServiceId = service!.Id,
            Form = service.Form!.Value,
            CommuneCode = request.CommuneCode!,
            Status = ApplicationStatus.Received,
            ApplicantCiphertext = protector.Encrypt(JsonSerializer.Serialize(applicant, StoredJson)),
            DetailsCiphertext = protector.Encrypt(JsonSerializer.Serialize(new ApplicationDetails(request.DiplomaCopy, request.MaritalStatus, request.BirthRegistration), StoredJson)),
            FeeVnd = service.FeeVnd,
            SubmittedAt = now,
            UpdatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PublicServiceApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        if (application.FeeVnd > 0)
        {
            // In the submission's transaction: an application with a fee never exists without its order.
            var order = await orders.AddPendingAsync(accountId, OrderPurpose.PublicServiceFee, application.FeeVnd, FeeReason(application), cancellationToken);
            application.FeeOrderId = order.Id;
        }

        db.PublicServiceApplicationStates.Add(new ApplicationStateChange
        {
            ApplicationId = application.Id,
            From = null,
            To = ApplicationStatus.Received,
            ChangedBy = accountId,
            ChangedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ApplicationResult.Ok(await ViewAsync(application, cancellationToken), accountId);
    }

    /// <summary>The caller's own application with this tracking code; not found for anyone else's.</summary>
    public async Task<ApplicationResult> OwnAsync(long accountId, long trackingCode, CancellationToken cancellationToken) =>
        await db.PublicServiceApplications.AsNoTracking().SingleOrDefaultAsync(a => a.TrackingCode == trackingCode && a.ApplicantId == accountId, cancellationToken) is { } application
            ? new ApplicationResult.Ok(await ViewAsync(application, cancellationToken), accountId)
            : new ApplicationResult.NotFound();

    /// <summary>An application for agency staff and admins; not found when it is outside <paramref name="communes"/> (null: every commune).</summary>
    public async Task<ApplicationResult> ForStaffAsync(long trackingCode, IReadOnlySet<string>? communes, CancellationToken cancellationToken) =>
        await db.PublicServiceApplications.AsNoTracking().SingleOrDefaultAsync(a => a.TrackingCode == trackingCode, cancellationToken) is { } application
            && InScope(application, communes)
            ? new ApplicationResult.Ok(await ViewAsync(application, cancellationToken), application.ApplicantId)
            : new ApplicationResult.NotFound();

    /// <summary>
    /// The communes whose applications <paramref name="staffId"/> works: null for every commune (an
    /// admin, or a staff member assigned to none), else the assigned ones (<see cref="PublicServiceStaffCommune"/>).
    /// </summary>
    public async Task<IReadOnlySet<string>?> StaffCommunesAsync(long staffId, bool isAdmin, CancellationToken cancellationToken)
    {
        if (isAdmin)
        {
            return null;
        }

        var communes = await db.PublicServiceStaffCommunes.AsNoTracking().Where(a => a.AccountId == staffId).Select(a => a.CommuneCode).ToListAsync(cancellationToken);
        return communes.Count == 0 ? null : communes.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Sets the communes an agency staff account works (an empty list: every commune). Not found for
    /// an unknown account; invalid for an account that is not agency staff or an unknown commune.
    /// </summary>
    public async Task<(bool Found, FieldErrors Errors, IReadOnlyList<string> Communes)> SetStaffCommunesAsync(
        long accountId, IReadOnlyList<string?>? communeCodes, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return (false, errors, []);
        }

        errors.When(account.Role != Role.AgencyStaff, "accountId", "Only agency staff accounts work applications; change the role first.");
        errors.When(communeCodes is null, "communeCodes", "Required: the communes' GSO codes (an empty list for every commune).");
        var codes = communeCodes ?? [];
        errors.When(codes.Count > MaxStaffCommunes, "communeCodes", $"At most {MaxStaffCommunes} communes.");
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            errors.When(code is null || !await db.Communes.AnyAsync(c => c.Code == code, cancellationToken),
                $"communeCodes[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", "No such commune (GET /api/places/communes).");
        }

        if (!errors.IsEmpty)
        {
            return (true, errors, []);
        }

        var wanted = codes.Select(c => c!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.PublicServiceStaffCommunes.Where(a => a.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        db.PublicServiceStaffCommunes.AddRange(wanted.Select(code => new PublicServiceStaffCommune { AccountId = accountId, CommuneCode = code }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (true, errors, wanted);
    }

    private static bool InScope(PublicServiceApplication application, IReadOnlySet<string>? communes) =>
        communes is null || communes.Contains(application.CommuneCode);

    public async Task<List<ApplicationSummary>> MineAsync(long accountId, CancellationToken cancellationToken)
    {
        var rows = await db.PublicServiceApplications.AsNoTracking()
            .Where(a => a.ApplicantId == accountId)
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id)
            .ToListAsync(cancellationToken);
        var feeOrders = await FeeOrdersAsync(rows, cancellationToken);
        return rows.ConvertAll(a => new ApplicationSummary(a.TrackingCode, a.ServiceId, a.Form, a.CommuneCode, a.Status, null, Fee(a, feeOrders), a.SubmittedAt, a.UpdatedAt));
    }

    /// <summary>The staff queue: the oldest open applications first (or those in <paramref name="status"/>), of one procedure and one commune when given.</summary>
    public async Task<List<ApplicationSummary>> QueueAsync(
        ApplicationForm? form, string? communeCode, ApplicationStatus? status, IReadOnlySet<string>? communes, CancellationToken cancellationToken)
    {
        var query = db.PublicServiceApplications.AsNoTracking();
        if (communes is not null)
        {
            var mine = communes.ToList();
            query = query.Where(a => mine.Contains(a.CommuneCode));
        }

        if (form is { } f)
        {
            query = query.Where(a => a.Form == f);
        }

        if (communeCode is not null)
        {
            query = query.Where(a => a.CommuneCode == communeCode);
        }

        query = status is { } s
            ? query.Where(a => a.Status == s)
            : query.Where(a => a.Status != ApplicationStatus.Done && a.Status != ApplicationStatus.Refused);
        var rows = await query.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id).Take(QueuePageSize).ToListAsync(cancellationToken);
        var feeOrders = await FeeOrdersAsync(rows, cancellationToken);
        return rows.ConvertAll(a => new ApplicationSummary(
            a.TrackingCode, a.ServiceId, a.Form, a.CommuneCode, a.Status, Applicant(a).FullName, Fee(a, feeOrders), a.SubmittedAt, a.UpdatedAt));
    }

    /// <summary>Moves an application as agency staff <paramref name="staffId"/>: never their own, only along <see cref="ApplicationWorkflow"/>.</summary>
    public async Task<ApplicationResult> MoveAsync(long staffId, long trackingCode, ApplicationStatus? to, string? note, IReadOnlySet<string>? communes, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Defined(to, "to");
        errors.Text(note, "note", 3, ApplicationWorkflow.MaxNoteLength, required: to is { } target && ApplicationWorkflow.NeedsNote(target));
        if (!errors.IsEmpty)
        {
            return new ApplicationResult.Invalid(errors);
        }

        var application = await db.PublicServiceApplications.SingleOrDefaultAsync(a => a.TrackingCode == trackingCode, cancellationToken);

        // Another commune's application is answered as missing, as for feedback units.
        if (application is null || !InScope(application, communes))
        {
            return new ApplicationResult.NotFound();
        }

        if (application.ApplicantId == staffId)
        {
            return new ApplicationResult.OwnApplication();
        }

        var from = application.Status;
        if (!ApplicationWorkflow.CanMove(from, to!.Value))
        {
            var next = ApplicationWorkflow.NextFrom(from);
            return new ApplicationResult.Conflict(
                $"An application that is {Code(from)} cannot become {Code(to.Value)}.",
                next.Count == 0 ? "It is final." : $"From {Code(from)} it may become: {string.Join(", ", next.Select(Code))}.");
        }

        if (to == ApplicationStatus.Processing && from == ApplicationStatus.Received && application.FeeVnd > 0 && application.FeePaidAt is null)
        {
            return new ApplicationResult.Conflict(
                $"The application's fee of {application.FeeVnd.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} VND is not paid.",
                "It is taken up (processing) once the applicant has paid its fee order; it may still be refused.",
                "feeUnpaid");
        }

        var now = time.GetUtcNow().UtcDateTime;
        application.Status = to.Value;
        application.UpdatedAt = now;
        db.PublicServiceApplicationStates.Add(new ApplicationStateChange
        {
            ApplicationId = application.Id,
            From = from,
            To = to.Value,
            NoteCiphertext = string.IsNullOrWhiteSpace(note) ? [] : protector.Encrypt(note.Trim()),
            ChangedBy = staffId,
            ChangedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ApplicationResult.Conflict("The application changed meanwhile (its state, or its fee was paid or refunded).", "Read it again and decide on its current state.");
        }

        if (to == ApplicationStatus.Refused && application.FeePaidAt is null && application.FeeOrderId is { } feeOrderId)
        {
            // Nobody should pay for a refused application: its open fee order is cancelled (false,
            // changing nothing, when it is no longer open; a payment that won the race stays paid).
            await orders.CancelAsync(feeOrderId, staffId, "The application was refused.", cancellationToken);
        }

        return new ApplicationResult.Ok(await ViewAsync(application, cancellationToken), application.ApplicantId);
    }

    /// <summary>
    /// A new fee order for the caller's own application, for the fee at submission, when the
    /// previous one ended unpaid (expired, failed, cancelled) or was refunded. Not found for anyone
    /// else's application; a conflict when there is no fee, it is paid, an order is still open, or
    /// the application is closed. An open order past its time is expired first.
    /// </summary>
    public async Task<ApplicationResult> NewFeeOrderAsync(long accountId, long trackingCode, CancellationToken cancellationToken)
    {
        var application = await db.PublicServiceApplications.AsNoTracking()
            .SingleOrDefaultAsync(a => a.TrackingCode == trackingCode && a.ApplicantId == accountId, cancellationToken);
        if (application is null)
        {
            return new ApplicationResult.NotFound();
        }

        if (application.FeeVnd == 0)
        {
            return new ApplicationResult.Conflict("This application has no fee.", "Its procedure was free when it was submitted: there is nothing to pay.", "noFee");
        }

        if (application.FeePaidAt is not null)
        {
            return new ApplicationResult.Conflict("The application's fee is already paid.", "There is nothing more to pay.", "feePaid");
        }

        if (application.Status is ApplicationStatus.Done or ApplicationStatus.Refused)
        {
            return new ApplicationResult.Conflict($"An application that is {Code(application.Status)} takes no fee.", "It is closed: there is nothing to pay.", "applicationClosed");
        }

        var current = application.FeeOrderId;
        if (current is { } currentId
            && await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == currentId, cancellationToken) is { IsOpen: true } open)
        {
            if (open.IsPayableAt(time.GetUtcNow().UtcDateTime))
            {
                return new ApplicationResult.Conflict(
                    "An order for the fee is open.",
                    $"Pay it: POST /api/me/orders/{open.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}/checkout. A new one can be made once it has expired.",
                    "feeOrderOpen");
            }

            // Past its time, not yet expired by the job: expire it now (false when a payment won).
            await orders.ExpireAsync(currentId, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await orders.AddPendingAsync(accountId, OrderPurpose.PublicServiceFee, application.FeeVnd, FeeReason(application), cancellationToken);

        // Only from the order that was read, still unpaid and open: two requests at once make one order.
        var changed = await db.PublicServiceApplications
            .Where(a => a.Id == application.Id && a.FeeOrderId == current && a.FeePaidAt == null
                && a.Status != ApplicationStatus.Done && a.Status != ApplicationStatus.Refused)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.FeeOrderId, order.Id).SetProperty(a => a.UpdatedAt, now), cancellationToken);
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ApplicationResult.Conflict("The application changed meanwhile (its fee was paid or another order was made).", "Read it again.");
        }

        await transaction.CommitAsync(cancellationToken);
        return new ApplicationResult.FeeOrdered(Fee(application, order)!);
    }

    /// <summary>Attaches a file (already checked by <see cref="AttachmentRules"/>) to the caller's own application while it accepts files.</summary>
    public async Task<ApplicationResult> AttachAsync(long accountId, long trackingCode, string label, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var application = await db.PublicServiceApplications.AsNoTracking()
            .SingleOrDefaultAsync(a => a.TrackingCode == trackingCode && a.ApplicantId == accountId, cancellationToken);
        if (application is null)
        {
            return new ApplicationResult.NotFound();
        }

        if (!ApplicationWorkflow.AcceptsAttachments(application.Status))
        {
            return new ApplicationResult.Conflict(
                $"An application that is {Code(application.Status)} takes no more files.",
                "Files are accepted while it is received, or when staff ask for more information.");
        }

        if (await db.PublicServiceAttachments.CountAsync(a => a.ApplicationId == application.Id, cancellationToken) >= AttachmentRules.MaxPerApplication)
        {
            return new ApplicationResult.Conflict($"An application carries at most {AttachmentRules.MaxPerApplication} files.", "Combine pages into one PDF.");
        }

        db.PublicServiceAttachments.Add(new ApplicationAttachment
        {
            ApplicationId = application.Id,
            Label = label,
            ContentType = contentType,
            Length = content.Length,
            Ciphertext = protector.Encrypt(content),
            AttachedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return new ApplicationResult.Ok(await ViewAsync(application, cancellationToken), accountId);
    }

    /// <summary>An attachment's bytes, decrypted, for agency staff; null when there is none or its application is outside <paramref name="communes"/>.</summary>
    public async Task<(byte[] Content, string ContentType)?> AttachmentAsync(long attachmentId, IReadOnlySet<string>? communes, CancellationToken cancellationToken)
    {
        var found = await db.PublicServiceAttachments.AsNoTracking()
            .Where(a => a.Id == attachmentId)
            .Join(db.PublicServiceApplications, a => a.ApplicationId, p => p.Id, (a, p) => new { Attachment = a, p.CommuneCode })
            .SingleOrDefaultAsync(cancellationToken);
        return found is not null && (communes is null || communes.Contains(found.CommuneCode))
            ? (protector.DecryptBytes(found.Attachment.Ciphertext), found.Attachment.ContentType)
            : null;
    }

    /// <summary>The state's code as the API writes it (camelCase).</summary>
    public static string Code(ApplicationStatus status)
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private async Task<ApplicantFields?> VerifiedApplicantAsync(long accountId, CancellationToken cancellationToken)
    {
        var verified = await db.Profiles.AnyAsync(p => p.AccountId == accountId && p.Verification == VerificationStatus.Verified, cancellationToken);
        if (!verified || await cards.RevealAsync(accountId, cancellationToken) is not { } card)
        {
            return null;
        }

        return new ApplicantFields(card.FullName, card.DateOfBirth, card.CccdNumber, card.Address);
    }

    private async Task<long> NewTrackingCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = TrackingCodes.New();
            if (!await db.PublicServiceApplications.AnyAsync(a => a.TrackingCode == code, cancellationToken))
            {
                return code;
            }
        }
    }

    /// <summary>What an application's fee order says of the payer's purpose: the tracking code (the public handle), no personal data.</summary>
    private static string FeeReason(PublicServiceApplication application) =>
        $"Fee of public-service application {application.TrackingCode.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";

    /// <summary>The fee as shown, from the application and its latest fee order; null when it has no fee.</summary>
    private ApplicationFee? Fee(PublicServiceApplication application, Order? order)
    {
        if (application.FeeVnd == 0)
        {
            return null;
        }

        var state = application.FeePaidAt is not null ? ApplicationFeeState.Paid
            : application.Status is ApplicationStatus.Done or ApplicationStatus.Refused ? ApplicationFeeState.NoLongerDue
            : order is not null && order.IsPayableAt(time.GetUtcNow().UtcDateTime) ? ApplicationFeeState.AwaitingPayment
            : ApplicationFeeState.NeedsNewOrder;
        return new ApplicationFee(application.FeeVnd, state, order?.Id ?? application.FeeOrderId, order?.Status, order?.ExpiresAt, application.FeePaidAt);
    }

    private ApplicationFee? Fee(PublicServiceApplication application, Dictionary<long, Order> feeOrders) =>
        Fee(application, application.FeeOrderId is { } id ? feeOrders.GetValueOrDefault(id) : null);

    /// <summary>The fee orders of <paramref name="rows"/>, by id, in one query.</summary>
    private async Task<Dictionary<long, Order>> FeeOrdersAsync(List<PublicServiceApplication> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Where(a => a.FeeOrderId is not null).Select(a => a.FeeOrderId!.Value).ToList();
        return ids.Count == 0
            ? new Dictionary<long, Order>()
            : await db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
    }

    private ApplicantFields Applicant(PublicServiceApplication application) =>
        JsonSerializer.Deserialize<ApplicantFields>(protector.Decrypt(application.ApplicantCiphertext), StoredJson)
            ?? throw new InvalidOperationException("A stored application decrypted to nothing.");

    private async Task<ApplicationView> ViewAsync(PublicServiceApplication application, CancellationToken cancellationToken)
    {
        var title = await db.Set<PublicService>().Where(s => s.Id == application.ServiceId).Select(s => s.Title).SingleOrDefaultAsync(cancellationToken) ?? "";
        var changes = await db.PublicServiceApplicationStates.AsNoTracking()
            .Where(c => c.ApplicationId == application.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var attachments = await db.PublicServiceAttachments.AsNoTracking()
            .Where(a => a.ApplicationId == application.Id).OrderBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.Label, a.ContentType, a.Length, a.AttachedAt))
            .ToListAsync(cancellationToken);
        var details = JsonSerializer.Deserialize<ApplicationDetails>(protector.Decrypt(application.DetailsCiphertext), StoredJson)
            ?? throw new InvalidOperationException("A stored application decrypted to nothing.");
        var feeOrder = application.FeeOrderId is { } feeOrderId
            ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == feeOrderId, cancellationToken)
            : null;
        return new ApplicationView(
            application.TrackingCode,
            application.ServiceId,
            title,
            application.Form,
            application.CommuneCode,
            application.Status,
            ApplicationWorkflow.NextFrom(application.Status),
            Applicant(application),
            details,
            changes.ConvertAll(c => new StateChangeView(
                c.From, c.To, c.NoteCiphertext.Length == 0 ? null : protector.Decrypt(c.NoteCiphertext), handles.Of(c.ChangedBy), c.ChangedBy == application.ApplicantId, c.ChangedAt)),
            attachments,
            Fee(application, feeOrder),
            application.SubmittedAt,
            application.UpdatedAt);
    }
}
