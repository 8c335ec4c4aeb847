namespace MedicalAssistance.Functions.Claims.Parameters;

/// <summary>One version of a profile's settlement parameters for a year: the scenario's <c>parameters</c> object, who set it and when.</summary>
public sealed record SettlementParameterVersion(string Profile, int Year, int Version, string Json, string SetBy, DateTimeOffset SetAt);
