using FluentValidation;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Enrolment.Parameters;

/// <summary>
/// Checks the enrolment parameters an operator sets for one profile and year: amounts in yuan to the fen, ratios between 0
/// and 1, and only the parameters the profile's rules use (EnrolmentRules), so that a value set for the wrong region is
/// refused instead of silently ignored. Field names are the JSON paths; messages are Chinese.
/// </summary>
public sealed class EnrolmentParametersValidator : AbstractValidator<EnrolmentParameters>
{
    /// <summary>A contribution or fixed subsidy above this is a typing error (the 2025 national individual contribution is a few hundred yuan).</summary>
    public const decimal MaxAmount = 10_000m;

    private static readonly HashSet<string> RatioProfiles = [IdentityTypes.Meizhou, IdentityTypes.InnerMongolia, IdentityTypes.Jieyang];

    public EnrolmentParametersValidator(string profile)
    {
        RuleFor(p => p).Must(p => p.IndividualContribution is not null || p.FixedSubsidyAmount is not null || p.SubsidyRatios is not null || p.MonitoredRuralInTransition is not null)
            .OverridePropertyName("body").WithErrorCode("PARAMETERS_EMPTY").WithMessage("没有任何参数：请至少填写 individualContribution、fixedSubsidyAmount、subsidyRatios 或 monitoredRuralInTransition 之一");

        RuleFor(p => p.IndividualContribution).Must(BeAnAmount!).When(p => p.IndividualContribution is not null)
            .OverridePropertyName("individualContribution").WithErrorCode("AMOUNT_INVALID").WithMessage($"个人缴费标准应大于0、不超过{MaxAmount}元，且最多两位小数");

        RuleFor(p => p.FixedSubsidyAmount).Must(BeAnAmount!).When(p => p.FixedSubsidyAmount is not null)
            .OverridePropertyName("fixedSubsidyAmount").WithErrorCode("AMOUNT_INVALID").WithMessage($"定额资助标准应大于0、不超过{MaxAmount}元，且最多两位小数");
        RuleFor(p => p.FixedSubsidyAmount).Null().When(_ => profile != IdentityTypes.Baoshan)
            .OverridePropertyName("fixedSubsidyAmount").WithErrorCode("PARAMETER_NOT_USED").WithMessage($"{profile}不使用定额资助标准（仅保山第8条）");

        RuleFor(p => p.SubsidyRatios).Null().When(_ => !RatioProfiles.Contains(profile))
            .OverridePropertyName("subsidyRatios").WithErrorCode("PARAMETER_NOT_USED").WithMessage($"{profile}不使用按身份的资助比例（仅梅州、内蒙古、揭阳）");
        RuleForEach(p => p.SubsidyRatios).Custom((ratio, ctx) =>
        {
            var field = $"subsidyRatios.{ratio.Key}";
            if (!IdentityTypes.IsKnownTo(ratio.Key, profile))
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure(field, $"身份类别“{ratio.Key}”不属于{profile}") { ErrorCode = "UNKNOWN_IDENTITY_TYPE" });
            }
            else if (ratio.Value is < 0m or > 1m || decimal.Round(ratio.Value, 4) != ratio.Value)
            {
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure(field, "资助比例应在0到1之间（如0.5表示50%），最多四位小数") { ErrorCode = "RATIO_INVALID" });
            }
        }).When(_ => RatioProfiles.Contains(profile));

        RuleFor(p => p.MonitoredRuralInTransition).Null().When(_ => profile != IdentityTypes.Tumxuk)
            .OverridePropertyName("monitoredRuralInTransition").WithErrorCode("PARAMETER_NOT_USED").WithMessage($"{profile}不使用五年过渡期状态（仅图木舒克第12条）");
    }

    private static bool BeAnAmount(decimal? amount) => amount is { } a && a > 0m && a <= MaxAmount && decimal.Round(a, 2) == a;
}
