using DongNai.Domain.Validation;
using Microsoft.EntityFrameworkCore;

namespace DongNai.Domain.Listings;

/// <summary>Checks that codes and ids a request names exist in the database; each failure becomes a field error.</summary>
public static class ReferenceChecks
{
    public static async Task CheckCommuneAsync(AppDbContext db, string? code, string field, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (code is not null && !await db.Communes.AnyAsync(c => c.Code == code, cancellationToken))
        {
            errors.Add(field, "Unknown commune code; see GET /api/places/communes.");
        }
    }

    public static async Task CheckParkAsync(AppDbContext db, string? code, string field, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (code is not null && !await db.IndustrialParks.AnyAsync(p => p.Code == code, cancellationToken))
        {
            errors.Add(field, "Unknown industrial park code; see GET /api/places/industrial-parks.");
        }
    }
}
