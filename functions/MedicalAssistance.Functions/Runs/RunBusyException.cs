namespace MedicalAssistance.Functions.Runs;

/// <summary>
/// The period is being run by another attempt whose heartbeat is fresh (or that crashed less than <see cref="RunFeatureOptions.StaleAfter"/>
/// ago): the timer invocation fails, so a queued run request is delivered again later and then takes a crashed attempt over.
/// </summary>
public sealed class RunBusyException(string name, string period, DateTimeOffset? heartbeatAt)
    : Exception($"Run {name} {period} is running elsewhere (last heartbeat {heartbeatAt:O}); it is retried later.");
