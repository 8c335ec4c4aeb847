using System.Globalization;

namespace MedicalAssistance.Functions.Persons;

/// <summary>Why a text is not a valid 18-character 身份证号 (GB 11643-1999).</summary>
public enum IdNumberProblem
{
    None,
    Missing,
    /// <summary>Excel stored the number as a number: shown as 4.40103E+17 or with trailing zeros, digits are lost.</summary>
    ExcelNumber,
    WrongLength,
    NotDigits,
    InvalidBirthDate,
    InvalidCheckDigit,
}

/// <summary>
/// A validated, normalised 18-character resident ID number. Personal data: <see cref="ToString"/> is masked, so an
/// accidental log line or interpolation never prints it in clear. Use <see cref="Value"/> only to key (HMAC) or encrypt it.
/// </summary>
public readonly record struct IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private IdNumber(string value) => Value = value;

    /// <summary>The clear, normalised number (upper-case X). Never log it.</summary>
    public string Value { get; }

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Masked for display: the first 4 and the last 4 characters, e.g. <c>4401**********123X</c>.</summary>
    public string Masked => Mask(Value);

    /// <summary>The first six digits: the 行政区划代码 (GB/T 2260) of the county where the number was issued, the household registration's.</summary>
    public string RegionCode => Value[..6];

    public override string ToString() => Masked;

    public static IdNumberProblem Validate(string? text, out IdNumber idNumber)
    {
        idNumber = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return IdNumberProblem.Missing;
        }

        var trimmed = text.Trim();
        if (LooksLikeExcelNumber(trimmed))
        {
            return IdNumberProblem.ExcelNumber;
        }

        if (trimmed.Length != 18)
        {
            return IdNumberProblem.WrongLength;
        }

        var normalised = trimmed.ToUpperInvariant();
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(normalised[i]))
            {
                return IdNumberProblem.NotDigits;
            }
        }

        if (!char.IsAsciiDigit(normalised[17]) && normalised[17] != 'X')
        {
            return IdNumberProblem.NotDigits;
        }

        if (!DateOnly.TryParseExact(normalised.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            return IdNumberProblem.InvalidBirthDate;
        }

        if (CheckCharacter(normalised) != normalised[17])
        {
            // Excel keeps 15 significant digits: 440103199001011234 becomes 440103199001011000.
            return normalised.EndsWith("000", StringComparison.Ordinal) ? IdNumberProblem.ExcelNumber : IdNumberProblem.InvalidCheckDigit;
        }

        idNumber = new IdNumber(normalised);
        return IdNumberProblem.None;
    }

    public static bool TryParse(string? text, out IdNumber idNumber) => Validate(text, out idNumber) == IdNumberProblem.None;

    /// <summary>ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Masks any text that may be an ID number, valid or not, keeping at most the first and last 4 characters.</summary>
    public static string Mask(string text) =>
        text.Length <= 8 ? new string('*', text.Length) : string.Concat(text.AsSpan(0, 4), new string('*', text.Length - 8), text.AsSpan(text.Length - 4));

    /// <summary>
    /// Scientific notation (4.40103E+17) or a plain 16-18 digit number that ends in zeros where Excel's 15 significant digits ran
    /// out cannot be repaired: the digits are gone.
    /// </summary>
    private static bool LooksLikeExcelNumber(string text) =>
        text.Contains('E', StringComparison.OrdinalIgnoreCase) && text.Contains('+', StringComparison.Ordinal)
        && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || text.EndsWith(".0", StringComparison.Ordinal)
        && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
