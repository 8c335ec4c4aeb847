namespace MedicalAssistance.Policy.Validation;

/// <summary>The one validation error a scenario reports (scenario-format.md §6): field path, stable code, free text.</summary>
public sealed record ScenarioError(string Field, string Code, string Message);

/// <summary>Error codes of scenario-format.md §6.</summary>
public static class ErrorCodes
{
    public const string MalformedJson = "MALFORMED_JSON";
    public const string Required = "REQUIRED";
    public const string InvalidValue = "INVALID_VALUE";
    public const string InvalidDate = "INVALID_DATE";
    public const string NegativeAmount = "NEGATIVE_AMOUNT";
    public const string AmountTooLarge = "AMOUNT_TOO_LARGE";
    public const string DuplicateKey = "DUPLICATE_KEY";
    public const string TooManyScenarios = "TOO_MANY_SCENARIOS";
    public const string TooManyClaims = "TOO_MANY_CLAIMS";
    public const string BodyTooLarge = "BODY_TOO_LARGE";
    public const string DischargeBeforeAdmission = "DISCHARGE_BEFORE_ADMISSION";
    public const string EndBeforeStart = "END_BEFORE_START";
    public const string DuplicateId = "DUPLICATE_ID";
    public const string UnknownProfile = "UNKNOWN_PROFILE";
    public const string UnknownIdentityType = "UNKNOWN_IDENTITY_TYPE";
    public const string MissingParameter = "MISSING_PARAMETER";

    /// <summary>A bilingual description of a code, for the free-text message.</summary>
    public static string Describe(string code) => code switch
    {
        MalformedJson => "请求不是有效的 JSON / the body is not valid JSON",
        Required => "必填项缺失 / a required field is missing or null",
        InvalidValue => "取值无效 / invalid value",
        InvalidDate => "日期无效（应为 yyyy-MM-dd 的真实日期）/ not a valid yyyy-MM-dd calendar date",
        NegativeAmount => "金额不能为负 / amount must not be negative",
        AmountTooLarge => "金额超过上限 100,000,000.00 元 / amount is above the limit of 100,000,000.00 yuan",
        DuplicateKey => "JSON 对象中有重复的键 / a JSON object repeats a key",
        TooManyScenarios => $"一次请求最多 {Simulation.SimulationLimits.MaxScenariosPerRequest} 个场景 / at most {Simulation.SimulationLimits.MaxScenariosPerRequest} scenarios per request",
        TooManyClaims => $"一个场景最多 {Simulation.SimulationLimits.MaxClaimsPerScenario} 笔费用、一次请求最多 {Simulation.SimulationLimits.MaxClaimsPerRequest} 笔 / at most {Simulation.SimulationLimits.MaxClaimsPerScenario} claims per scenario and {Simulation.SimulationLimits.MaxClaimsPerRequest} per request",
        BodyTooLarge => $"请求体超过 {Simulation.SimulationLimits.MaxBodyBytes / 1024 / 1024} MiB / the body is larger than {Simulation.SimulationLimits.MaxBodyBytes / 1024 / 1024} MiB",
        DischargeBeforeAdmission => "出院日期早于入院日期 / discharge is before admission",
        EndBeforeStart => "身份结束日期早于开始日期 / identity end is before its start",
        DuplicateId => "费用单据编号重复 / claim id repeats an earlier claim",
        UnknownProfile => "未知的地区政策 / unknown profile",
        UnknownIdentityType => "未知的人员类别 / unknown identity type",
        MissingParameter => "缺少经办参数 / a required operator parameter is missing",
        _ => code,
    };
}
