using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Enrolment.Parameters;

namespace MedicalAssistance.Functions.Tests.Enrolment.Parameters;

public sealed class EnrolmentParametersValidatorTests
{
    public static TheoryData<string, EnrolmentParameters, string?, string?> Cases => new()
    {
        { "tumxuk-2025", new EnrolmentParameters(400m, MonitoredRuralInTransition: true), null, null },
        { "baoshan-2023", new EnrolmentParameters(400m, FixedSubsidyAmount: 200m), null, null },
        { "meizhou-2025", new EnrolmentParameters(400m, SubsidyRatios: new Dictionary<string, decimal> { ["DIBAO"] = 0.5m }), null, null },
        { "meizhou-2025", new EnrolmentParameters(null), "body", "PARAMETERS_EMPTY" },
        { "meizhou-2025", new EnrolmentParameters(0m), "individualContribution", "AMOUNT_INVALID" },
        { "meizhou-2025", new EnrolmentParameters(-1m), "individualContribution", "AMOUNT_INVALID" },
        { "meizhou-2025", new EnrolmentParameters(400.001m), "individualContribution", "AMOUNT_INVALID" },
        { "meizhou-2025", new EnrolmentParameters(40000m), "individualContribution", "AMOUNT_INVALID" },
        { "meizhou-2025", new EnrolmentParameters(400m, FixedSubsidyAmount: 200m), "fixedSubsidyAmount", "PARAMETER_NOT_USED" },
        { "baoshan-2023", new EnrolmentParameters(400m, FixedSubsidyAmount: 0.001m), "fixedSubsidyAmount", "AMOUNT_INVALID" },
        { "tumxuk-2025", new EnrolmentParameters(400m, SubsidyRatios: new Dictionary<string, decimal> { ["DIBAO"] = 0.5m }), "subsidyRatios", "PARAMETER_NOT_USED" },
        { "meizhou-2025", new EnrolmentParameters(400m, SubsidyRatios: new Dictionary<string, decimal> { ["DIBAO"] = 1.5m }), "subsidyRatios.DIBAO", "RATIO_INVALID" },
        { "meizhou-2025", new EnrolmentParameters(400m, SubsidyRatios: new Dictionary<string, decimal> { ["BORDER_VILLAGER"] = 0.5m }), "subsidyRatios.BORDER_VILLAGER", "UNKNOWN_IDENTITY_TYPE" },
        { "jieyang-2019", new EnrolmentParameters(400m, MonitoredRuralInTransition: false), "monitoredRuralInTransition", "PARAMETER_NOT_USED" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_parameter_is_checked_against_the_profile_that_uses_it(string profile, EnrolmentParameters parameters, string? field, string? code)
    {
        var result = new EnrolmentParametersValidator(profile).Validate(parameters);

        Assert.Equal((field, code), result.IsValid ? (null, null) : (result.Errors[0].PropertyName, result.Errors[0].ErrorCode));
    }
}
