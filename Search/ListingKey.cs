using DongNai.Domain.Listings;

namespace DongNai.Search;

/// <summary>A listing's identity in the index: kind and id.</summary>
public readonly record struct ListingKey(ListingKind Kind, long Id);
