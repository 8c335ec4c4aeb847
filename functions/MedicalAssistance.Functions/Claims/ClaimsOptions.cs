namespace MedicalAssistance.Functions.Claims;

/// <summary>Configuration section <c>Claims</c>: the tables and queues of claim settlement (a test host keeps its own).</summary>
public sealed class ClaimsOptions
{
    public const string Section = "Claims";

    /// <summary>Submitted claims, one entity per claim id (<c>Claims:Table</c>).</summary>
    public string Table { get; set; } = ClaimStore.TableName;

    /// <summary>One ledger entity per person and profile (<c>Claims:LedgerTable</c>).</summary>
    public string LedgerTable { get; set; } = ClaimLedgerStore.LedgerTableName;

    /// <summary>Claim id → person and profile (<c>Claims:IndexTable</c>).</summary>
    public string IndexTable { get; set; } = ClaimLedgerStore.IndexTableName;

    /// <summary>Adjustments of settled results (<c>Claims:AdjustmentTable</c>).</summary>
    public string AdjustmentTable { get; set; } = ClaimLedgerStore.AdjustmentTableName;

    /// <summary>Versioned settlement parameters (<c>Claims:ParametersTable</c>).</summary>
    public string ParametersTable { get; set; } = Parameters.SettlementParameterStore.TableName;

    /// <summary>Claims to settle (<c>Claims:Queue</c>).</summary>
    public string Queue { get; set; } = ClaimQueueNames.DefaultClaims;

    /// <summary>Persons whose ledgers to recompute (<c>Claims:RecomputeQueue</c>).</summary>
    public string RecomputeQueue { get; set; } = ClaimQueueNames.DefaultRecompute;
}
