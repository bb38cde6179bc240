using DongNai.Domain;
using DongNai.Domain.Civic.Feedback;
using DongNai.Domain.People;
using DongNai.Domain.Places;
using DongNai.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Civic.Feedback;

/// <summary>A unit as the API shows it.</summary>
public sealed record FeedbackUnitView(string Code, string Name, bool IsOperationsCentre);

/// <summary>One row of the routing table; <paramref name="CommuneCode"/> null is the category's default.</summary>
public sealed record FeedbackRouteView(FeedbackCategory Category, string? CommuneCode, string UnitCode, string UnitName, int AnswerWorkingDays);

/// <summary>The routing table and the units it names.</summary>
public sealed record FeedbackRoutingTable(IReadOnlyList<FeedbackUnitView> Units, IReadOnlyList<FeedbackRouteView> Routes);

/// <summary>Sets one row: reports of <paramref name="Category"/> in <paramref name="CommuneCode"/> (null: the default) go to <paramref name="UnitCode"/>.</summary>
public sealed record SetFeedbackRouteRequest(FeedbackCategory? Category, string? CommuneCode, string? UnitCode, int? AnswerWorkingDays);

/// <summary>Assigns a staff account to a unit; <paramref name="UnitCode"/> null removes the assignment.</summary>
public sealed record AssignFeedbackStaffRequest(string? UnitCode);

/// <summary>
/// The routing table (category × commune → unit and answer time in working days), its seed, and
/// staff assignments to units. One instance per request (it holds the request's <see cref="AppDbContext"/>).
/// </summary>
public sealed class FeedbackRouting(AppDbContext db, PlaceCatalog places)
{
    public const int MaxAnswerWorkingDays = 60;

    /// <summary>
    /// A transferred report keeps its deadline (the citizen's wait does not restart because it was
    /// routed to the wrong unit first), but the receiving unit always gets at least this many
    /// working days from the transfer.
    /// </summary>
    public const int TransferMinimumWorkingDays = 2;

    public const string OperationsCentreCode = "IOC";

    /// <summary>The unit and answer time for a report: the commune's own row, else the category's default.</summary>
    public async Task<(FeedbackUnit Unit, int AnswerWorkingDays)> RouteAsync(FeedbackCategory category, string communeCode, CancellationToken cancellationToken)
    {
        var routes = await db.FeedbackRoutes.AsNoTracking()
            .Where(r => r.Category == category && (r.CommuneCode == communeCode || r.CommuneCode == null))
            .ToListAsync(cancellationToken);
        var route = routes.FirstOrDefault(r => r.CommuneCode == communeCode) ?? routes.FirstOrDefault(r => r.CommuneCode == null);
        if (route is null)
        {
            // The seed gives every category a default; an admin cannot remove one. The IOC takes what nobody else does.
            var centre = await OperationsCentreAsync(cancellationToken);
            return (centre, 10);
        }

        var unit = await db.FeedbackUnits.AsNoTracking().SingleAsync(u => u.Id == route.UnitId, cancellationToken);
        return (unit, route.AnswerWorkingDays);
    }

    public Task<FeedbackUnit> OperationsCentreAsync(CancellationToken cancellationToken) =>
        db.FeedbackUnits.AsNoTracking().FirstAsync(u => u.IsOperationsCentre, cancellationToken);

    /// <summary>The unit a staff account works for, or null.</summary>
    public async Task<FeedbackUnit?> UnitOfAsync(long accountId, CancellationToken cancellationToken)
    {
        var unitId = await db.FeedbackStaffAssignments.Where(a => a.AccountId == accountId).Select(a => (long?)a.UnitId).SingleOrDefaultAsync(cancellationToken);
        return unitId is null ? null : await db.FeedbackUnits.AsNoTracking().SingleAsync(u => u.Id == unitId, cancellationToken);
    }

    public async Task<FeedbackRoutingTable> TableAsync(CancellationToken cancellationToken)
    {
        var units = await db.FeedbackUnits.AsNoTracking().OrderBy(u => u.Code).ToListAsync(cancellationToken);
        var byId = units.ToDictionary(u => u.Id);
        var routes = await db.FeedbackRoutes.AsNoTracking().ToListAsync(cancellationToken);
        return new FeedbackRoutingTable(
            units.Select(u => new FeedbackUnitView(u.Code, u.Name, u.IsOperationsCentre)).ToList(),
            routes.OrderBy(r => r.Category).ThenBy(r => r.CommuneCode ?? "", StringComparer.Ordinal)
                .Select(r => new FeedbackRouteView(r.Category, r.CommuneCode, byId[r.UnitId].Code, byId[r.UnitId].Name, r.AnswerWorkingDays)).ToList());
    }

