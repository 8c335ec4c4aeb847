namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

/// <summary>
/// Queue <c>signin-sms</c>: one per sign-in request, sent whether or not a code can be delivered, so that every request
/// costs the same. The phone and code travel encrypted (<see cref="Persons.IdProtector"/>); <see cref="ProtectedMobile"/> is
/// null when there is nobody to send to.
/// </summary>
public sealed record SignInSmsMessage(string PersonKey, string ChallengeId, string? ProtectedMobile, string ProtectedCode);
