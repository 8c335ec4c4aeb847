using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.OperatorData;

/// <summary>
/// The <c>{profile}/{year}</c> of the operator-data routes (enrolment parameters, settlement parameters, fund budgets): a known
/// profile (404 <c>UNKNOWN_PROFILE</c>, naming those there are) and a year from <see cref="FirstYear"/> to <see cref="LastYear"/>
/// (400 <c>YEAR_INVALID</c>). One rule, so the three answer alike.
/// </summary>
public static class ProfileYearRoute
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>Null when both are valid; otherwise status, code, field and the messages.</summary>
    public static (int Status, string Code, string Field, string Zh, string En)? Error(string profile, int year) =>
        !IdentityTypes.ProfileIds.Contains(profile)
            ? (StatusCodes.Status404NotFound, "UNKNOWN_PROFILE", "profile", $"未知的地区配置“{profile}”，可用：{string.Join("、", IdentityTypes.ProfileIds)}", $"Unknown profile '{profile}'.")
            : year is < FirstYear or > LastYear
                ? (StatusCodes.Status400BadRequest, "YEAR_INVALID", "year", $"年度应在{FirstYear}至{LastYear}之间", $"The year must be between {FirstYear} and {LastYear}.")
                : null;

    /// <summary>As <see cref="Error"/>, as the problem answer.</summary>
    public static IResult? Problem(string profile, int year) =>
        Error(profile, year) is { } e ? ApiProblem.Result(e.Status, e.Code, e.Zh, e.En, e.Field) : null;
}
