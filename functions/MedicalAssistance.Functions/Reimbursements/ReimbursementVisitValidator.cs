using FluentValidation;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>The visit's fields, checked at the edge with Chinese messages naming the field (docs/scenario-format.md §3.3).</summary>
public sealed class ReimbursementVisitValidator : AbstractValidator<ReimbursementVisit>
{
    public const decimal MaxAmount = 10_000_000m;
    public static readonly IReadOnlyList<string> Kinds = ["inpatient", "outpatient", "chronic-outpatient"];

    public ReimbursementVisitValidator(DateOnly today)
    {
        RuleFor(v => v.Profile).Must(p => p is not null && IdentityTypes.ProfileIds.Contains(p))
            .WithName("profile").WithErrorCode("PROFILE_INVALID").WithMessage("请选择就医地区");
        RuleFor(v => v.Kind).Must(k => k is not null && Kinds.Contains(k))
            .WithName("kind").WithErrorCode("KIND_INVALID").WithMessage("请选择就医类型（住院、门诊或门诊慢特病）");
        RuleFor(v => v.Admission).NotNull().WithName("admission").WithErrorCode("ADMISSION_REQUIRED").WithMessage("请填写入院（就诊）日期")
            .Must(d => d <= today).WithName("admission").WithErrorCode("ADMISSION_IN_FUTURE").WithMessage("入院（就诊）日期不能晚于今天");
        RuleFor(v => v.Discharge).NotNull().When(v => v.Kind == "inpatient")
            .WithName("discharge").WithErrorCode("DISCHARGE_REQUIRED").WithMessage("住院请填写出院日期");
        RuleFor(v => v.Discharge).Must((v, d) => d is null || v.Admission is null || d >= v.Admission)
            .WithName("discharge").WithErrorCode("DISCHARGE_BEFORE_ADMISSION").WithMessage("出院日期不能早于入院日期");
        RuleFor(v => v.Discharge).Must((v, d) => d is null || v.Kind == "inpatient" || d == v.Admission)
            .WithName("discharge").WithErrorCode("DISCHARGE_OUTPATIENT").WithMessage("门诊的出院日期应与就诊日期相同或不填");
        RuleFor(v => v.FacilityName).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 100)
            .WithName("facilityName").WithErrorCode("FACILITY_REQUIRED").WithMessage("请填写医疗机构名称（不超过100字）");
        RuleFor(v => v.PolicyScopeSelfPay).NotNull().InclusiveBetween(0m, MaxAmount)
            .WithName("policyScopeSelfPay").WithErrorCode("AMOUNT_INVALID").WithMessage("请填写政策范围内个人负担金额（0至1000万元）");
        RuleFor(v => v.OutOfPolicySelfPay).InclusiveBetween(0m, MaxAmount).When(v => v.OutOfPolicySelfPay is not null)
            .WithName("outOfPolicySelfPay").WithErrorCode("AMOUNT_INVALID").WithMessage("政策范围外自付金额应在0至1000万元之间");
        RuleFor(v => v).Must(v => Cents(v.PolicyScopeSelfPay) && Cents(v.OutOfPolicySelfPay))
            .WithName("policyScopeSelfPay").WithErrorCode("AMOUNT_PRECISION").WithMessage("金额最多保留两位小数");
    }

    private static bool Cents(decimal? amount) => amount is null || decimal.Round(amount.Value, 2, MidpointRounding.AwayFromZero) == amount.Value;
}
