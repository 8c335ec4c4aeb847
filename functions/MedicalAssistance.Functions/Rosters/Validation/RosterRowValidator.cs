using FluentValidation;
using FluentValidation.Results;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Policy.Identities;
using static MedicalAssistance.Functions.Rosters.Validation.RosterRowErrorCodes;

namespace MedicalAssistance.Functions.Rosters.Validation;

/// <summary>
/// Checks one roster row for a department, before anything is applied. Each failure carries the canonical field name,
/// a stable code (<see cref="RosterRowErrorCodes"/>) and a Chinese message that tells the clerk what to fix.
/// Messages never repeat an ID number. Whether an exit or death matches a held identity is the ledger's check.
/// </summary>
public sealed partial class RosterRowValidator : AbstractValidator<RawRosterRow>
{
    public const int MaxNameLength = 50;

    public RosterRowValidator(Department department, DateOnly today)
    {
        RuleFor(r => r[RosterColumn.Name]).Custom((cell, ctx) =>
        {
            if (cell.IsEmpty)
            {
                Fail(ctx, RosterColumn.Name, NameRequired, "姓名不能为空");
            }
            else if (cell.Text.Length > MaxNameLength)
            {
                Fail(ctx, RosterColumn.Name, NameTooLong, $"姓名超过 {MaxNameLength} 个字");
            }
            else if (PersonNames.FirstDisallowed(cell.Text) is { } bad)
            {
                Fail(ctx, RosterColumn.Name, InvalidNameCharacter, $"姓名含有不允许的字符 {PersonNames.Describe(bad)}：姓名只能由汉字、间隔号（·）、拉丁字母和空格组成");
            }
        });

        RuleFor(r => r[RosterColumn.IdNumber]).Custom((cell, ctx) =>
        {
            var problem = cell.Kind == RawCellKind.Number && !cell.IsEmpty ? IdNumberProblem.ExcelNumber : IdNumber.Validate(cell.Text, out _);
            switch (problem)
            {
                case IdNumberProblem.None when cell.Kind != RawCellKind.Number && IdNumber.TryParse(cell.Text, out var id) && id.BirthDate > today:
                    Fail(ctx, RosterColumn.IdNumber, IdNumberBirthDateInFuture, $"身份证号中的出生日期 {id.BirthDate:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}）");
                    break;
                case IdNumberProblem.None:
                    break;
                case IdNumberProblem.Missing:
                    Fail(ctx, RosterColumn.IdNumber, IdNumberRequired, "身份证号不能为空");
                    break;
                case IdNumberProblem.ExcelNumber:
                    Fail(ctx, RosterColumn.IdNumber, IdNumberExcelNumber, "身份证号被Excel存成了数字（科学计数法），后几位已丢失，请将该列设置为文本格式后重新导出");
                    break;
                case IdNumberProblem.WrongLength:
                    Fail(ctx, RosterColumn.IdNumber, IdNumberWrongLength, $"身份证号应为18位，实际为{cell.Text.Length}位");
                    break;
                case IdNumberProblem.NotDigits:
                    Fail(ctx, RosterColumn.IdNumber, IdNumberNotDigits, "身份证号只能包含数字，最后一位可以是X");
                    break;
                case IdNumberProblem.InvalidBirthDate:
                    Fail(ctx, RosterColumn.IdNumber, IdNumberInvalidBirthDate, "身份证号中的出生日期不是有效日期");
                    break;
                case IdNumberProblem.InvalidCheckDigit:
                    Fail(ctx, RosterColumn.IdNumber, InvalidCheckDigit, "身份证号校验位错误");
                    break;
                default:
                    throw new InvalidOperationException($"Unhandled ID number problem {problem}");
            }
        });

        RuleFor(r => r[RosterColumn.IdentityType]).Custom((cell, ctx) =>
        {
            if (cell.IsEmpty)
            {
                Fail(ctx, RosterColumn.IdentityType, IdentityTypeRequired, "人员类别不能为空");
                return;
            }

            var type = IdentityTypes.FindByCodeOrChineseName(cell.Text);
            if (type is null)
            {
                Fail(ctx, RosterColumn.IdentityType, UnknownIdentityType, $"无法识别的人员类别“{Shorten(cell.Text)}”");
            }
            else if (!IdentityTypes.IsKnownTo(type.Code, department.Profile))
            {
                Fail(ctx, RosterColumn.IdentityType, IdentityTypeNotInProfile, $"人员类别“{type.DisplayName}”不属于本地区（{department.Profile}）的医疗救助对象");
            }
            else if (!department.AllowedIdentityTypes.Contains(type.Code))
            {
                Fail(ctx, RosterColumn.IdentityType, IdentityTypeNotAllowed, $"{department.Name}无权报送人员类别“{type.DisplayName}”");
            }
        });

        RuleFor(r => r).Custom((row, ctx) =>
        {
            var determined = RequiredDate(row, RosterColumn.DeterminedOn, ctx);
            var start = RequiredDate(row, RosterColumn.Start, ctx);
            DateOnly? end = null;
            var endCell = row[RosterColumn.End];
            if (!endCell.IsEmpty)
            {
                if (RosterValues.TryParseDate(endCell, out var e))
                {
                    end = e;
                }
                else
                {
                    InvalidDateFail(ctx, RosterColumn.End, endCell);
                }
            }

            if (determined is { } d && d > today)
            {
                Fail(ctx, RosterColumn.DeterminedOn, DeterminedInFuture, $"认定日期 {d:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}）");
            }

            // No identity can be determined, start or end before the person was born (birth date from the ID number).
            var idCell = row[RosterColumn.IdNumber];
            if (idCell.Kind != RawCellKind.Number && IdNumber.TryParse(idCell.Text, out var person) && person.BirthDate <= today)
            {
                foreach (var (column, date) in new[] { (RosterColumn.DeterminedOn, determined), (RosterColumn.Start, start), (RosterColumn.End, end) })
                {
                    if (date is { } value && value < person.BirthDate)
                    {
                        Fail(ctx, column, DateBeforeBirth, $"{RosterColumns.ChineseName(column)} {value:yyyy-MM-dd} 早于身份证号中的出生日期 {person.BirthDate:yyyy-MM-dd}");
                    }
                }
            }

            if (start is { } s && end is { } en && en < s)
            {
                Fail(ctx, RosterColumn.End, EndBeforeStart, $"终止日期 {en:yyyy-MM-dd} 早于开始日期 {s:yyyy-MM-dd}");
            }

            var changeCell = row[RosterColumn.Change];
            if (changeCell.IsEmpty)
            {
                Fail(ctx, RosterColumn.Change, ChangeRequired, "变动类型不能为空（新增、变更、退出或死亡）");
            }
            else if (!RosterValues.TryParseChange(changeCell.Text, out var change))
            {
                Fail(ctx, RosterColumn.Change, UnknownChange, $"无法识别的变动类型“{Shorten(changeCell.Text)}”，应为新增、变更、退出或死亡");
            }
            else if (change is RosterChange.Exit or RosterChange.Death && endCell.IsEmpty)
            {
                Fail(ctx, RosterColumn.End, EndRequired, change == RosterChange.Exit ? "退出的人员须填写终止日期" : "死亡人员须填写终止日期（死亡日期）");
            }
        });

        RuleFor(r => r[RosterColumn.Insurance]).Custom((cell, ctx) =>
        {
            if (!cell.IsEmpty && !RosterValues.TryParseInsurance(cell.Text, out _))
            {
                Fail(ctx, RosterColumn.Insurance, UnknownInsurance, $"无法识别的参保类型“{Shorten(cell.Text)}”，应为居民、职工或未参保");
            }
        });

        RuleFor(r => r[RosterColumn.Phone]).Custom((cell, ctx) =>
        {
            if (!cell.IsEmpty && !RosterValues.IsPhone(cell.Text))
            {
                Fail(ctx, RosterColumn.Phone, InvalidPhone, "联系电话格式不正确");
            }
        });

        RuleFor(r => r[RosterColumn.County]).Custom((cell, ctx) =>
        {
            if (!cell.IsEmpty && !RosterValues.IsCountyCode(cell.Text))
            {
                Fail(ctx, RosterColumn.County, InvalidCounty, "行政区划应为6位数字代码");
            }
        });
    }

