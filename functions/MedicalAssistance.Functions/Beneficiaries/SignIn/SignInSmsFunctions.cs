using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

public sealed class SignInSmsFunctions(SignInSmsHandler handler)
{
    /// <summary>Sends a sign-in code by SMS (at most once per challenge once delivery is recorded).</summary>
    [Function("SignInSms")]
    public Task SignInSms([QueueTrigger("%Beneficiaries:SmsQueue%")] SignInSmsMessage message, CancellationToken cancellationToken) =>
        handler.RunAsync(message, cancellationToken);
}
