using System.Text;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Beneficiaries.Sms;

/// <summary>
/// The local SMS sender: appends each message to <see cref="BeneficiaryOptions.SmsOutboxPath"/> (one line
/// <c>{utc time} {masked phone}: {text}</c>) and logs one line <c>sms {masked phone}: {text}</c>, which ./run.sh shows.
/// The clear phone number is written nowhere.
/// </summary>
public sealed partial class DevelopmentSmsOutbox(IOptions<BeneficiaryOptions> options, TimeProvider time, ILogger<DevelopmentSmsOutbox> logger) : ISmsSender
{
    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        var masked = PhoneNumbers.Mask(phone);
        var path = Path.GetFullPath(options.Value.SmsOutboxPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var line = $"{time.GetUtcNow():O} {masked}: {text}\n";
        await FileLock.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(path, line, Encoding.UTF8, cancellationToken);
        }
        finally
        {
            FileLock.Release();
        }

        LogSms(masked, text);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "sms {MaskedPhone}: {Text}")]
    private partial void LogSms(string maskedPhone, string text);
}
