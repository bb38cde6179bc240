using DongNai.Domain.People;
using DongNai.Domain.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DongNai.Domain.Listings;

/// <summary>
/// Everything the service knows about one searchable kind, in one place: its stored code and URL
/// slug, its entity and how to load it, how it looks to the search engine (document and search
/// profile), who may create it and its share of demo data. The indexers, the endpoints, the
/// rebuild, the database initialiser and the seeder read descriptors; nothing else switches on the
/// kind. Descriptors are registered in <see cref="ListingKinds"/>. Immutable; thread-safe.
/// </summary>
public abstract class ListingKindDescriptor
{
    /// <summary>The code stored in the outbox, interaction events and the index; never reused or renumbered.</summary>
    public abstract ListingKind Kind { get; }

    /// <summary>The plural, URL-safe name: <c>/api/{slug}</c>, <c>/api/search/{slug}</c>, <c>kind=</c> values.</summary>
    public abstract string Slug { get; }

    /// <summary>The English singular name used in operation names and summaries ("Job", "BusRoute").</summary>
    public abstract string Name { get; }

    /// <summary>The English plural, for operations over many ("SearchJobs"); <see cref="Name"/> and "s" unless the kind says otherwise.</summary>
    public virtual string PluralName => Name + "s";

    /// <summary>One sentence for people reading the API reference: what listings of this kind are.</summary>
    public abstract string Description { get; }

    /// <summary>The database table of the kind's rows.</summary>
    public abstract string Table { get; }

    /// <summary>The roles allowed to create a listing of this kind; empty means any signed-in account.</summary>
    public abstract IReadOnlyList<Role> CreatorRoles { get; }

    /// <summary>The kind's share of generated demo listings (0 to 1; the shares of all kinds add up to 1).</summary>
    public abstract double DemoShare { get; }

    /// <summary>The filters, facets, price bands and money field the search API offers for this kind.</summary>
    public abstract KindSearchProfile Search { get; }

    /// <summary>
    /// True when anyone may search the kind and its listings appear in searches across every kind,
    /// in autocomplete and in related listings; false for a kind that only its own, authorised
    /// search reads (CVs: employers through <c>/api/candidates</c>). The generic search routes are
    /// not mapped for such a kind, and the engines leave its documents out of every-kind searches.
    /// </summary>
    public virtual bool PubliclySearchable => true;

    /// <summary>
    /// Whether <paramref name="listing"/> is shown: indexed by the outbox drain and the rebuild (a row
    /// for which this is false is deleted from the index, or skipped), and returned by the generic
    /// listing routes to anyone but its owner. True by default; a CV is listed only while discoverable.
    /// </summary>
    public virtual bool IsListed(Listing listing) => true;

    /// <summary>
    /// True when listings of the kind are created, read, replaced and deleted through the generic
    /// routes under <c>/api/{slug}</c>; false for a kind written through its own workflow (feedback
    /// reports: posted, moderated and answered under <c>/api/feedback</c>), for which those routes
    /// are not mapped. Search, related and autocomplete do not depend on it.
    /// </summary>
    public virtual bool HasListingRoutes => true;

    public abstract Type EntityType { get; }

