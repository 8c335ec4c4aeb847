namespace MedicalAssistance.Functions.Beneficiaries.Sms;

/// <summary>
/// Sends one text message. Locally <see cref="DevelopmentSmsOutbox"/>; in Azure an SMS gateway's client is registered instead
/// (not written yet). <paramref name="phone"/> is personal data: implementations never log it in clear.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken cancellationToken);
}
