namespace MedicalAssistance.Contracts.Beneficiaries;

/// <summary>
/// The one answer to every well-formed sign-in request, whether or not the person exists or has a phone on file: a code was
/// sent if the details match (no enumeration). <see cref="Message"/> is Chinese and says to ask the centre if no code arrives.
/// </summary>
public sealed record BeneficiaryLoginAccepted(string Message, int CodeValidSeconds);
