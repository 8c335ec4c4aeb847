using System.Globalization;
using System.Text;

namespace MedicalAssistance.Functions.Rosters.Validation;

/// <summary>
/// The characters a person's name in a roster may hold: Chinese characters (CJK unified ideographs with every extension,
/// compatibility ideographs, 〇), the middle dots that join the parts of a minority or foreign name (·, •, ・, ‧, as
/// household registers and ID cards write them), and Latin letters and spaces (names written in the Latin alphabet). Anything
/// else — markup (<c>&lt;</c>), formula prefixes (<c>=</c>, <c>+</c>, <c>@</c>), digits, bidi and other invisible controls
/// (U+202E) — is reported, never stored.
/// </summary>
public static class PersonNames
{
    /// <summary>The first character (or surrogate pair) that a name may not hold, or null if all are allowed.</summary>
    public static Rune? FirstDisallowed(string name)
    {
        foreach (var rune in name.EnumerateRunes())
        {
            if (!IsAllowed(rune))
            {
                return rune;
            }
        }

        return null;
    }

    public static bool IsAllowed(Rune rune) => rune.Value switch
    {
        >= 0x4E00 and <= 0x9FFF => true,     // CJK Unified Ideographs
        >= 0x3400 and <= 0x4DBF => true,     // Extension A
        >= 0x20000 and <= 0x2EBEF => true,   // Extensions B–F (and I)
        >= 0x30000 and <= 0x323AF => true,   // Extensions G–H
        >= 0xF900 and <= 0xFAFF => true,     // CJK Compatibility Ideographs
        >= 0x2F800 and <= 0x2FA1F => true,   // CJK Compatibility Ideographs Supplement
        0x3007 => true,                      // 〇
        0x00B7 or 0x2022 or 0x30FB or 0x2027 or 0xFF0E => true, // · • ・ ‧ ．
        ' ' => true,
        _ => IsLatinLetter(rune),
    };

    /// <summary>A Latin letter, accented ones included (Latin-1 Supplement and Latin Extended-A/B), with its combining marks.</summary>
    private static bool IsLatinLetter(Rune rune) =>
        rune.Value < 0x0250 && Rune.IsLetter(rune)
        || rune.Value is >= 0x0300 and <= 0x036F; // combining diacritics (a decomposed é)

    /// <summary>How the clerk is shown the character: itself if visible, otherwise its code point.</summary>
    public static string Describe(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        var invisible = category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
            or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
        var code = $"U+{rune.Value:X4}";
        return invisible ? $"{code}（不可见字符）" : $"“{rune}”（{code}）";
    }
}
