using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Functions.Simulate;

/// <summary>
/// How much one simulate request may ask for (configuration section <c>Simulate:Limits</c>); the defaults are
/// <see cref="SimulationLimits"/>'s, documented in the README and the API description.
/// </summary>
public sealed class SimulateLimitsOptions
{
    public const string Section = "Simulate:Limits";

    public int MaxScenariosPerRequest { get; set; } = SimulationLimits.MaxScenariosPerRequest;

    public int MaxClaimsPerScenario { get; set; } = SimulationLimits.MaxClaimsPerScenario;

    public int MaxClaimsPerRequest { get; set; } = SimulationLimits.MaxClaimsPerRequest;

    public long MaxBodyBytes { get; set; } = SimulationLimits.MaxBodyBytes;

    public SimulationLimits ToLimits() => new()
    {
        ScenariosPerRequest = MaxScenariosPerRequest,
        ClaimsPerScenario = MaxClaimsPerScenario,
        ClaimsPerRequest = MaxClaimsPerRequest,
        BodyBytes = MaxBodyBytes,
    };
}
