using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Functions.Rosters.Validation;
using MedicalAssistance.Policy.Identities;
using static MedicalAssistance.Functions.Rosters.Validation.RosterRowErrorCodes;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Rosters;

public sealed class RosterRowValidatorTests
{
    private static readonly Department MeizhouCivil = new("meizhou-civil", "梅州市民政局", IdentityTypes.Meizhou, "civil-affairs",
        new HashSet<string> { "TEKUN", "ORPHAN", "DE_FACTO_ORPHAN", "DIBAO", "DIBAO_MARGINAL" });

    private static readonly DateOnly Today = new(2025, 6, 30);

    private static (RosterRow? Row, List<RowError> Errors) Check(params (RosterColumn Column, RawCell Cell)[] changes)
    {
        var cells = Row(7).Select(RawCell.FromText).ToArray();
        foreach (var (column, cell) in changes)
        {
            cells[(int)column] = cell;
        }

        var errors = new List<RowError>();
        var row = new RosterRowChecker(MeizhouCivil, Today).Check(new RawRosterRow(9, cells), errors);
        return (row, errors);
    }

    private static (RosterColumn, RawCell) Set(RosterColumn column, string text) => (column, RawCell.FromText(text));

    [Fact]
    public void A_good_row_becomes_a_roster_row_with_codes_and_dates()
    {
        var (row, errors) = Check(Set(RosterColumn.IdentityType, "低保对象"), Set(RosterColumn.Start, "2025/2/1"), Set(RosterColumn.End, "20251231"),
            Set(RosterColumn.IdNumber, IdNumberFor(7).ToLowerInvariant()));

        Assert.Empty(errors);
        Assert.NotNull(row);
        Assert.Equal(9, row.Row);
        Assert.Equal(NameFor(7), row.Name);
        Assert.Equal(IdNumberFor(7).ToUpperInvariant(), row.IdNumber);
        Assert.Equal("DIBAO", row.IdentityType);
        Assert.Equal(new DateOnly(2025, 1, 10), row.DeterminedOn);
        Assert.Equal(new DateOnly(2025, 2, 1), row.Start);
        Assert.Equal(new DateOnly(2025, 12, 31), row.End);
        Assert.Equal(RosterChange.Add, row.Change);
        Assert.Equal(InsuranceStatus.Resident, row.Insurance);
        Assert.Equal("441402", row.CountyCode);
        Assert.DoesNotContain(row.IdNumber, row.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Excel_date_cells_and_serial_numbers_are_dates()
    {
        var (row, errors) = Check((RosterColumn.DeterminedOn, new RawCell("2025-01-10", RawCellKind.Date)), (RosterColumn.Start, RawCell.FromNumber(45689)));
        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2025, 2, 1), row!.Start);
    }

    public static TheoryData<string, string, string, string> BadCells => new()
    {
        { "Name", "", "name", NameRequired },
        { "Name", new string('名', 51), "name", NameTooLong },
        { "IdNumber", "", "idNumber", IdNumberRequired },
        { "IdNumber", "4.41402E+17", "idNumber", IdNumberExcelNumber },
        { "IdNumber", "44140219500101", "idNumber", IdNumberWrongLength },
        { "IdNumber", "44140219500101000Y", "idNumber", IdNumberNotDigits },
        { "IdNumber", "441402195002300001", "idNumber", IdNumberInvalidBirthDate },
        { "IdNumber", WithWrongCheck(IdNumberFor(7)), "idNumber", InvalidCheckDigit },
        { "IdentityType", "", "identityType", IdentityTypeRequired },
        { "IdentityType", "富豪", "identityType", UnknownIdentityType },
        { "IdentityType", "建档立卡贫困人员", "identityType", IdentityTypeNotInProfile },
        { "IdentityType", "因病致贫重病患者", "identityType", IdentityTypeNotAllowed },
        { "DeterminedOn", "", "determinedOn", DateRequired },
        { "DeterminedOn", "2025-02-30", "determinedOn", InvalidDate },
        { "DeterminedOn", "2025-07-01", "determinedOn", DeterminedInFuture },
        { "Start", "明天", "start", InvalidDate },
        { "End", "2025-01-31", "end", EndBeforeStart },
        { "Change", "", "change", ChangeRequired },
        { "Change", "删除", "change", UnknownChange },
        { "Insurance", "商业保险", "insurance", UnknownInsurance },
        { "Phone", "call me", "phone", InvalidPhone },
        { "County", "4414", "county", InvalidCounty },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void Each_bad_cell_has_its_field_code_and_a_Chinese_message(string column, string text, string field, string code)
    {
        var (row, errors) = Check(Set(Enum.Parse<RosterColumn>(column), text));

        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal(new RowError(9, field, code, error.Message), error);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Message);
    }

