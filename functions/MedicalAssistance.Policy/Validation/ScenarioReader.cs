using System.Text.Json;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Settlement;

namespace MedicalAssistance.Policy.Validation;

/// <summary>
/// Turns one scenario JSON object into a <see cref="Scenario"/>, or the first validation error in the order of
/// scenario-format.md §6: profile, person, identities, claims, duplicate ids, profile parameters.
/// </summary>
public static class ScenarioReader
{
    private static readonly ProfileFieldValidator ProfileField = new();
    private static readonly PersonValidator PersonFields = new();
    private static readonly IdentityValidator IdentityFields = new();
    internal static readonly ClaimValidator ClaimFields = new();
    internal static readonly BenefitsFieldValidator BenefitsField = new();
    private static readonly BenefitRuleValidator RuleFields = new();
    internal static readonly Dictionary<string, MoneyParameterValidator> MoneyParameters = PolicyProfiles.All
        .SelectMany(p => p.RequiredParameters).Distinct(StringComparer.Ordinal)
        .ToDictionary(name => name, name => new MoneyParameterValidator(name), StringComparer.Ordinal);
    internal static readonly Dictionary<string, BenefitEntryValidator> BenefitEntries = IdentityTypes.All.Select(t => t.Code)
        .Append(IdentityTypes.TwoDiseaseChild)
        .ToDictionary(code => code, code => new BenefitEntryValidator(code), StringComparer.Ordinal);