    private static DateOnly? RequiredDate(RawRosterRow row, RosterColumn column, ValidationContext<RawRosterRow> ctx)
    {
        var cell = row[column];
        if (cell.IsEmpty)
        {
            Fail(ctx, column, DateRequired, $"{RosterColumns.ChineseName(column)}不能为空");
            return null;
        }

        if (RosterValues.TryParseDate(cell, out var date))
        {
            return date;
        }

        InvalidDateFail(ctx, column, cell);
        return null;
    }

    private static void InvalidDateFail(ValidationContext<RawRosterRow> ctx, RosterColumn column, RawCell cell) =>
        Fail(ctx, column, InvalidDate, $"{RosterColumns.ChineseName(column)}“{Shorten(cell.Text)}”不是有效日期，应为 yyyy-MM-dd、yyyy/M/d 或 yyyyMMdd");

    private static void Fail<T>(ValidationContext<T> ctx, RosterColumn column, string code, string message) =>
        ctx.AddFailure(new ValidationFailure(RosterColumns.FieldName(column), message) { ErrorCode = code });

    // Echo at most a short piece of what the clerk typed: enough to find it, never a whole long cell, and never an ID number
    // that landed in the wrong column (a long run of digits is masked like one).
    private static string Shorten(string text)
    {
        var shown = text.Length <= 20 ? text : text[..20] + "…";
        return LongDigitRun().Replace(shown, m => IdNumber.Mask(m.Value));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{10,}[\dXx]?", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LongDigitRun();
}
