using MedicalAssistance.Functions.Runs.FundLedger;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// How far an attempt of <see cref="MonthlySettlement"/> got, saved with its heartbeat (<see cref="RunContext.CheckpointAsync{T}"/>):
/// every person of the adjustment partitions before <see cref="Profile"/> and <see cref="Month"/> (profiles, then months, in the
/// run's order) and of that partition up to <see cref="AfterPerson"/> is settled, paid and in the staged blocks of claims.csv and adjustments.csv; the sums
/// of those persons' lines are <see cref="Payables"/> and <see cref="Postings"/>.
/// </summary>
public sealed record SettlementCheckpoint(
    string Profile,
    string Month,
    string AfterPerson,
    int Done,
    int Total,
    IReadOnlyList<BlockSegment> ClaimsBlocks,
    IReadOnlyList<BlockSegment> AdjustmentsBlocks,
    IReadOnlyList<PayableRow> Payables,
    IReadOnlyList<JournalLine> Postings);