    public static (Scenario? Scenario, ScenarioError? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, new ScenarioError("$", ErrorCodes.InvalidValue, "$: 场景应为 JSON 对象 / a scenario must be a JSON object"));
        }

        var error = ProfileField.FirstError(root, "");
        if (error is not null)
        {
            return (null, error);
        }

        var personJson = root.Get("person");
        error = PersonFields.FirstError(personJson, "person")
            ?? Each(personJson.Get("identities"), "person.identities", IdentityFields)
            ?? ClaimsError(root.Get("claims"))
            ?? DuplicateIdError(root.Get("claims"));
        if (error is not null)
        {
            return (null, error);
        }

        var profile = PolicyProfiles.Get(root.Get("profile").GetString()!);
        var person = ReadPerson(personJson);
        var claims = root.Get("claims").EnumerateArray().Select(ReadClaim).ToArray();
        var parametersJson = root.Get("parameters");
        error = ParametersError(profile, parametersJson, person, claims);
        if (error is not null)
        {
            return (null, error);
        }

        return (new Scenario(profile, ReadParameters(profile, parametersJson, person), person, claims), null);
    }

    private static ScenarioError? ClaimsError(JsonElement claims)
    {
        if (!claims.IsPresent())
        {
            return new ScenarioError("claims", ErrorCodes.Required, "claims: " + ErrorCodes.Describe(ErrorCodes.Required));
        }

        if (claims.ValueKind != JsonValueKind.Array)
        {
            return new ScenarioError("claims", ErrorCodes.InvalidValue, "claims: " + ErrorCodes.Describe(ErrorCodes.InvalidValue));
        }

        return Each(claims, "claims", ClaimFields);
    }

    /// <summary>Validates each element of an array in order; an element that is not an object is INVALID_VALUE.</summary>
    private static ScenarioError? Each(JsonElement array, string path, JsonObjectValidator validator)
    {
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var elementPath = $"{path}[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                var code = element.IsPresent() ? ErrorCodes.InvalidValue : ErrorCodes.Required;
                return new ScenarioError(elementPath, code, $"{elementPath}: {ErrorCodes.Describe(code)}");
            }

            if (validator.FirstError(element, elementPath) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static ScenarioError? DuplicateIdError(JsonElement claims)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var claim in claims.EnumerateArray())
        {
            if (!seen.Add(claim.Get("id").GetString()!))
            {
                var field = $"claims[{index}].id";
                return new ScenarioError(field, ErrorCodes.DuplicateId, $"{field}: {ErrorCodes.Describe(ErrorCodes.DuplicateId)}");
            }

            index++;
        }

        return null;
    }

    /// <summary>§6 step 6: the parameters the profile needs.</summary>
    internal static ScenarioError? ParametersError(PolicyProfile profile, JsonElement parameters, Person person, IReadOnlyList<Claim> claims)
    {
        if (parameters.IsPresent() && parameters.ValueKind != JsonValueKind.Object)
        {
            return new ScenarioError("parameters", ErrorCodes.InvalidValue, "parameters: " + ErrorCodes.Describe(ErrorCodes.InvalidValue));
        }

        foreach (var name in profile.RequiredParameters)
        {
            if (MoneyParameters[name].FirstError(parameters, "parameters") is { } error)
            {
                return error;
            }
        }

        if (profile.UninsuredNeedNotionalInsurancePayment)
        {
            for (var i = 0; i < claims.Count; i++)
            {
                if (claims[i].InsuranceOf(person) == InsuranceStatus.None && claims[i].NotionalInsurancePayment is null)
                {
                    var field = $"claims[{i}].notionalInsurancePayment";
                    return new ScenarioError(field, ErrorCodes.Required, $"{field}: 未参保人员须提供模拟医保支付额 / required for an uninsured person");
                }
            }
        }

        if (!profile.OperatorBenefits)
        {
            return null;
        }

        if (BenefitsField.FirstError(parameters, "parameters") is { } benefitsError)
        {
            return benefitsError;
        }

        var benefits = parameters.Get("benefits");
        foreach (var code in CoveredCodesHeld(profile, person))
        {
            if (BenefitEntries[code].FirstError(benefits, "parameters.benefits") is { } error)
            {
                return error;
            }
        }

        if (profile.TwoDiseaseChild is { } twoDisease && claims.Any(c => SettlementEngine.QualifiesAsTwoDiseaseChild(twoDisease, person, c)))
        {
            return BenefitEntries[IdentityTypes.TwoDiseaseChild].FirstError(benefits, "parameters.benefits");
        }

        return null;
    }

    /// <summary>Covered identity types the person holds, whatever their dates, in glossary rank order.</summary>
    private static IEnumerable<string> CoveredCodesHeld(PolicyProfile profile, Person person) =>
        person.Identities.Select(i => i.Type).Where(profile.Covers).Distinct().OrderBy(t => t.Rank).Select(t => t.Code);

    private static Person ReadPerson(JsonElement json) => new(
        json.Get("id").GetString()!,
        json.Get("birthDate").Date(),
        json.Get("insurance").GetString() switch
        {
            "resident" => InsuranceStatus.Resident,
            "employee" => InsuranceStatus.Employee,
            _ => InsuranceStatus.None,
        },
        json.Get("mentalDisorder").Boolean(absent: false),
        [.. json.Get("identities").EnumerateArray().Select(ReadIdentity)]);

    private static Identity ReadIdentity(JsonElement json)
    {
        var start = json.Get("start").Date();
        return new Identity(
            IdentityTypes.Find(json.Get("type").GetString()!)!,
            json.Get("determinedOn").OptionalDate() ?? start,
            start,
            json.Get("end").OptionalDate());
    }

    internal static Claim ReadClaim(JsonElement json)
    {
        var facility = json.Get("facility");
        return new Claim(
            json.Get("id").GetString()!,
            json.Get("kind").GetString() switch
            {
                "inpatient" => ClaimKind.Inpatient,
                "outpatient" => ClaimKind.Outpatient,
                _ => ClaimKind.ChronicOutpatient,
            },
            json.Get("admission").Date(),
            json.Get("discharge").OptionalDate(),
            json.Get("policyScopeSelfPay").Money(),
            json.Get("outOfPolicySelfPay").OptionalMoney() ?? 0m,
            json.Get("notionalInsurancePayment").OptionalMoney(),
            json.Get("settlement").OptionalString() == "manual" ? SettlementChannel.Manual : SettlementChannel.OneStop,
            json.Get("referral").Boolean(absent: true),
            json.Get("emergency").Boolean(absent: false),
            json.Get("followUp").Boolean(absent: false),
            facility.IsPresent()
                ? new Facility(
                    facility.Get("level").IsPresent() ? facility.Get("level").GetInt32() : null,
                    facility.Get("inProvince").Boolean(absent: true),
                    facility.Get("inCity").Boolean(absent: true),
                    facility.Get("designated").Boolean(absent: true))
                : null,
            json.Get("diagnosis").OptionalString(),
            json.Get("exclusion").OptionalString() switch
            {
                "NO_FORMAL_RECEIPT" => Exclusion.NoFormalReceipt,
                "ILLEGAL_ACT" => Exclusion.IllegalAct,
                "SELF_HARM" => Exclusion.SelfHarm,
                "THIRD_PARTY_LIABLE" => Exclusion.ThirdPartyLiable,
                "GOVERNMENT_EXCLUDED" => Exclusion.GovernmentExcluded,
                _ => Exclusion.None,
            });
    }

    /// <summary>The validated parameters the profile uses: its money parameters and the benefit rules it needs.</summary>
    internal static ScenarioParameters ReadParameters(PolicyProfile profile, JsonElement json, Person person)
    {
        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in profile.RequiredParameters)
        {
            amounts[name] = json.Get(name).Money();
        }

        var benefits = new Dictionary<string, BenefitRule>(StringComparer.Ordinal);
        if (profile.OperatorBenefits)
        {
            var benefitsJson = json.Get("benefits");
            foreach (var code in CoveredCodesHeld(profile, person).Append(IdentityTypes.TwoDiseaseChild))
            {
                var rule = benefitsJson.Get(code);
                if (rule.ValueKind == JsonValueKind.Object && RuleFields.FirstError(rule, "") is null)
                {
                    benefits[code] = ReadBenefitRule(rule);
                }
            }
        }

        return new ScenarioParameters(amounts, benefits);
    }

    private static BenefitRule ReadBenefitRule(JsonElement json)
    {
        var tilted = json.Get("tilted");
        return new BenefitRule(
            json.Get("deductible").Money(),
            json.Get("ratio").Ratio(),
            json.Get("annualCap").OptionalMoney(),
            json.Get("outpatientAnnualCap").OptionalMoney(),
            json.Get("inpatientAnnualCap").OptionalMoney(),
            tilted.IsPresent()
                ? new TiltedRule(tilted.Get("deductible").Money(), tilted.Get("ratio").Ratio(), tilted.Get("annualCap").Money())
                : null);
    }
}
