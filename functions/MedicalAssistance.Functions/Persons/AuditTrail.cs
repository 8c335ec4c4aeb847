using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MedicalAssistance.Functions.Enrolment;

namespace MedicalAssistance.Functions.Persons;

/// <summary>How audit records are keyed and what they show: shared by every writer of a person's state.</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// <c>{personKey}|audit|{utc yyyyMMddHHmmssfffffff}|{source}|{row}</c>: a person's audits sort by time, and the same change
    /// written twice (a retried commit's outbox) lands on the same key.
    /// </summary>
    public static string RowKey(string personKey, DateTimeOffset at, string source, int row) => string.Create(CultureInfo.InvariantCulture,
        $"{personKey}|audit|{at.UtcDateTime:yyyyMMddHHmmssfffffff}|{SafeKeyPart(source)}|{row:D6}");

    /// <summary>Table keys may not hold / \ # ? or control characters ('|' separates the key's parts).</summary>
    public static string SafeKeyPart(string text) =>
        string.Concat(text.Select(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? '_' : c));

    private sealed record AuditSnapshot(IReadOnlyList<IdentityPeriod> Identities, bool Deceased, DateOnly? DeceasedOn, IReadOnlyList<AuditEnrolment> Enrolments);

    private sealed record AuditEnrolment(int Year, string IdentityType, SubsidyLevel Level, EnrolmentStatus Status, decimal? Amount, bool Late);

    /// <summary>What an auditor needs to see changed, without personal data (no ID number, no name).</summary>
    public static string Snapshot(PersonState? state) => state is null
        ? "null"
        : JsonSerializer.Serialize(new AuditSnapshot(state.Identities, state.Deceased, state.DeceasedOn,
            state.Enrolments.Select(e => new AuditEnrolment(e.Year, e.IdentityType, e.Level, e.Status, e.Amount, e.Late)).ToList()), SnapshotJson);

    /// <summary>The exemption-ledger (免缴台账) entry of a person's enrolment.</summary>
    public static ExemptionEntry ExemptionOf(PersonState person, EnrolmentRecord enrolment) =>
        new(enrolment.Profile, enrolment.Year, person.PersonKey, person.MaskedIdNumber, enrolment.IdentityType, enrolment.Level, enrolment.Amount,
            enrolment.Status, enrolment.RegisteredOn, enrolment.BatchId, enrolment.Row);
}
