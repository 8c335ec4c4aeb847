namespace MedicalAssistance.Testing;

/// <summary>Host settings that make queue tests run in well under a second per retry (host.json keys and ours).</summary>
public static class FastHostSettings
{
    public static IReadOnlyDictionary<string, string?> Queues { get; } = new Dictionary<string, string?>
    {
        ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.100",
        ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
        ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3",
        ["Hosting:Queues:MinPollingInterval"] = "00:00:00.020",
        ["Hosting:ShutdownTimeout"] = "00:00:10",
        ["Hosting:BlobArrivals:Scan"] = "false",
    };
}
