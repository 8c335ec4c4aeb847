using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Claims.Parameters;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// <c>monthly-monitoring</c> for a month P of year Y: the high-expense early-warning list (高额医疗费用支出预警) that medical
/// security pushes to civil affairs and rural affairs (Tumxuk Art. 19(一), by the 5th; Baoshan Art. 26; Inner Mongolia Art. 8).
/// Every person with claims served in Y (table <c>claimindex</c>, streamed) is summed by the engine over the claims served by the
/// end of P (<see cref="PersonClaimSettlement.Years"/>: the personal burden of Y, G-8). Inner Mongolia flags by the engine's year
/// alerts (burden above 100% / 50% of the settlement parameter <c>ruralDisposableIncomePrevYear</c>); the other profiles by the
/// operator's threshold for Y (<see cref="MonitoringThresholdStore"/>; none set: that profile flags nobody, thresholds.csv says
/// so). Each person is listed once per alert and year (<see cref="MonitoringAlertStore"/>): a person flagged in March is not
/// flagged again in April. Memory holds one person's claims at a time.
/// </summary>
public sealed class MonthlyMonitoring(
    ClaimLedgerStore ledgers,
    PersonStore persons,
    SettlementParameterStore parameters,
    MonitoringThresholdStore thresholds,
    MonitoringAlertStore alerts,
    RunOutputs outputs,
    IOptions<RunFeatureOptions> options) : IPeriodRun
{
    public const string RunName = "monthly-monitoring";

    /// <summary>The alert of an operator threshold (the profiles other than Inner Mongolia).</summary>
    public const string OperatorAlert = "HIGH_EXPENSE_MONITORING";

    public string Name => RunName;

    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var period = context.Period;
        if (period.Month is null)
        {
            throw new ArgumentException($"{RunName} runs for a month (yyyy-MM), not for the year {period}.", nameof(context));
        }

        var key = period.ToString();
        var year = period.Year;
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var used = new List<object?[]>();
        var (read, reported) = (0, 0);
        await using (var lines = await RunTableWriter.CreateAsync(outputs, Name, key, MonitoringFiles.Alerts, MonitoringFiles.AlertsXlsx, MonitoringFiles.AlertsHeader, cancellationToken))
        {
            foreach (var policy in PolicyProfiles.All.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                var profile = policy.Id;
                decimal? threshold = null;
                if (profile == IdentityTypes.InnerMongolia)
                {
                    var set = await parameters.GetAsync(profile, year, cancellationToken);
                    used.Add([profile, year, "ILLNESS_POVERTY_MONITORING / ILLNESS_RETURN_POVERTY_MONITORING", null,
                        set is null ? "结算参数未设置，不预警 settlement parameters not set" : $"第8条：上年农村牧区居民人均可支配收入的100%/50%（结算参数 v{set.Version}）"]);
                }
                else
                {
                    var set = await thresholds.GetAsync(profile, year, cancellationToken);
                    threshold = set?.Threshold.BurdenThreshold;
                    used.Add([profile, year, OperatorAlert, threshold, set is null ? "未设置，不预警 not set" : $"运营参数 v{set.Version}（{set.SetBy}）"]);
                    if (threshold is null)
                    {
                        continue;
                    }
                }

                var parametersByYear = new Dictionary<int, string?>();
                await foreach (var personKey in ledgers.PersonsServedInAsync(profile, year, cancellationToken))
                {
                    if (++read - reported >= options.Value.ProgressEvery)
                    {
                        reported = read;
                        await context.ReportAsync(read, read, $"{profile}|{read}", cancellationToken);
                    }

                    foreach (var line in await FlagAsync(policy, personKey, period, threshold, parametersByYear, cancellationToken))
                    {
                        await lines.WriteRowAsync(MonitoringFiles.AlertsRow(line), cancellationToken);
                        counts[profile] = counts.GetValueOrDefault(profile) + 1;
                    }
                }
            }

            await lines.CompleteAsync(cancellationToken);
        }

        await using (var table = await RunTableWriter.CreateAsync(outputs, Name, key, MonitoringFiles.Thresholds, null, MonitoringFiles.ThresholdsHeader, cancellationToken))
        {
            foreach (var row in used)
            {
                await table.WriteRowAsync(row, cancellationToken);
            }

            await table.CompleteAsync(cancellationToken);
        }

        await context.ReportAsync(read, read, "outputs", cancellationToken);
        return new RunResult(counts.ToDictionary(c => c.Key, c => new RunTotals(c.Value, 0m, 0m, 0m, 0m), StringComparer.Ordinal), MonitoringFiles.All);
    }

    /// <summary>The alerts this month's list raises for a person: the year's burden over the claims served by the end of P, each alert once per year.</summary>
    private async Task<List<MonitoringLine>> FlagAsync(PolicyProfile policy, string personKey, RunPeriod period, decimal? threshold,
        Dictionary<int, string?> parametersByYear, CancellationToken cancellationToken)
    {
        var lines = new List<MonitoringLine>();
        if (await ledgers.LoadAsync(personKey, policy.Id, cancellationToken) is not { } loaded)
        {
            return lines;
        }

        var served = loaded.State.Claims.Where(c => ClaimInput.Read(c.Input).ServiceDate < period.End).ToList();
        if (served.Count == 0)
        {
            return lines;
        }

        var person = (await persons.LoadAsync(personKey, cancellationToken))?.State;
        var byYear = new Dictionary<int, string>();
        foreach (var serviceYear in served.Select(c => ClaimInput.Read(c.Input).ServiceDate.Year).Distinct())
        {
            if (!parametersByYear.TryGetValue(serviceYear, out var json))
            {
                parametersByYear[serviceYear] = json = (await parameters.GetAsync(policy.Id, serviceYear, cancellationToken))?.Json;
            }

            if (json is not null)
            {
                byYear[serviceYear] = json;
            }
        }

        var identities = person?.Identities ?? [];
        var years = PersonClaimSettlement.Years(new PersonClaimInputs(policy, loaded.State.BirthDate, identities, served, byYear));
        if (years.FirstOrDefault(y => y.Year == period.Year) is not { } year)
        {
            return lines;
        }

        IReadOnlyList<(string Alert, decimal Threshold)> raised = threshold is { } t
            ? year.PersonalBurden > t ? [(OperatorAlert, t)] : []
            : year.Alerts;
        var types = string.Join("、", identities.Select(i => i.Type).Where(type => IdentityTypes.IsKnownTo(type, policy.Id)).Distinct().Order(StringComparer.Ordinal)
            .Select(IdentityTypes.DisplayNameOf));
        foreach (var (alert, level) in raised)
        {
            var recorded = await alerts.RaiseAsync(new MonitoringAlert(policy.Id, period.Year, personKey, alert, period.ToString(), year.PersonalBurden, level), cancellationToken);
            if (recorded.Period == period.ToString())
            {
                lines.Add(new MonitoringLine(recorded, loaded.State.MaskedIdNumber, types));
            }
        }

        return lines;
    }
}
