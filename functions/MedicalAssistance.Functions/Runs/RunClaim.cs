using Azure;

namespace MedicalAssistance.Functions.Runs;

/// <summary>What claiming a run's period gave: the attempt to carry out, or why there is none.</summary>
public enum RunClaimOutcome
{
    /// <summary>This caller runs the period (first attempt, or a crashed or failed one taken over).</summary>
    Claimed,
    /// <summary>The period was done before: nothing is posted again.</summary>
    AlreadyDone,
    /// <summary>Another attempt is running (its heartbeat is fresh), or won the race to claim.</summary>
    Busy,
}

/// <summary>The result of <see cref="RunStore.TryClaimAsync"/>: the state as written (claimed) or as found.</summary>
public sealed record RunClaim(RunClaimOutcome Outcome, RunState State, ETag ETag);
