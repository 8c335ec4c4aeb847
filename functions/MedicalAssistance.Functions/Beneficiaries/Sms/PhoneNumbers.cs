namespace MedicalAssistance.Functions.Beneficiaries.Sms;

/// <summary>Phone numbers as the SMS path needs them.</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// The 11-digit mainland mobile number in a roster's 联系电话 (spaces, hyphens and a +86 prefix dropped), or null when it is
    /// a landline or anything else that cannot receive an SMS.
    /// </summary>
    public static string? Mobile(string? phone)
    {
        if (phone is null)
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length == 11 && digits[0] == '1' ? digits : null;
    }

    /// <summary><c>13800138000</c> → <c>138****8000</c>: the only form a phone appears in a log line or on a page.</summary>
    public static string Mask(string mobile) =>
        mobile.Length >= 7 ? string.Concat(mobile.AsSpan(0, 3), new string('*', mobile.Length - 7), mobile.AsSpan(mobile.Length - 4)) : new string('*', mobile.Length);
}
