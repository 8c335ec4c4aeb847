namespace MedicalAssistance.Functions.Beneficiaries;

/// <summary>
/// Beneficiary sign-in (configuration section <c>Beneficiaries</c>). The defaults are the rules: a code lives 5
/// minutes, works once, and 5 wrong tries void it.
/// </summary>
public sealed class BeneficiaryOptions
{
    public const string Section = "Beneficiaries";

    /// <summary>Table of the one-time codes, keyed by person key (<c>Beneficiaries:CodesTable</c>).</summary>
    public string CodesTable { get; set; } = "signincodes";

    /// <summary>Queue that carries each code to the SMS sender (<c>Beneficiaries:SmsQueue</c>).</summary>
    public string SmsQueue { get; set; } = "signin-sms";

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxWrongTries { get; set; } = 5;

    /// <summary>Lifetime of a beneficiary token; the portal's session ends with it at the latest.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Codes sent for one ID number within <see cref="SendWindow"/>.</summary>
    public int CodesPerIdNumber { get; set; } = 5;

    public TimeSpan SendWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Shortest time between two codes for one ID number.</summary>
    public TimeSpan ResendAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sign-in and verify requests per client address and minute (per instance: the portal is one address).</summary>
    public int RequestsPerAddressPerMinute { get; set; } = 30;

    /// <summary>Where the development SMS outbox writes (<c>Beneficiaries:SmsOutboxPath</c>); run.sh uses <c>.local/sms-outbox.log</c>.</summary>
    public string SmsOutboxPath { get; set; } = ".local/sms-outbox.log";
}
