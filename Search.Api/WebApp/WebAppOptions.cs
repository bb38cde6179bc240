using System.ComponentModel.DataAnnotations;

namespace DongNai.Search.Api.WebApp;

/// <summary>
/// The web app served at <c>/</c> (section <c>Web</c>). The map's tile server is the only host
/// besides the service the pages may call; the page's content security policy names it.
/// </summary>
public sealed class WebAppOptions
{
    public const string Section = "Web";

    /// <summary>A Leaflet tile URL template with <c>{z}</c>, <c>{x}</c> and <c>{y}</c>, absolute http(s).</summary>
    [Required]
    [RegularExpression(@"^https?://[^/\s]+/\S*\{z\}\S*\{x\}\S*\{y\}\S*$", ErrorMessage = "Web:TileUrl must be an absolute http(s) URL template with {z}, {x} and {y}.")]
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>The credit the tile server's licence asks for, shown on the map.</summary>
    [Required]
    public string TileAttribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>The tile server's origin (scheme, host and port), for the content security policy.</summary>
    public string TileOrigin
    {
        get
        {
            // Placeholders such as {s} may sit in the host; the policy then allows its subdomains.
            var authority = TileUrl[(TileUrl.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
            var scheme = TileUrl[..TileUrl.IndexOf("://", StringComparison.Ordinal)];
            return authority.StartsWith("{s}.", StringComparison.Ordinal) ? $"{scheme}://*.{authority[4..]}" : $"{scheme}://{authority}";
        }
    }
}
