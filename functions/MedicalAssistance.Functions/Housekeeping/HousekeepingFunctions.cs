using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Housekeeping;

public sealed class HousekeepingFunctions(ReceiptHousekeeping housekeeping)
{
    /// <summary>Daily (app setting <c>Housekeeping:Schedule</c>, default 03:30 Asia/Shanghai): old blob-arrival receipts go.</summary>
    [Function("housekeeping")]
    public Task Housekeeping([TimerTrigger("%Housekeeping:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        housekeeping.RunAsync(cancellationToken);
}
