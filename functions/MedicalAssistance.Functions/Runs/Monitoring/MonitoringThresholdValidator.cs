using FluentValidation;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// Checks a monitoring threshold an operator sets: required, above 0, to the fen and at most 100,000,000 yuan (the ceiling of
/// every amount, README "Simulate limits"); refused for Inner Mongolia, whose thresholds are the engine's (Art. 8: a share of the
/// settlement parameter <c>ruralDisposableIncomePrevYear</c>), so that a value set there is not silently ignored.
/// </summary>
public sealed class MonitoringThresholdValidator : AbstractValidator<MonitoringThreshold>
{
    public const decimal MaxAmount = 100_000_000m;

    public MonitoringThresholdValidator(string profile)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleFor(t => t.BurdenThreshold).Must(_ => profile != IdentityTypes.InnerMongolia)
            .OverridePropertyName("burdenThreshold").WithErrorCode("PARAMETER_NOT_USED")
            .WithMessage("内蒙古的高额医疗费用预警标准按第8条由结算参数 ruralDisposableIncomePrevYear 确定，不另设");
        RuleFor(t => t.BurdenThreshold).NotNull()
            .OverridePropertyName("burdenThreshold").WithErrorCode("THRESHOLD_REQUIRED").WithMessage("请填写个人负担预警标准 burdenThreshold");
        RuleFor(t => t.BurdenThreshold).Must(a => a is > 0m and <= MaxAmount && decimal.Round(a.Value, 2) == a.Value).When(t => t.BurdenThreshold is not null && profile != IdentityTypes.InnerMongolia)
            .OverridePropertyName("burdenThreshold").WithErrorCode("AMOUNT_INVALID").WithMessage($"预警标准应大于0、不超过{MaxAmount:0}元，且最多两位小数");
    }
}
