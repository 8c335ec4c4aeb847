using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Runs;
using MedicalAssistance.Functions.Runs.EnrolmentList;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests.Runs.EnrolmentList;

/// <summary><see cref="RunsHarness"/> plus run monthly-enrolment-list over a private listing table; exemption-ledger entries written as the roster ledger writes them.</summary>
internal sealed class EnrolmentListHarness
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EnrolmentListHarness(RunsHarness runs, EnrolmentListingStore listings)
    {
        Runs = runs;
        Listings = listings;
    }

    public RunsHarness Runs { get; }
    public EnrolmentListingStore Listings { get; }

    public static async Task<EnrolmentListHarness> CreateAsync(AzuriteFixture azurite)
    {
        var runs = await RunsHarness.CreateAsync(azurite);
        var table = AzuriteFixture.UniqueName("listings");
        await runs.Claims.Storage.Tables.CreateTableIfNotExistsAsync(table, Ct);
        return new EnrolmentListHarness(runs, new EnrolmentListingStore(runs.Claims.Storage, table));
    }

    public MonthlyEnrolmentList NewList() =>
        new(Runs.Claims.Persons, new Lazy<IdProtector>(Runs.Claims.Protector), Listings, Runs.Claims.Ledgers, Runs.Journal, Runs.Outputs, Microsoft.Extensions.Options.Options.Create(Runs.Options));

    public Task<RunClaim> ListAsync(string period) => Runs.NewRunner().RunAsync(NewList(), RunPeriod.Parse(period), Ct);

    public MonthlyEnrolmentListTimer NewTimer() => new(Runs.NewRunner(), NewList(), Runs.Claims.Time);

    /// <summary>A person on record (in county <paramref name="region"/>) with an exemption-ledger entry as the roster ledger writes it.</summary>
    public async Task<IdNumber> EnrolAsync(int n, string region, string profile, int year, SubsidyLevel level, EnrolmentStatus status, decimal? amount, DateOnly registeredOn)
    {
        var id = TestIds.Make(new DateOnly(1970, 1, 1).AddDays(n), n, region);
        await Runs.Claims.SetIdentitiesAsync(id, []);
        await SetAsync(id, profile, year, level, status, amount, registeredOn);
        return id;
    }

    /// <summary>Writes (or replaces) the person's entry for a profile and year, as a completion or a new decision would.</summary>
    public Task SetAsync(IdNumber id, string profile, int year, SubsidyLevel level, EnrolmentStatus status, decimal? amount, DateOnly registeredOn) =>
        Runs.Claims.Persons.WriteExemptionsAsync(
            [new ExemptionEntry(profile, year, Runs.Claims.Keys.KeyOf(id), id.Masked, "DIBAO", level, amount, status, registeredOn, "batch-1", 2)], Ct);

    public Task<IReadOnlyList<string[]>> RowsAsync(string period, string file) =>
        MonthlyRunOutputs.RowsAsync(Runs.Outputs, MonthlyEnrolmentList.RunName, period, file);
}
