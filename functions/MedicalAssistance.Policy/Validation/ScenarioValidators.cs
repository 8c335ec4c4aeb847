using System.Text.Json;
using FluentValidation;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;

namespace MedicalAssistance.Policy.Validation;

// One validator per JSON object of scenario-format.md §3, rules in the order of §6. Lists are walked by ScenarioReader
// so that each element's path (claims[1], person.identities[0]) is explicit.

/// <summary>§6 step 2: <c>profile</c>.</summary>
internal sealed class ProfileFieldValidator : JsonObjectValidator
{
    public ProfileFieldValidator()
    {
        Field("profile").Required().IsString()
            .Must(v => PolicyProfiles.Find(v.GetString()!) is not null).Fails(ErrorCodes.UnknownProfile);
        Field("person").Required().IsObject();
    }
}

/// <summary>§6 step 3: the person's own fields, then the identities array itself.</summary>
internal sealed class PersonValidator : JsonObjectValidator
{
    public PersonValidator()
    {
        Field("id").Required().IsString().Must(v => v.GetString()!.Length > 0).Fails(ErrorCodes.Required);
        Field("birthDate").Required().IsDate();
        Field("insurance").Required().OneOf("resident", "employee", "none");
        Field("mentalDisorder").IsBoolean();
        Field("identities").Required().IsArray();
    }
}

/// <summary>§6 step 3: one identity.</summary>
internal sealed class IdentityValidator : JsonObjectValidator
{
    public IdentityValidator()
    {
        Field("type").Required().IsString()
            .Must(v => IdentityTypes.Find(v.GetString()!) is not null).Fails(ErrorCodes.UnknownIdentityType);
        Field("determinedOn").IsDate();
        Field("start").Required().IsDate();
        Field("end").IsDate()
            .Must((identity, end) => !end.IsPresent() || end.Date() >= identity.Get("start").Date()).Fails(ErrorCodes.EndBeforeStart);
    }
}

/// <summary>§6 step 4: one claim, facility included.</summary>
internal sealed class ClaimValidator : JsonObjectValidator
{
    public ClaimValidator()
    {
        Field("id").Required().IsString();
        Field("kind").Required().OneOf("inpatient", "outpatient", "chronic-outpatient");
        Field("admission").Required().IsDate();
        Field("discharge").Required().When(IsInpatient);
        Field("discharge").IsDate();
        Field("discharge")
            .Must((claim, discharge) => discharge.Date() == claim.Get("admission").Date()).Fails(ErrorCodes.InvalidValue)
            .When(claim => !IsInpatient(claim) && claim.Get("discharge").IsPresent());
        Field("discharge")
            .Must((claim, discharge) => discharge.Date() >= claim.Get("admission").Date()).Fails(ErrorCodes.DischargeBeforeAdmission)
            .When(IsInpatient);
        Field("policyScopeSelfPay").Required().IsMoney();
        Field("outOfPolicySelfPay").IsMoney();
        Field("notionalInsurancePayment").IsMoney();
        Field("settlement").OneOf("one-stop", "manual");
        Field("referral").IsBoolean();
        Field("emergency").IsBoolean();
        Field("followUp").IsBoolean();
        Field("facility").IsObject();
        Field("facility").SetValidator(new FacilityValidator()).When(claim => claim.Get("facility").IsPresent());
        Field("diagnosis").IsString();
        Field("exclusion").OneOf("NO_FORMAL_RECEIPT", "ILLEGAL_ACT", "SELF_HARM", "THIRD_PARTY_LIABLE", "GOVERNMENT_EXCLUDED");
    }

    private static bool IsInpatient(JsonElement claim) => claim.Get("kind").ValueKind == JsonValueKind.String && claim.Get("kind").GetString() == "inpatient";
}

internal sealed class FacilityValidator : JsonObjectValidator
{
    public FacilityValidator()
    {
        Field("level").Must(v => !v.IsPresent() || (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var level) && level is >= 1 and <= 3))
            .Fails(ErrorCodes.InvalidValue);
        Field("inProvince").IsBoolean();
        Field("inCity").IsBoolean();
        Field("designated").IsBoolean();
    }
}

/// <summary>§6 step 6: one operator money parameter (<c>parameters.&lt;name&gt;</c>).</summary>
internal sealed class MoneyParameterValidator : JsonObjectValidator
{
    public MoneyParameterValidator(string name) => Field(name).Required(ErrorCodes.MissingParameter).IsMoney();
}

/// <summary>§6 step 6: <c>parameters.benefits</c> itself.</summary>
internal sealed class BenefitsFieldValidator : JsonObjectValidator
{
    public BenefitsFieldValidator() => Field("benefits").Required(ErrorCodes.MissingParameter).IsObject();
}

/// <summary>§6 step 6: one entry of <c>parameters.benefits</c>.</summary>
internal sealed class BenefitEntryValidator : JsonObjectValidator
{
    public BenefitEntryValidator(string code)
    {
        Field(code).Required(ErrorCodes.MissingParameter).IsObject();
        Field(code).SetValidator(new BenefitRuleValidator());
    }
}

/// <summary>§3.1 BenefitRule: deductible, ratio, exactly one cap form, optional tilted rule.</summary>
internal sealed class BenefitRuleValidator : JsonObjectValidator
{
    public BenefitRuleValidator()
    {
        Field("deductible").Required(ErrorCodes.MissingParameter).IsMoney();
        Field("ratio").Required(ErrorCodes.MissingParameter).IsRatio();
        // The cap form: annualCap if neither form is present, otherwise the missing one of the pair; both forms is invalid.
        Field("annualCap").Required(ErrorCodes.MissingParameter).When(rule => !HasAnySplitCap(rule));
        Field("annualCap").Must(v => !v.IsPresent()).Fails(ErrorCodes.InvalidValue).When(HasAnySplitCap);
        Field("outpatientAnnualCap").Required(ErrorCodes.MissingParameter).When(HasAnySplitCap);
        Field("inpatientAnnualCap").Required(ErrorCodes.MissingParameter).When(HasAnySplitCap);
        Field("annualCap").IsMoney();
        Field("outpatientAnnualCap").IsMoney();
        Field("inpatientAnnualCap").IsMoney();
        Field("tilted").IsObject();
        Field("tilted").SetValidator(new TiltedRuleValidator()).When(rule => rule.Get("tilted").IsPresent());
    }

    private static bool HasAnySplitCap(JsonElement rule) => rule.Get("outpatientAnnualCap").IsPresent() || rule.Get("inpatientAnnualCap").IsPresent();
}

internal sealed class TiltedRuleValidator : JsonObjectValidator
{
    public TiltedRuleValidator()
    {
        Field("deductible").Required(ErrorCodes.MissingParameter).IsMoney();
        Field("ratio").Required(ErrorCodes.MissingParameter).IsRatio();
        Field("annualCap").Required(ErrorCodes.MissingParameter).IsMoney();
    }
}
