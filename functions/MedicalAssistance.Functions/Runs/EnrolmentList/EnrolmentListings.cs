using Azure;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>The listings of one exemption-ledger entry, oldest first, with the ETag a new listing's write must match (null = none yet).</summary>
public sealed record EnrolmentListings(string Profile, int Year, string PersonKey, IReadOnlyList<EnrolmentListing> Listings, ETag? ETag)
{
    /// <summary>What the insurer was last told (null: nothing, or the exemption withdrawn).</summary>
    public ListedEnrolment? Listed => Listings.Count == 0 ? null : Listings[^1].After;

    public EnrolmentListing? By(string period) => Listings.FirstOrDefault(l => l.Period == period);
}
