using DongNai.Domain.Validation;

namespace DongNai.Domain.Listings;

/// <summary>What a create or update request of one listing kind must do; the API's shared listing endpoints call these in order.</summary>
public interface IListingRequest<in TListing>
    where TListing : Listing
{
    /// <summary>Checks the request on its own: required fields, ranges, formats.</summary>
    void Validate(FieldErrors errors, DateTime now);

    /// <summary>Checks what needs the database: codes and ids that must exist or belong to the caller.</summary>
    Task CheckReferencesAsync(AppDbContext db, long callerId, FieldErrors errors, CancellationToken cancellationToken);

    /// <summary>Copies the (valid) request onto the entity. <paramref name="isNew"/> is true on create.</summary>
    void ApplyTo(TListing listing, DateTime now, bool isNew);
}

/// <summary>
/// Who posted a listing, as everyone may see it: the public handle (never the account id) and
/// whether the poster's identity is verified (the badge; not personal data: it says nothing of who they are).
/// </summary>
public sealed record ListingOwner(string Handle, bool Verified);

/// <summary>Builds the public view of a listing; EF entities never leave the API as they are.</summary>
public interface IListingResponse<in TListing, out TSelf>
    where TListing : Listing
{
    /// <param name="listing">The stored listing.</param>
    /// <param name="owner">The owner's public handle (never the account id, which is not shown to others) and verified badge.</param>
    static abstract TSelf From(TListing listing, ListingOwner owner);
}