    [Theory]
    [InlineData("退出")]
    [InlineData("death")]
    public void Exit_and_death_need_an_end_date(string change)
    {
        var (_, errors) = Check(Set(RosterColumn.Change, change), Set(RosterColumn.End, ""));
        Assert.Equal([("end", EndRequired)], errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void An_ID_number_stored_by_Excel_as_a_number_is_rejected_with_the_exact_reason()
    {
        var (_, errors) = Check((RosterColumn.IdNumber, RawCell.FromNumber(441402195001010000)));
        var error = Assert.Single(errors);
        Assert.Equal(IdNumberExcelNumber, error.Code);
        Assert.Equal("身份证号被Excel存成了数字（科学计数法），后几位已丢失，请将该列设置为文本格式后重新导出", error.Message);
    }

    [Fact]
    public void An_ID_number_typed_into_another_column_is_masked_in_the_message()
    {
        var (_, errors) = Check(Set(RosterColumn.IdentityType, IdNumberFor(8)));
        var error = Assert.Single(errors);
        Assert.Equal(RosterRowErrorCodes.UnknownIdentityType, error.Code);
        Assert.DoesNotContain(IdNumberFor(8), error.Message, StringComparison.Ordinal);
        Assert.Contains(IdNumber.Mask(IdNumberFor(8)), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_at_once_and_none_repeats_the_ID_number()
    {
        var bad = WithWrongCheck(IdNumberFor(7));
        var (_, errors) = Check(Set(RosterColumn.Name, ""), Set(RosterColumn.IdNumber, bad), Set(RosterColumn.Change, "?"));
        Assert.Equal(["name", "idNumber", "change"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.DoesNotContain(bad, e.Message, StringComparison.Ordinal));
    }

    private static string IdBornOn(DateOnly birth)
    {
        var first17 = $"441402{birth:yyyyMMdd}123";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    [Fact]
    public void A_birth_date_in_the_future_is_rejected()
    {
        var (row, errors) = Check(Set(RosterColumn.IdNumber, IdBornOn(Today.AddDays(1))));

        Assert.Null(row);
        Assert.Equal([("idNumber", IdNumberBirthDateInFuture)], errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void Identity_dates_before_birth_are_rejected_each_at_its_field()
    {
        var (row, errors) = Check(Set(RosterColumn.IdNumber, IdBornOn(new DateOnly(1951, 6, 1))),
            Set(RosterColumn.DeterminedOn, "1920-01-01"), Set(RosterColumn.Start, "1900-01-01"), Set(RosterColumn.End, "1951-05-31"));

        Assert.Null(row);
        Assert.Equal([("determinedOn", DateBeforeBirth), ("start", DateBeforeBirth), ("end", DateBeforeBirth)], errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void A_period_starting_on_the_birth_date_is_accepted()
    {
        var (row, errors) = Check(Set(RosterColumn.IdNumber, IdBornOn(new DateOnly(2024, 12, 1))),
            Set(RosterColumn.DeterminedOn, "2024-12-01"), Set(RosterColumn.Start, "2024-12-01"));

        Assert.Empty(errors);
        Assert.NotNull(row);
    }

    [Theory]
    [InlineData("<b>王</b>", "“<”")]
    [InlineData("=HYPERLINK(\"x\")", "“=”")]
    [InlineData("+王明", "“+”")]
    [InlineData("@王明", "“@”")]
    [InlineData("王\u202E明", "U+202E")]
    [InlineData("王明2", "“2”")]
    [InlineData("王\u200B明", "U+200B")]
    public void A_name_with_markup_formula_prefix_bidi_control_or_digits_is_reported(string name, string shown)
    {
        var (row, errors) = Check(Set(RosterColumn.Name, name));

        Assert.Null(row);
        var error = Assert.Single(errors);
        Assert.Equal(("name", InvalidNameCharacter), (error.Field, error.Code));
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("王小明")]
    [InlineData("阿依古丽·买买提")]
    [InlineData("帕提古丽•艾买提")]
    [InlineData("\U00020000明")]
    [InlineData("㐀明")]
    [InlineData("Maria Gonzalez")]
    [InlineData("José Müller")]
    [InlineData("李〇")]
    public void Real_names_are_accepted_CJK_with_extensions_middle_dots_and_Latin_letters(string name)
    {
        var (row, errors) = Check(Set(RosterColumn.Name, name));

        Assert.Empty(errors);
        Assert.Equal(name, row!.Name);
    }

    [Fact]
    public void An_all_empty_row_is_one_EMPTY_ROW_error()
    {
        var errors = new List<RowError>();
        var row = new RosterRowChecker(MeizhouCivil, Today).Check(new RawRosterRow(4, RosterColumns.All.Select(_ => RawCell.Empty).ToArray()), errors);

        Assert.Null(row);
        Assert.Equal([(4, EmptyRow)], errors.Select(e => (e.Row, e.Code)));
    }
}
