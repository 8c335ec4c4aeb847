namespace MedicalAssistance.Functions.Departments;

/// <summary>
/// A department that pushes rosters. Departments are data (table <c>departments</c>), not code:
/// a department belongs to one region profile and may push only the identity types it determines.
/// </summary>
/// <param name="Code">Stable code, used in routes, blob paths and key scopes (<c>department:{code}</c>), e.g. <c>meizhou-civil</c>.</param>
/// <param name="Name">Chinese name shown to people, e.g. 梅州市民政局.</param>
/// <param name="Profile">Region profile id, e.g. <c>meizhou-2025</c>.</param>
/// <param name="Kind">What kind of department it is: <c>civil-affairs</c>, <c>rural-affairs</c>, <c>union</c>, <c>disabled-persons</c>,
/// <c>rural-revitalisation</c>, <c>medical-security</c>. Push deadlines depend on it.</param>
/// <param name="AllowedIdentityTypes">Glossary codes this department determines.</param>
public sealed record Department(string Code, string Name, string Profile, string Kind, IReadOnlySet<string> AllowedIdentityTypes);
