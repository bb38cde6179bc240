using DongNai.Domain.Listings;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DongNai.Search.Api.Hosting;

/// <summary>
/// The document-wide parts of the OpenAPI document: title, description, a description for every
/// tag (each listing kind's from its descriptor), and server URLs without a trailing slash.
/// </summary>
internal static class OpenApiDocumentInfo
{
    public const string Version = "2.5.0";

    /// <summary>Descriptions of the tags that are not listing kinds; a test checks every tag in use has one.</summary>
    private static readonly Dictionary<string, string> AreaTags = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Register and sign in with a Vietnamese mobile number; refresh and revoke tokens; the signed-in account, its profile and its password.",
        ["Admin"] = "Operations for administrators: roles, the search index, refunds, the payment reconciliation and the bank-statement import.",
        ["Employers"] = "Companies that post jobs, each owned by an employer account.",
        ["Messaging"] = "One-to-one conversations: find a person by username or (if they allow it) phone number, contact a listing's owner, text and pictures, read receipts, blocks and reports; real-time pushes over the /hubs/messages SignalR hub (docs/messaging.md).",
        ["Notifications"] = "The signed-in person's in-app inbox; push delivery, preferences and quiet hours are set under Messaging.",
        ["PublicServiceApplications"] = "Applications for the public services that take them here: the form filled from the verified CCCD card, submission with a tracking code, attachments, the fee paid through a fee order and the order checkout, and the staff queue that moves them (decision 0020).",

        ["Feed"] = "The personalised home feed: listings of every kind near the person's industrial park and home (or near a place), blended for variety, each with the reasons it is shown; dismissing an item for good.",
        ["Identity"] = "The CCCD chip card read from its QR code and filled into the profile, identity verification (photos reviewed by agency staff), consent per purpose, and the person's own data to export or delete.",
        ["Applications"] = "Workers' applications to jobs with their CVs; the job's owner alone sees them (with the CV's identity fields) and moves them submitted, viewed, shortlisted, hired or rejected (decision 0019).",
        ["Candidates"] = "Employers find discoverable CVs that fit one of their jobs, best fit first with the reasons; only public CV fields (decision 0019).",

        ["Feedback"] = "Citizen feedback (phản ánh): verified citizens report a problem with photos and a place; staff moderate; approved reports are public (list, map, likes, shares) and routed to the responsible unit with a deadline; unit staff accept, answer or transfer; overdue reports are escalated to the IOC, which reads the change feed (docs/civic-feedback.md).",
        ["Events"] = "Interactions with listings (impressions, clicks, saves, applications, claims, contact taps) that ranking learns from.",
        ["Payments"] = "VietQR bank-transfer codes (draw one for an account or card, read one back), orders and their checkout through VNPay, MoMo or a VietQR transfer, the gateways' callbacks, and voucher claims: claim a voucher (free, or held by an order until paid), the voucher wallet, redemption at the shop.",
        ["Places"] = "Đồng Nai's communes, wards and industrial parks, and what a typed place name means.",
        ["Search"] = "Search across kinds or within one, autocomplete, and similar listings.",
    };

    public static void AddTo(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "Đồng Nai citizen app: search and listings API";

        // Semantic: a breaking change raises the major part, with an entry in docs/api/CHANGELOG.md
        // (the snapshot test refuses it otherwise); additions raise the minor part.
        document.Info.Version = Version;
        document.Info.Description = "Jobs, rentals, classifieds, vouchers and bus routes for Đồng Nai's industrial-park workers.";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(
            AreaTags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value })
                .Concat(ListingKinds.Descriptors.Select(kind => new OpenApiTag { Name = kind.Name, Description = kind.Description })));
        return Task.CompletedTask;
    });
}
