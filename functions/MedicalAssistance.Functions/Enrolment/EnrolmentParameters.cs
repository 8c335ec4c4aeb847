using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Azure;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Enrolment;

/// <summary>
/// Operator parameters the enrolment subsidy needs for one profile and year (policy-rules.md §3): none has a built-in default.
/// </summary>
/// <param name="IndividualContribution">The year's individual contribution to resident insurance (个人缴费标准), yuan.</param>
/// <param name="FixedSubsidyAmount">Baoshan's fixed (定额) subsidy per person, yuan.</param>
/// <param name="SubsidyRatios">Share of the contribution per identity code where the document leaves it open (Meizhou, Inner Mongolia, Jieyang OTHER_SPECIAL), 0–1.</param>
/// <param name="MonitoredRuralInTransition">Tumxuk: whether monitored rural persons are within the five-year transition period (五年过渡期).</param>
public sealed record EnrolmentParameters(
    decimal? IndividualContribution,
    decimal? FixedSubsidyAmount = null,
    IReadOnlyDictionary<string, decimal>? SubsidyRatios = null,
    bool? MonitoredRuralInTransition = null)
{
    public static EnrolmentParameters Missing { get; } = new(IndividualContribution: null);
}

/// <summary>Table <c>policyparameters</c>: PartitionKey = profile id, RowKey = year; written by operators (and tests).</summary>
public sealed class EnrolmentParameterStore(StorageAccount storage, string tableName = EnrolmentParameterStore.TableName)
{
    public const string TableName = "policyparameters";
    public const string TableKey = "Enrolment:ParametersTable";

    private readonly TableClient _table = storage.Table(tableName);

    public async Task PutAsync(string profile, int year, EnrolmentParameters parameters, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(profile, year.ToString(CultureInfo.InvariantCulture))
        {
            ["IndividualContribution"] = Format(parameters.IndividualContribution),
            ["FixedSubsidyAmount"] = Format(parameters.FixedSubsidyAmount),
            ["SubsidyRatios"] = parameters.SubsidyRatios is null ? (string?)null : JsonSerializer.Serialize(parameters.SubsidyRatios),
            ["MonitoredRuralInTransition"] = parameters.MonitoredRuralInTransition,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The parameters of a year, or <see cref="EnrolmentParameters.Missing"/> when the operator has not set them.</summary>
    public async Task<EnrolmentParameters> GetAsync(string profile, int year, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(profile, year.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
            if (!response.HasValue || response.Value is null)
            {
                return EnrolmentParameters.Missing;
            }

            var e = response.Value;
            var ratios = e.GetString("SubsidyRatios");
            return new EnrolmentParameters(
                Parse(e.GetString("IndividualContribution")),
                Parse(e.GetString("FixedSubsidyAmount")),
                ratios is null ? null : JsonSerializer.Deserialize<Dictionary<string, decimal>>(ratios),
                e.GetBoolean("MonitoredRuralInTransition"));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return EnrolmentParameters.Missing;
        }
    }

    // Decimals as invariant strings: the table service has no decimal type and a double would lose cents.
    private static string? Format(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static decimal? Parse(string? text) => text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
