using MedicalAssistance.Functions.Beneficiaries.Sms;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

/// <summary>
/// Queue <c>signin-sms</c>: sends the code of a sign-in request by SMS, if there is someone to send it to and the request is
/// still the person's current, unexpired one. A redelivered message sends nothing twice once its delivery is recorded.
/// </summary>
public sealed class SignInSmsHandler(SignInCodeStore codes, IdProtector protector, ISmsSender sms, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<BeneficiaryOptions> options)
{
    public async Task RunAsync(SignInSmsMessage message, CancellationToken cancellationToken)
    {
        if (message.ProtectedMobile is null || await codes.GetAsync(message.PersonKey, cancellationToken) is not { } current)
        {
            return;
        }

        var code = current.Code;
        if (code.ChallengeId != message.ChallengeId || code.DeliveredChallenge == message.ChallengeId || time.GetUtcNow() >= code.ExpiresAt)
        {
            return;
        }

        var minutes = (int)options.Value.CodeLifetime.TotalMinutes;
        await sms.SendAsync(protector.Unprotect(message.ProtectedMobile),
            $"【医疗救助】您的登录验证码为{protector.Unprotect(message.ProtectedCode)}，{minutes}分钟内有效，请勿告诉他人。", cancellationToken);
        // Recorded after sending: a crash in between sends the same code again, which is harmless; never sending is not.
        await codes.TryWriteAsync(code with { DeliveredChallenge = message.ChallengeId }, current.ETag, cancellationToken);
    }
}
