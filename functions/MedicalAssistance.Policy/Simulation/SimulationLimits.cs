namespace MedicalAssistance.Policy.Simulation;

/// <summary>
/// How much one simulation request may ask for (the <c>simulate</c> command and <c>POST /api/settlements/simulate</c>
/// alike). A real request settles one person's claims, or a few hundred persons for a what-if; the bounds keep an
/// anonymous caller from making the host parse and render without end.
/// </summary>
public sealed record SimulationLimits
{
    /// <summary>Scenarios in one array body.</summary>
    public const int MaxScenariosPerRequest = 1_000;

    /// <summary>Claims of one scenario: a chronic patient's outpatient visits over two years stay well below it.</summary>
    public const int MaxClaimsPerScenario = 1_000;

    /// <summary>Claims of all scenarios of one request together.</summary>
    public const int MaxClaimsPerRequest = 10_000;

    /// <summary>The body in bytes (4 MiB): 1,000 typical scenarios take about 0.5 MB.</summary>
    public const long MaxBodyBytes = 4L * 1024 * 1024;

    /// <summary>The limits in words, for the API description (zh / en).</summary>
    public const string Description =
        "每次请求最多 1,000 个场景、每个场景最多 1,000 笔费用、合计最多 10,000 笔费用，请求体最多 4 MiB，单项金额最多 100,000,000.00 元；"
        + "超出时返回 400（TOO_MANY_SCENARIOS、TOO_MANY_CLAIMS、AMOUNT_TOO_LARGE）或 413（BODY_TOO_LARGE）。"
        + " / At most 1,000 scenarios per request, 1,000 claims per scenario and 10,000 claims in all, a body of at most 4 MiB, "
        + "and amounts of at most 100,000,000.00 yuan; beyond that 400 (TOO_MANY_SCENARIOS, TOO_MANY_CLAIMS, AMOUNT_TOO_LARGE) "
        + "or 413 (BODY_TOO_LARGE).";

    /// <summary>The limits above.</summary>
    public static SimulationLimits Default { get; } = new();

    public int ScenariosPerRequest { get; init; } = MaxScenariosPerRequest;

    public int ClaimsPerScenario { get; init; } = MaxClaimsPerScenario;

    public int ClaimsPerRequest { get; init; } = MaxClaimsPerRequest;

    public long BodyBytes { get; init; } = MaxBodyBytes;
}
