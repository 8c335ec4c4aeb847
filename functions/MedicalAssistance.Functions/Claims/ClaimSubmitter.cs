using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Claims;

/// <summary>Who submits or reads claims: staff reach every claim, a facility key (<c>facility:&lt;code&gt;</c>) only its own.</summary>
public sealed record ClaimSubmitter(string Name, bool Staff, IReadOnlySet<string> Facilities)
{
    public static ClaimSubmitter? Of(FunctionCaller? caller)
    {
        if (caller is null)
        {
            return null;
        }

        var facilities = caller.Scopes.Where(s => s.StartsWith("facility:", StringComparison.Ordinal)).Select(s => s["facility:".Length..]).ToHashSet(StringComparer.Ordinal);
        var staff = caller.Scopes.Contains(FunctionScopes.Staff);
        return staff || facilities.Count > 0 ? new ClaimSubmitter(caller.Name, staff, facilities) : null;
    }

    public bool May(string? facilityCode) => Staff || (facilityCode is not null && Facilities.Contains(facilityCode));
}