    /// <summary>Adds or replaces one row of the table. Reports already routed keep their unit and deadline.</summary>
    public async Task<FeedbackOutcome<FeedbackRouteView>> SetRouteAsync(SetFeedbackRouteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        errors.When(request.Category is null || !Enum.IsDefined(request.Category.Value), "category", "Required: one of the categories.");
        errors.When(request.CommuneCode is not null && places.FindCommune(request.CommuneCode) is null, "communeCode", "No such commune (GET /api/places/communes).");
        errors.When(request.AnswerWorkingDays is null or < 1 or > MaxAnswerWorkingDays, "answerWorkingDays", $"Required: 1 to {MaxAnswerWorkingDays}.");
        var unit = request.UnitCode is null ? null : await db.FeedbackUnits.SingleOrDefaultAsync(u => u.Code == request.UnitCode, cancellationToken);
        errors.When(unit is null, "unitCode", "Required: the code of a unit (GET /api/feedback/routing).");
        if (!errors.IsEmpty)
        {
            return new FeedbackOutcome<FeedbackRouteView>.Invalid(errors);
        }

        var category = request.Category!.Value;
        var route = await db.FeedbackRoutes.SingleOrDefaultAsync(r => r.Category == category && r.CommuneCode == request.CommuneCode, cancellationToken);
        if (route is null)
        {
            route = new FeedbackRoute { Category = category, CommuneCode = request.CommuneCode };
            db.FeedbackRoutes.Add(route);
        }

        route.UnitId = unit!.Id;
        route.AnswerWorkingDays = request.AnswerWorkingDays!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return new FeedbackOutcome<FeedbackRouteView>.Done(new FeedbackRouteView(category, route.CommuneCode, unit.Code, unit.Name, route.AnswerWorkingDays));
    }

    /// <summary>Assigns an agency staff account to a unit (or removes it with a null unit code).</summary>
    public async Task<FeedbackOutcome<FeedbackUnitView?>> AssignStaffAsync(long accountId, AssignFeedbackStaffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return new FeedbackOutcome<FeedbackUnitView?>.NotFound();
        }

        if (account.Role != Role.AgencyStaff)
        {
            return FeedbackOutcomes.Invalid<FeedbackUnitView?>("accountId", "Only agency staff accounts work for a unit; change the role first.");
        }

        var existing = await db.FeedbackStaffAssignments.SingleOrDefaultAsync(a => a.AccountId == accountId, cancellationToken);
        if (request.UnitCode is null)
        {
            if (existing is not null)
            {
                db.FeedbackStaffAssignments.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }

            return new FeedbackOutcome<FeedbackUnitView?>.Done(null);
        }

        var unit = await db.FeedbackUnits.SingleOrDefaultAsync(u => u.Code == request.UnitCode, cancellationToken);
        if (unit is null)
        {
            return FeedbackOutcomes.Invalid<FeedbackUnitView?>("unitCode", "No such unit (GET /api/feedback/routing).");
        }

        if (existing is null)
        {
            db.FeedbackStaffAssignments.Add(new FeedbackStaffAssignment { AccountId = accountId, UnitId = unit.Id });
        }
        else
        {
            existing.UnitId = unit.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new FeedbackOutcome<FeedbackUnitView?>.Done(new FeedbackUnitView(unit.Code, unit.Name, unit.IsOperationsCentre));
    }

    /// <summary>
    /// Writes the seed units and routes once (when there is no unit yet): provincial departments and
    /// utilities by category, a People's Committee per commune for "other", and the IOC. Sources and
    /// assumptions in docs/civic-feedback.md. Needs the communes written first.
    /// </summary>
    public static async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.FeedbackUnits.AnyAsync(cancellationToken))
        {
            return;
        }

        FeedbackUnit Unit(string code, string name, bool centre = false)
        {
            var unit = new FeedbackUnit { Code = code, Name = name, IsOperationsCentre = centre };
            db.FeedbackUnits.Add(unit);
            return unit;
        }

        var ioc = Unit(OperationsCentreCode, "Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Đồng Nai (IOC)", centre: true);
        var construction = Unit("SXD", "Sở Xây dựng tỉnh Đồng Nai");
        var environment = Unit("SNNMT", "Sở Nông nghiệp và Môi trường tỉnh Đồng Nai");
        var police = Unit("CAT", "Công an tỉnh Đồng Nai");
        var power = Unit("PCDN", "Công ty Điện lực Đồng Nai");
        Unit("CAPNUOC", "Công ty Cổ phần Cấp nước Đồng Nai");
        Unit("SNV", "Sở Nội vụ tỉnh Đồng Nai");
        var serviceCentre = Unit("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh Đồng Nai");
        var communes = await db.Communes.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Name }).ToListAsync(cancellationToken);
        var committees = communes.Select(c => (c.Code, Unit: Unit("UBND-" + c.Code, "Ủy ban nhân dân " + c.Name))).ToList();
        await db.SaveChangesAsync(cancellationToken);

        void Route(FeedbackCategory category, FeedbackUnit unit, int days, string? commune = null) =>
            db.FeedbackRoutes.Add(new FeedbackRoute { Category = category, CommuneCode = commune, UnitId = unit.Id, AnswerWorkingDays = days });

        Route(FeedbackCategory.Roads, construction, 7);
        Route(FeedbackCategory.Environment, environment, 7);
        Route(FeedbackCategory.PublicOrder, police, 3);
        Route(FeedbackCategory.ElectricityAndWater, power, 3);
        Route(FeedbackCategory.AdministrativeProcedures, serviceCentre, 5);
        Route(FeedbackCategory.Other, ioc, 10);
        foreach (var (code, committee) in committees)
        {
            Route(FeedbackCategory.Other, committee, 10, code);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
