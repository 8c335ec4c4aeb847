using System.Globalization;
using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Tests.Persons;

/// <summary>Valid, made-up ID numbers (correct MOD 11-2 check character) for tests.</summary>
internal static class TestIds
{
    public static IdNumber Make(DateOnly birth, int sequence, string region = "441402")
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{region}{birth:yyyyMMdd}{sequence % 1000:D3}");
        return IdNumber.TryParse(first17 + IdNumber.CheckCharacter(first17), out var id) ? id : throw new InvalidOperationException("bad test id");
    }

    public static IdNumber Make(int sequence) => Make(new DateOnly(1980, 1, 1).AddDays(sequence / 1000), sequence);
}
