using System.Text.Json;
using MedicalAssistance.Policy.Identities;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;

namespace MedicalAssistance.Policy.Validation;

/// <summary>
/// The scenario's validators and readers for one part at a time, for callers that hold the parts apart: a stored claim, a
/// year's settlement parameters, a person from the rosters. Same rules, field paths and codes as <see cref="ScenarioReader"/>
/// (scenario-format.md §6), so a stored claim is read exactly as <c>simulate</c> reads it.
/// </summary>
public static class ScenarioParts
{
    /// <summary>§6 step 4 for one claim object; <paramref name="path"/> is its path, e.g. <c>claims[3]</c>.</summary>
    public static ScenarioError? ClaimError(JsonElement claim, string path)
    {
        if (claim.ValueKind != JsonValueKind.Object)
        {
            var code = claim.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? ErrorCodes.Required : ErrorCodes.InvalidValue;
            return new ScenarioError(path, code, $"{path}: {ErrorCodes.Describe(code)}");
        }

        return ScenarioReader.ClaimFields.FirstError(claim, path);
    }

    /// <summary>A claim object that <see cref="ClaimError"/> accepted.</summary>
    public static Claim ReadClaim(JsonElement claim) => ScenarioReader.ReadClaim(claim);

    /// <summary>
    /// A parameters object on its own (a year's settlement parameters, before any person): its shape, the money parameters the
    /// profile requires, <c>benefits</c> for Meizhou and Inner Mongolia, and every benefit rule it gives for a type the
    /// profile covers. Which rules a person needs is checked per person by <see cref="ParametersError"/>.
    /// </summary>
    public static ScenarioError? ParametersShapeError(PolicyProfile profile, JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            var code = parameters.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? ErrorCodes.Required : ErrorCodes.InvalidValue;
            return new ScenarioError("parameters", code, "parameters: " + ErrorCodes.Describe(code));
        }

        foreach (var name in profile.RequiredParameters)
        {
            if (ScenarioReader.MoneyParameters[name].FirstError(parameters, "parameters") is { } error)
            {
                return error;
            }
        }

        if (!profile.OperatorBenefits)
        {
            return null;
        }

        if (ScenarioReader.BenefitsField.FirstError(parameters, "parameters") is { } benefitsError)
        {
            return benefitsError;
        }

        var benefits = parameters.Get("benefits");
        foreach (var code in profile.CoveredTypes.Select(t => t.Code).Append(IdentityTypes.TwoDiseaseChild))
        {
            if (benefits.Get(code).IsPresent() && ScenarioReader.BenefitEntries[code].FirstError(benefits, "parameters.benefits") is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>§6 step 6 for a person and their claims: the first parameter they need that is missing or invalid.</summary>
    public static ScenarioError? ParametersError(PolicyProfile profile, JsonElement parameters, Person person, IReadOnlyList<Claim> claims) =>
        ScenarioReader.ParametersError(profile, parameters, person, claims);

    /// <summary>The parameters a person's settlement uses, once <see cref="ParametersError"/> found none missing.</summary>
    public static ScenarioParameters ReadParameters(PolicyProfile profile, JsonElement parameters, Person person) =>
        ScenarioReader.ReadParameters(profile, parameters, person);
}
