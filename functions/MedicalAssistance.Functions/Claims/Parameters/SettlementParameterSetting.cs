using System.Text.Json;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Validation;

using MedicalAssistance.Functions.OperatorData;

namespace MedicalAssistance.Functions.Claims.Parameters;

/// <summary>
/// <c>PUT /api/settlement-parameters/{profile}/{year}</c>: the body is exactly the scenario's <c>parameters</c> object
/// (docs/scenario-format.md §3.1), checked with the scenario's own validators (field paths such as
/// <c>parameters.benefits.DIBAO.ratio</c>, codes such as <c>MISSING_PARAMETER</c>); stored as a new version (the previous ones
/// stay, with who and when), then every person with claims in that year is computed again (held claims settle). There is no
/// built-in default: until a year is set, its claims that need it are held.
/// </summary>
public sealed class SettlementParameterSetting(SettlementParameterStore store, ClaimRecomputation recomputation, TimeProvider time)
{
    public static ClaimProblem? RouteProblem(string profile, int year) =>
        ProfileYearRoute.Error(profile, year) is { } e ? new ClaimProblem(e.Status, e.Code, e.Field, e.Zh, e.En) : null;

    public async Task<(SettlementParameterVersion? Version, ClaimProblem? Problem)> PutAsync(string profile, int year, JsonElement body, string setBy, CancellationToken cancellationToken)
    {
        if (RouteProblem(profile, year) is { } problem)
        {
            return (null, problem);
        }

        if (ScenarioParts.ParametersShapeError(PolicyProfiles.Get(profile), body) is { } error)
        {
            return (null, new ClaimProblem(400, error.Code, error.Field, $"{error.Field}：{ErrorCodes.Describe(error.Code)}", error.Message));
        }

        var version = await store.PutAsync(profile, year, body.GetRawText(), setBy, time.GetUtcNow(), cancellationToken);
        // After the write: the recompute reads the stored version, so a late or repeated message never uses stale values.
        await recomputation.ParametersSetAsync(profile, year, cancellationToken);
        return (version, null);
    }
}
