using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Tests.Persons;

public sealed class IdNumberTests
{
    // 11010519491231002X is the example number of GB 11643-1999.
    [Theory]
    [InlineData("11010519491231002X", "11010519491231002X")]
    [InlineData("11010519491231002x", "11010519491231002X")]
    [InlineData(" 11010519491231002X ", "11010519491231002X")]
    public void Accepts_and_normalises_a_valid_number(string text, string expected)
    {
        Assert.Equal(IdNumberProblem.None, IdNumber.Validate(text, out var id));
        Assert.Equal(expected, id.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
    }

    [Theory]
    [InlineData(null, IdNumberProblem.Missing)]
    [InlineData("  ", IdNumberProblem.Missing)]
    [InlineData("1.10105E+17", IdNumberProblem.ExcelNumber)]
    [InlineData("110105194912310000", IdNumberProblem.ExcelNumber)]
    [InlineData("110105194912310021.0", IdNumberProblem.ExcelNumber)]
    [InlineData("1101051949123100", IdNumberProblem.WrongLength)]
    [InlineData("11010519491231002Y", IdNumberProblem.NotDigits)]
    [InlineData("1101051949A231002X", IdNumberProblem.NotDigits)]
    [InlineData("110105194902300021", IdNumberProblem.InvalidBirthDate)]
    [InlineData("110105194912310021", IdNumberProblem.InvalidCheckDigit)]
    public void Names_the_problem(string? text, IdNumberProblem expected) =>
        Assert.Equal(expected, IdNumber.Validate(text, out _));

    [Fact]
    public void Prints_masked_never_in_clear()
    {
        Assert.True(IdNumber.TryParse("11010519491231002X", out var id));

        Assert.Equal("1101**********002X", id.ToString());
        Assert.Equal("1101**********002X", $"{id}");
    }
}
