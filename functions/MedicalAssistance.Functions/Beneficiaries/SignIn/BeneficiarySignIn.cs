using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MedicalAssistance.Functions.Beneficiaries.Sms;
using MedicalAssistance.Functions.Beneficiaries.Tokens;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Beneficiaries.SignIn;

/// <summary>
/// Sign-in by SMS code. <see cref="RequestCodeAsync"/> does the same reads, writes and queue message whether or not the person
/// exists, the name matches or a mobile phone is on file, so neither the answer nor its timing tells who is on record.
/// Codes expire after <see cref="BeneficiaryOptions.CodeLifetime"/>, work once, and <see cref="BeneficiaryOptions.MaxWrongTries"/>
/// wrong tries void them.
/// </summary>
public sealed partial class BeneficiarySignIn(
    PersonStore persons,
    PersonKeys keys,
    IdProtector protector,
    SignInCodeStore codes,
    BeneficiarySecrets secrets,
    BeneficiaryTokens tokens,
    QueueSender queue,
    IOptions<BeneficiaryOptions> options,
    TimeProvider time,
    ILogger<BeneficiarySignIn> logger)
{
    private const int MaxAttempts = 5;

    public async Task<CodeRequestResult> RequestCodeAsync(IdNumber idNumber, string name, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var personKey = keys.KeyOf(idNumber);
        var person = await persons.LoadAsync(personKey, cancellationToken);
        var mobile = MobileOnFile(person?.State, name);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var current = await codes.GetAsync(personKey, cancellationToken);
            var windowStart = current is { } c && now - c.Code.WindowStart < o.SendWindow ? c.Code.WindowStart : now;
            var sent = current is { } d && windowStart == d.Code.WindowStart ? d.Code.SentInWindow : 0;
            if (current is { } last && now - last.Code.IssuedAt < o.ResendAfter)
            {
                return new CodeRequestResult(false, o.ResendAfter - (now - last.Code.IssuedAt));
            }

            if (sent >= o.CodesPerIdNumber)
            {
                return new CodeRequestResult(false, windowStart + o.SendWindow - now);
            }

            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            var challenge = Guid.NewGuid().ToString("N");
            var next = new SignInCode
            {
                PersonKey = personKey,
                ChallengeId = challenge,
                CodeHash = Hash(challenge, code),
                Deliverable = mobile is not null,
                ExpiresAt = now + o.CodeLifetime,
                IssuedAt = now,
                WindowStart = windowStart,
                SentInWindow = sent + 1,
            };
            if (await codes.TryWriteAsync(next, current?.ETag, cancellationToken))
            {
                // Always one message, encrypted either way: the queue's work is the same for every request.
                await queue.SendAsync(o.SmsQueue, new SignInSmsMessage(personKey, challenge, mobile is null ? null : protector.Protect(mobile), protector.Protect(code)), cancellationToken);
                return CodeRequestResult.Sent;
            }

            if (attempt == MaxAttempts)
            {
                // Several requests for one ID number at the same instant: the others won, and a code is on its way.
                return new CodeRequestResult(false, o.ResendAfter);
            }
        }
    }

    /// <summary>The token for a correct, unexpired, unused code; null otherwise (for whatever reason: the caller says nothing more).</summary>
    public async Task<SignInResult?> VerifyAsync(IdNumber idNumber, string code, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var personKey = keys.KeyOf(idNumber);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            if (await codes.GetAsync(personKey, cancellationToken) is not { } current)
            {
                return null;
            }

            var stored = current.Code;
            if (stored.Used || stored.CodeHash.Length == 0 || now >= stored.ExpiresAt || stored.WrongTries >= o.MaxWrongTries)
            {
                return null;
            }

            var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.CodeHash), Encoding.ASCII.GetBytes(Hash(stored.ChallengeId, code)));
            if (matches && stored.Deliverable)
            {
                if (!await codes.TryWriteAsync(stored with { Used = true, CodeHash = "" }, current.ETag, cancellationToken))
                {
                    continue; // someone used or tried it meanwhile: decide again on a fresh read (a code works once)
                }

                var person = await persons.LoadAsync(personKey, cancellationToken);
                if (person is null)
                {
                    return null;
                }

                var principal = tokens.Issue(personKey, out var token);
                LogSignedIn(personKey[..8]);
                return new SignInResult(principal, token, person.State.MaskedIdNumber);
            }

            var tries = stored.WrongTries + 1;
            var voided = tries >= o.MaxWrongTries;
            if (await codes.TryWriteAsync(stored with { WrongTries = tries, CodeHash = voided ? "" : stored.CodeHash }, current.ETag, cancellationToken))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The mobile to send a code to: the person is on record, alive, the name matches, and 联系电话 is a mobile.</summary>
    private string? MobileOnFile(PersonState? person, string name)
    {
        var nameMatches = person is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(person.NameFingerprint), Encoding.ASCII.GetBytes(keys.Fingerprint(name)));
        if (person is null || !nameMatches || person.Deceased || person.EncryptedPhone is null)
        {
            return null;
        }

        return PhoneNumbers.Mobile(protector.Unprotect(person.EncryptedPhone));
    }

    private string Hash(string challenge, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secrets.CodeKey, Encoding.UTF8.GetBytes(challenge + "|" + code)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Beneficiary {PersonKeyPrefix}… signed in")]
    private partial void LogSignedIn(string personKeyPrefix);
}
