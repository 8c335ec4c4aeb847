using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Beneficiaries.Records;

/// <summary>
/// 我的记录 of one person, by person key (from a verified beneficiary token, never from the request): identities, enrolments,
/// applications, and the claims feature's sections through <see cref="IBeneficiaryClaimRecords"/> when it is registered.
/// </summary>
public sealed class BeneficiaryRecordsReader(
    PersonStore persons,
    DepartmentStore departments,
    IEnumerable<IBeneficiaryApplications> applications,
    IEnumerable<IBeneficiaryClaimRecords> claims)
{
    public async Task<BeneficiaryRecords?> GetAsync(string personKey, CancellationToken cancellationToken)
    {
        if (await persons.LoadAsync(personKey, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var s = loaded.State;
        var departmentNames = (await departments.ListAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var identities = s.Identities.OrderBy(p => p.Start).ThenBy(p => p.Type, StringComparer.Ordinal)
            .Select(p => new BeneficiaryIdentity(p.Type, IdentityTypes.DisplayNameOf(p.Type), p.DeterminedOn, p.Start, p.End,
                p.Department, departmentNames.GetValueOrDefault(p.Department, p.Department)))
            .ToList();
        var enrolments = s.Enrolments.OrderBy(e => e.Year)
            .Select(e => new BeneficiaryEnrolment(e.Year, e.Profile, IdentityTypes.DisplayNameOf(e.IdentityType),
                e.Level.ToString(), EnrolmentNames.Of(e.Level), e.Status.ToString(), EnrolmentNames.Of(e.Status), e.Amount, e.Note))
            .ToList();

        var applicationList = new List<BeneficiaryApplication>();
        foreach (var source in applications)
        {
            applicationList.AddRange(await source.ListAsync(personKey, cancellationToken));
        }

        var claimSource = claims.FirstOrDefault();
        var sections = claimSource is null ? null : await claimSource.GetAsync(personKey, cancellationToken);
        return new BeneficiaryRecords(s.MaskedIdNumber, s.Deceased, identities, enrolments,
            sections is not null, sections?.Claims ?? [], sections?.YearTotals ?? [], sections?.Adjustments ?? [],
            applicationList.OrderByDescending(a => a.SubmittedAt).ToList());
    }
}
