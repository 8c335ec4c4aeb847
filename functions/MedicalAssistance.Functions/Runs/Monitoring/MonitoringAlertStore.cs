using System.Globalization;
using Azure;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// Table <c>monitoringalerts</c>: PartitionKey = <c>{profile}|{year}</c>, RowKey = <c>{personKey}|{alert}</c>; insert-only. The
/// first month's list to raise an alert for a person and year inserts it; a later month finds it and does not list the person
/// again (each person once per alert and year); an attempt done again finds its own period and lists the person again, as
/// first written (so its files are the same).
/// </summary>
public sealed class MonitoringAlertStore(StorageAccount storage, string tableName)
{
    private readonly TableClient _table = storage.Table(tableName);

    /// <summary>The alert as recorded: <paramref name="alert"/> when it is first raised now, else the one raised before.</summary>
    public async Task<MonitoringAlert> RaiseAsync(MonitoringAlert alert, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(alert.Profile, alert.Year), alert.PersonKey + "|" + alert.Alert)
        {
            ["Alert"] = alert.Alert,
            ["Period"] = alert.Period,
            ["Burden"] = alert.Burden.ToString(CultureInfo.InvariantCulture),
            ["Threshold"] = alert.Threshold.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return alert;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var found = (await _table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)).Value;
            return alert with
            {
                Period = found.GetString("Period"),
                Burden = decimal.Parse(found.GetString("Burden"), NumberStyles.Number, CultureInfo.InvariantCulture),
                Threshold = decimal.Parse(found.GetString("Threshold"), NumberStyles.Number, CultureInfo.InvariantCulture),
            };
        }
    }

    private static string Partition(string profile, int year) => string.Create(CultureInfo.InvariantCulture, $"{profile}|{year}");
}
