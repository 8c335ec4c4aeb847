using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Runs.FundLedger;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>
/// <c>monthly-enrolment-list</c> for a month P: the list the insurer receives of the month's subsidised enrolments (资助参保) and
/// exemption-ledger (免缴台账) changes, per county (Meizhou Art. 7(二): mid-year new enrolees reported monthly; Art. 16(2): the
/// insurer transfers their subsidy), and Tumxuk's class-4 top-ups due by the 25th (Art. 17).
/// Which entries: every exemption-ledger entry (table <c>exemptionledger</c>, streamed a profile-year partition at a time; the
/// years around P, since an enrolment is for the year of its push or the next) registered before the end of P whose state
/// differs from what earlier lists sent (<see cref="EnrolmentListingStore"/>): new (never listed), changed (e.g. its amount set
/// once its operator parameter came) or withdrawn. Each listing is recorded on its entry before it is written, so every entry
/// version is sent by exactly one list and an attempt done again re-reads its own listings and writes the same lines.
/// The subsidy change is posted to the fund ledger (EXP_BENEFITS / ENROLLMENT_SUBSIDY, Inner Mongolia Art. 24, against the
/// expenditure account), balanced per profile and month. The top-ups are a due list only: monthly-settlement pays and posts them.
/// Memory holds the sums per county, never the entries. The ID key is taken only when a list is made (<see cref="Lazy{T}"/>):
/// every timer's run is built when a host starts, and <c>run housekeeping</c> needs no secrets.
/// </summary>
public sealed class MonthlyEnrolmentList(
    PersonStore persons,
    Lazy<IdProtector> protector,
    EnrolmentListingStore listings,
    ClaimLedgerStore ledgers,
    FundJournalStore journal,
    RunOutputs outputs,
    IOptions<RunFeatureOptions> options) : IPeriodRun
{
    public const string RunName = "monthly-enrolment-list";

    /// <summary>Tumxuk Art. 17: class-4 manual top-ups are paid by the 25th of each month.</summary>
    public const int TopUpDueDay = 25;

    public string Name => RunName;

    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var period = context.Period;
        if (period.Month is null)
        {
            throw new ArgumentException($"{RunName} runs for a month (yyyy-MM), not for the year {period}.", nameof(context));
        }

        var key = period.ToString();
        var profiles = PolicyProfiles.All.Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
        var counties = new CountyTable();
        var postings = new FundPostings(Name, key, period.Year);
        var (read, reported) = (0, 0);
        await using (var lines = await RunTableWriter.CreateAsync(outputs, Name, key, EnrolmentListFiles.Enrolments, EnrolmentListFiles.EnrolmentsXlsx,
            EnrolmentListFiles.EnrolmentsHeader, cancellationToken))
        {
            foreach (var profile in profiles)
            {
                for (var year = period.Year - 1; year <= period.Year + 1; year++)
                {
                    await foreach (var entry in persons.ReadExemptionsAsync(profile, year, cancellationToken))
                    {
                        if (++read - reported >= options.Value.ProgressEvery)
                        {
                            reported = read;
                            await context.ReportAsync(read, read, $"{profile}|{year}|{read}", cancellationToken);
                        }

                        if (entry.RegisteredOn >= period.End || await ListAsync(entry, key, cancellationToken) is not { } listing)
                        {
                            continue; // registered after P (next month's list), or nothing new to tell the insurer
                        }

                        var line = new EnrolmentListLine(await CountyOfAsync(entry.PersonKey, cancellationToken), entry, listing);
                        await lines.WriteRowAsync(EnrolmentListFiles.EnrolmentsRow(line), cancellationToken);
                        counties.Add(line);
                        postings.AddExpenditure(profile, FundSubjects.EnrolmentSubsidy, listing.SubsidyDelta, entry.Year);
                    }
                }
            }

            await lines.CompleteAsync(cancellationToken);
        }

        await using (var table = await RunTableWriter.CreateAsync(outputs, Name, key, EnrolmentListFiles.Counties, EnrolmentListFiles.CountiesXlsx,
            EnrolmentListFiles.CountiesHeader, cancellationToken))
        {
            foreach (var row in counties.Rows())
            {
                await table.WriteRowAsync(EnrolmentListFiles.CountiesRow(row), cancellationToken);
            }

            await table.CompleteAsync(cancellationToken);
        }

        await using (var topUps = await RunTableWriter.CreateAsync(outputs, Name, key, EnrolmentListFiles.TopUps, EnrolmentListFiles.TopUpsXlsx,
            EnrolmentListFiles.TopUpsHeader, cancellationToken))
        {
            await foreach (var topUp in ClassFourTopUpsAsync(period, cancellationToken))
            {
                await topUps.WriteRowAsync(EnrolmentListFiles.TopUpsRow(topUp), cancellationToken);
            }

            await topUps.CompleteAsync(cancellationToken);
        }

        await journal.PostAsync(postings.Lines(), context.State.Attempt, cancellationToken);
        await context.ReportAsync(read, read, "outputs", cancellationToken);
        return new RunResult(counties.Totals(), EnrolmentListFiles.All);
    }

    /// <summary>This list's listing of an entry: the one an earlier attempt of this run recorded, a new one, or none (nothing changed).</summary>
    private async Task<EnrolmentListing?> ListAsync(ExemptionEntry entry, string period, CancellationToken cancellationToken)
    {
        var now = ListedEnrolment.Of(entry);
        while (true)
        {
            var listed = await listings.GetAsync(entry.Profile, entry.Year, entry.PersonKey, cancellationToken);
            if (listed.By(period) is { } mine)
            {
                return mine;
            }

            if (listed.Listings.Any(l => string.CompareOrdinal(l.Period, period) > 0) || listed.Listed == now)
            {
                return null; // a later month's list sent it already, or the insurer knows it as it is
            }

            var kind = listed.Listed is null ? EnrolmentListingKind.New : now is null ? EnrolmentListingKind.Withdrawn : EnrolmentListingKind.Changed;
            var listing = new EnrolmentListing(period, kind, listed.Listed, now);
            if (await listings.TryAddAsync(listed, listing, cancellationToken))
            {
                return listing;
            }
        }
    }

    /// <summary>The county of a person: the region code of the ID number (decrypted here, never written out whole).</summary>
    private async Task<string> CountyOfAsync(string personKey, CancellationToken cancellationToken) =>
        await persons.LoadAsync(personKey, cancellationToken) is { } loaded && IdNumber.TryParse(protector.Value.Unprotect(loaded.State.EncryptedIdNumber), out var id)
            ? id.RegionCode
            : "";

    /// <summary>
    /// Tumxuk class-4 claims whose result changed in P (the persons with adjustments recorded in P, streamed): the change is the
    /// top-up of the month, due by the 25th of the month after P, the month this list is made.
    /// </summary>
    private async IAsyncEnumerable<ClassFourTopUp> ClassFourTopUpsAsync(RunPeriod period,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var due = new DateOnly(period.End.Year, period.End.Month, TopUpDueDay);
        await foreach (var personKey in ledgers.PersonsWithAdjustmentsAsync(IdentityTypes.Tumxuk, period.MonthKey, cancellationToken))
        {
            if (await ledgers.LoadAsync(personKey, IdentityTypes.Tumxuk, cancellationToken) is not { } loaded)
            {
                continue;
            }

            var state = loaded.State;
            foreach (var claim in state.Claims.DistinctBy(c => c.Id).OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                if (state.Results.GetValueOrDefault(claim.Id) is not { Category: "class-4" } result)
                {
                    continue;
                }

                var change = state.History.GetValueOrDefault(claim.Id, []).Where(h => period.Contains(ChinaTime.DateOf(h.At))).Sum(h => h.Delta);
                if (change != 0m)
                {
                    yield return new ClassFourTopUp(IdentityTypes.Tumxuk, claim.Id, state.MaskedIdNumber, ClaimInput.Read(state.Claims.Last(c => c.Id == claim.Id).Input).ServiceDate,
                        result.AccountingYear, change, due);
                }
            }
        }
    }
}
