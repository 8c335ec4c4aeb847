namespace MedicalAssistance.Functions.Runs;

/// <summary>A file a run wrote under <c>reports/{name}/{period}/</c>, with the API address it is downloaded from.</summary>
public sealed record RunOutput(string Name, string Url);
