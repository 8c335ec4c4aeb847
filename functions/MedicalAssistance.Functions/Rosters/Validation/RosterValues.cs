using System.Globalization;
using MedicalAssistance.Functions.Rosters.Reading;

namespace MedicalAssistance.Functions.Rosters.Validation;

/// <summary>Parses the cells of a roster into values. Used by the validator and, once a row is valid, to build it.</summary>
public static class RosterValues
{
    // yyyy-M-d also accepts yyyy-MM-dd. Some systems export a midnight time after the date.
    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy.M.d",
        "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy/M/d H:mm",
    ];

    /// <summary>A real calendar date in a text format a roster may use, or an Excel date cell (or serial number).</summary>
    public static bool TryParseDate(RawCell cell, out DateOnly date)
    {
        date = default;
        if (cell.IsEmpty)
        {
            return false;
        }

        if (DateTime.TryParseExact(cell.Text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return date.Year is >= 1900 and <= 2199;
        }

        // A date cell without a date format shows as its serial number (days since 1899-12-30).
        if (cell.Kind == RawCellKind.Number
            && double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
            && serial is >= 1 and < 2958466 && serial == Math.Floor(serial))
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return date.Year is >= 1900 and <= 2199;
        }

        return false;
    }

    public static bool TryParseChange(string text, out RosterChange change)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "新增" or "add":
                change = RosterChange.Add;
                return true;
            case "变更" or "change":
                change = RosterChange.Change;
                return true;
            case "退出" or "exit":
                change = RosterChange.Exit;
                return true;
            case "死亡" or "death":
                change = RosterChange.Death;
                return true;
            default:
                change = default;
                return false;
        }
    }

    public static bool TryParseInsurance(string text, out InsuranceStatus insurance)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "居民" or "城乡居民" or "resident":
                insurance = InsuranceStatus.Resident;
                return true;
            case "职工" or "城镇职工" or "employee":
                insurance = InsuranceStatus.Employee;
                return true;
            case "未参保" or "none":
                insurance = InsuranceStatus.None;
                return true;
            default:
                insurance = default;
                return false;
        }
    }

    /// <summary>Digits with an optional leading +, hyphens and spaces; 5 to 20 characters (landlines, mobiles, extensions).</summary>
    public static bool IsPhone(string text) =>
        text.Length is >= 5 and <= 20
        && text.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '+')
        && text.Count(char.IsAsciiDigit) >= 5;

    /// <summary>A 6-digit administrative division code (GB/T 2260), e.g. 441402.</summary>
    public static bool IsCountyCode(string text) => text.Length == 6 && text.All(char.IsAsciiDigit);
}
