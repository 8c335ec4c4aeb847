using System.Collections.Frozen;
using System.Text.Json;

namespace MedicalAssistance.Policy.Profiles;

/// <summary>The five regional profiles, read once from the JSON embedded in this assembly.</summary>
public static class PolicyProfiles
{
    private static readonly FrozenDictionary<string, PolicyProfile> ById = Load().ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);

    public static IReadOnlyCollection<PolicyProfile> All => ById.Values;

    public static PolicyProfile? Find(string id) => ById.GetValueOrDefault(id);

    public static PolicyProfile Get(string id) => Find(id) ?? throw new ArgumentException($"Unknown profile '{id}'.", nameof(id));

    private static IEnumerable<PolicyProfile> Load()
    {
        var assembly = typeof(PolicyProfiles).Assembly;
        foreach (var id in Identities.IdentityTypes.ProfileIds)
        {
            using var stream = assembly.GetManifestResourceStream($"MedicalAssistance.Policy.Profiles.{id}.json")
                ?? throw new InvalidOperationException($"Embedded profile {id} is missing.");
            var document = JsonSerializer.Deserialize(stream, ProfileDocumentJson.Default.ProfileDocument)
                ?? throw new InvalidOperationException($"Embedded profile {id} is empty.");
            if (document.Id != id)
            {
                throw new InvalidOperationException($"Embedded profile {id} declares id {document.Id}.");
            }

            yield return new PolicyProfile(document);
        }
    }
}
