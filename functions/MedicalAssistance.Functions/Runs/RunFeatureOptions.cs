namespace MedicalAssistance.Functions.Runs;

/// <summary>Configuration section <c>Runs</c>: the tables and container of the monthly and yearly runs (a test host keeps its own).</summary>
public sealed class RunFeatureOptions
{
    public const string Section = "Runs";

    /// <summary>Schedule of timer monthly-settlement (<c>Runs:MonthlySettlementSchedule</c>, read by the trigger of both hosts).</summary>
    public string MonthlySettlementSchedule { get; set; } = "0 0 2 1 * *";

    /// <summary>One entity per run name and period (<c>Runs:Table</c>).</summary>
    public string Table { get; set; } = "runs";

    /// <summary>Per claim, which runs paid which result version (<c>Runs:PaymentTable</c>).</summary>
    public string PaymentTable { get; set; } = "claimpayments";

    /// <summary>The fund ledger's journal lines (<c>Runs:JournalTable</c>).</summary>
    public string JournalTable { get; set; } = "fundjournal";

    /// <summary>Versioned fund budgets, approved totals and balances per profile and year (<c>Runs:FundBudgetTable</c>).</summary>
    public string FundBudgetTable { get; set; } = "fundbudgets";

    /// <summary>Container of the run outputs, <c>{name}/{period}/{file}</c> (<c>Runs:ReportsContainer</c>).</summary>
    public string ReportsContainer { get; set; } = "reports";

    /// <summary>A running run whose heartbeat is older than this is taken to have crashed and may be taken over (<c>Runs:StaleAfter</c>).</summary>
    /// <remarks>A live attempt writes its heartbeat every few seconds; one minute is the longest timer lease (Hosting:Timers:LeaseDuration), so a
    /// crashed attempt is taken over by the second or third redelivery of a run request (host.json visibilityTimeout 30 s).</remarks>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Progress (and heartbeat) is written every this many persons (<c>Runs:ProgressEvery</c>).</summary>
    public int ProgressEvery { get; set; } = 200;

    /// <summary>
    /// A run that resumes (monthly-settlement) saves its checkpoint at least every this many persons (<c>Runs:CheckpointEvery</c>):
    /// a taken-over attempt redoes at most these. Each checkpoint adds a block to each output file (a blob holds 50,000).
    /// </summary>
    public int CheckpointEvery { get; set; } = 2_000;

    /// <summary>How many persons a run settles at once (<c>Runs:Parallelism</c>); their lines are still written in stream order.</summary>
    public int Parallelism { get; set; } = 16;
}
