using DongNai.Domain.Places;
using DongNai.Domain.Validation;

namespace DongNai.Domain.Listings;

/// <summary>The limits every listing kind shares, and the checks that apply them.</summary>
public static class ListingRules
{
    public const int MaxPhotos = 20;

    public static void TitleAndDescription(string? title, string? description, FieldErrors errors)
    {
        errors.Text(title, "title", 5, 200);
        errors.Text(description, "description", 10, 5000);
    }

    /// <summary>A point that must lie in or near Đồng Nai (<see cref="ProvinceBounds"/>).</summary>
    public static void PointInProvince(double? latitude, double? longitude, FieldErrors errors, string prefix = "")
    {
        var latitudeField = prefix + "latitude";
        var longitudeField = prefix + "longitude";
        errors.Range(latitude, latitudeField, -90, 90);
        errors.Range(longitude, longitudeField, -180, 180);
        if (latitude is { } lat && longitude is { } lon && double.IsFinite(lat) && double.IsFinite(lon)
            && lat is >= -90 and <= 90 && lon is >= -180 and <= 180 && !ProvinceBounds.Contains(lat, lon))
        {
            errors.Add(latitudeField, $"The point ({lat}, {lon}) is not in or near Đồng Nai province (latitude {ProvinceBounds.MinLatitude}–{ProvinceBounds.MaxLatitude}, longitude {ProvinceBounds.MinLongitude}–{ProvinceBounds.MaxLongitude}).");
        }
    }

    public static void PhotoUrls(IReadOnlyList<string>? urls, FieldErrors errors)
    {
        if (urls is null)
        {
            return;
        }

        if (errors.When(urls.Count > MaxPhotos, "photoUrls", $"At most {MaxPhotos} photos."))
        {
            return;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            errors.When(!IsWebAddress(urls[i], 500), $"photoUrls[{i}]", "Must be an absolute http(s) URL of at most 500 characters.");
        }
    }

    /// <summary>An absolute http or https URL of at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsWebAddress(string? url, int maxLength) =>
        url is { Length: > 0 } && url.Length <= maxLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Each item must be one defined flag (not a combination, not None); returns their union.</summary>
    public static TFlags Flags<TFlags>(IReadOnlyList<TFlags>? items, string field, FieldErrors errors)
        where TFlags : struct, Enum
    {
        var union = 0L;
        if (items is null)
        {
            return default;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var value = Convert.ToInt64(items[i], System.Globalization.CultureInfo.InvariantCulture);
            var single = value > 0 && (value & (value - 1)) == 0 && Enum.IsDefined(items[i]);
            if (!errors.When(!single, $"{field}[{i}]", "Unknown value."))
            {
                union |= value;
            }
        }

        return (TFlags)Enum.ToObject(typeof(TFlags), union);
    }

    /// <summary>The union of already validated flags, for copying a request onto its entity.</summary>
    public static TFlags Union<TFlags>(IReadOnlyList<TFlags>? items)
        where TFlags : struct, Enum =>
        (TFlags)Enum.ToObject(typeof(TFlags), (items ?? []).Aggregate(0L, (union, flag) => union | Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Lists the single flags set in <paramref name="value"/>, for responses.</summary>
    public static IReadOnlyList<TFlags> Split<TFlags>(TFlags value)
        where TFlags : struct, Enum => ListingVocabulary.Flags(value).ToList();
}
