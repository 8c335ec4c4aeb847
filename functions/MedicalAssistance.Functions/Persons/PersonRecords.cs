using MedicalAssistance.Functions.Enrolment;

namespace MedicalAssistance.Functions.Persons;

/// <summary>What the portal and settlement may read of a person: no clear ID number, no name.</summary>
public sealed record PersonRecord(
    string MaskedIdNumber,
    DateOnly BirthDate,
    bool Deceased,
    DateOnly? DeceasedOn,
    IReadOnlyList<IdentityPeriod> Identities,
    IReadOnlyList<EnrolmentRecord> Enrolments);

/// <summary>Read access to a person's record by ID number (one range query).</summary>
public sealed class PersonRecords(PersonStore store, PersonKeys keys)
{
    /// <summary>The person's identities, enrolments and deceased flag, or null when no roster ever named the person.</summary>
    public async Task<PersonRecord?> GetAsync(IdNumber idNumber, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(keys.KeyOf(idNumber), cancellationToken);
        if (loaded is null)
        {
            return null;
        }

        var s = loaded.State;
        return new PersonRecord(s.MaskedIdNumber, s.BirthDate, s.Deceased, s.DeceasedOn,
            s.Identities.OrderBy(p => p.Start).ThenBy(p => p.Type, StringComparer.Ordinal).ToList(), s.Enrolments);
    }
}