    /// <summary>Maps the entity: its table, the columns every listing has, and the kind's own relations.</summary>
    public abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>The listings with these ids that still exist, with everything their documents need, untracked.</summary>
    public abstract Task<List<Listing>> LoadAsync(AppDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>Every listing of the kind in id order, untracked, for a full rebuild.</summary>
    public abstract IAsyncEnumerable<Listing> StreamAllAsync(AppDbContext db, CancellationToken cancellationToken);

    /// <summary>Whether the listing exists and is listed (<see cref="IsListed"/>): what the public may ask about.</summary>
    public abstract Task<bool> ExistsAsync(AppDbContext db, long id, CancellationToken cancellationToken);

    /// <summary>Every listing of the kind that <paramref name="ownerId"/> owns, in id order, tracked (to export or erase a person's data).</summary>
    public abstract Task<List<Listing>> OwnedByAsync(AppDbContext db, long ownerId, CancellationToken cancellationToken);

    public abstract Task<long> CountAsync(AppDbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// The document the search engine indexes for <paramref name="listing"/> (loaded by
    /// <see cref="LoadAsync"/> or <see cref="StreamAllAsync"/>): its text, the Vietnamese words for
    /// its categories and places, its keyword fields (every filter and facet of <see cref="Search"/>),
    /// its money field and its point. Only public listing data: no owner, account or contact data.
    /// </summary>
    public abstract SearchDocument BuildDocument(Listing listing, PlaceCatalog places);

    /// <summary>Calls the visitor with the kind's closed generic descriptor, for code that needs its entity and contract types.</summary>
    public abstract TResult Accept<TResult>(IListingKindVisitor<TResult> visitor);

    public override string ToString() => Slug;
}

/// <summary>Receives a kind's descriptor with its entity, request and response types (see <see cref="ListingKindDescriptor.Accept{TResult}"/>).</summary>
public interface IListingKindVisitor<out TResult>
{
    TResult Visit<TListing, TRequest, TResponse>(ListingKindDescriptor<TListing, TRequest, TResponse> kind)
        where TListing : Listing, new()
        where TRequest : IListingRequest<TListing>
        where TResponse : IListingResponse<TListing, TResponse>;
}

/// <summary>
/// The typed base of every descriptor: loading, counting and the visitor are implemented once here
/// over <typeparamref name="TListing"/>; a kind supplies its names, profile, document and, when its
/// documents need related rows, <see cref="Include"/>.
/// </summary>
public abstract class ListingKindDescriptor<TListing, TRequest, TResponse> : ListingKindDescriptor
    where TListing : Listing, new()
    where TRequest : IListingRequest<TListing>
    where TResponse : IListingResponse<TListing, TResponse>
{
    public sealed override Type EntityType => typeof(TListing);

    public override void ConfigureModel(ModelBuilder modelBuilder) => ConfigureEntity(modelBuilder.Entity<TListing>());

    public sealed override async Task<List<Listing>> LoadAsync(AppDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var rows = await Include(db.Set<TListing>().AsNoTracking()).Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
        return rows.ConvertAll(row => (Listing)row);
    }

    public sealed override async IAsyncEnumerable<Listing> StreamAllAsync(
        AppDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Include(db.Set<TListing>().AsNoTracking()).OrderBy(l => l.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    public sealed override async Task<bool> ExistsAsync(AppDbContext db, long id, CancellationToken cancellationToken) =>
        await db.Set<TListing>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken) is { } listing && IsListed(listing);

    public sealed override async Task<List<Listing>> OwnedByAsync(AppDbContext db, long ownerId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<TListing>().Where(l => l.OwnerId == ownerId).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(row => (Listing)row);
    }

    public sealed override Task<long> CountAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Set<TListing>().LongCountAsync(cancellationToken);

    public sealed override SearchDocument BuildDocument(Listing listing, PlaceCatalog places) => BuildDocument((TListing)listing, places);

    public abstract SearchDocument BuildDocument(TListing listing, PlaceCatalog places);

    public sealed override TResult Accept<TResult>(IListingKindVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>The related rows a document needs (a job's employer); none by default.</summary>
    protected virtual IQueryable<TListing> Include(IQueryable<TListing> rows) => rows;

    /// <summary>The columns every listing kind shares; a kind that overrides <see cref="ConfigureModel"/> calls this first.</summary>
    protected EntityTypeBuilder<TListing> ConfigureEntity(EntityTypeBuilder<TListing> listing)
    {
        listing.ToTable(Table);
        listing.Ignore(l => l.Kind);
        listing.Property(l => l.Title).HasMaxLength(200);
        listing.Property(l => l.Description).HasMaxLength(5000);
        listing.Property(l => l.Version).IsConcurrencyToken();
        listing.HasIndex(l => l.OwnerId);
        listing.HasIndex(l => l.UpdatedAt);
        return listing;
    }

    /// <summary>The fields every document has: identity, version, title, description, point, last change.</summary>
    protected static SearchDocument CommonDocument(TListing listing) => new()
    {
        Kind = listing.Kind,
        Id = listing.Id,
        Version = listing.Version,
        Title = listing.Title,
        Description = listing.Description,
        Latitude = listing.Latitude,
        Longitude = listing.Longitude,
        UpdatedAt = listing.UpdatedAt,
    };

    /// <summary>Non-blank parts joined into one searchable text.</summary>
    protected static string JoinText(params string?[] parts) =>
        string.Join(". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>A code as a one-value list, or none when it is missing.</summary>
    protected static string[] Codes(string? code) => string.IsNullOrEmpty(code) ? [] : [code];

    /// <summary>Non-blank, distinct autocomplete phrases.</summary>
    protected static List<string> SuggestTerms(params string?[] terms) =>
        terms.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Keyword fields with at least one value.</summary>
    protected static Dictionary<string, IReadOnlyList<string>> Keywords(params (string Field, string[] Values)[] fields) =>
        fields.Where(f => f.Values.Length > 0).ToDictionary(f => f.Field, f => (IReadOnlyList<string>)f.Values, StringComparer.Ordinal);
}
