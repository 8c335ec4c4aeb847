using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Reading;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Rosters.Validation;

/// <summary>Turns a raw row into a <see cref="RosterRow"/> for the ledger, or into the row's errors.</summary>
public sealed class RosterRowChecker(Department department, DateOnly today)
{
    private readonly RosterRowValidator _validator = new(department, today);

    /// <summary>China has one time zone; "today" for a determination date is the date in Beijing.</summary>
    public static DateOnly TodayInChina(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public RosterRow? Check(RawRosterRow raw, List<RowError> errors)
    {
        if (raw.IsBlank)
        {
            // Only a JSON push yields such a row (an element that is null or all nulls); blank CSV and sheet rows are skipped.
            errors.Add(new RowError(raw.Row, string.Empty, RosterRowErrorCodes.EmptyRow, "这一行所有字段都是空的（null），未处理：请删除该行或填写内容"));
            return null;
        }

        var result = _validator.Validate(raw);
        if (!result.IsValid)
        {
            errors.AddRange(result.Errors.Select(f => new RowError(raw.Row, f.PropertyName, f.ErrorCode, f.ErrorMessage)));
            return null;
        }

        // The validator passed: each parse below succeeds.
        if (IdNumber.Validate(raw[RosterColumn.IdNumber].Text, out var idNumber) != IdNumberProblem.None
            || !RosterValues.TryParseDate(raw[RosterColumn.DeterminedOn], out var determinedOn)
            || !RosterValues.TryParseDate(raw[RosterColumn.Start], out var start)
            || !RosterValues.TryParseChange(raw[RosterColumn.Change].Text, out var change))
        {
            throw new InvalidOperationException($"Row {raw.Row} passed validation but does not parse");
        }

        DateOnly? end = RosterValues.TryParseDate(raw[RosterColumn.End], out var e) ? e : null;
        InsuranceStatus? insurance = RosterValues.TryParseInsurance(raw[RosterColumn.Insurance].Text, out var i) ? i : null;
        var phone = raw[RosterColumn.Phone];
        var county = raw[RosterColumn.County];
        return new RosterRow(
            raw.Row,
            raw[RosterColumn.Name].Text,
            idNumber.Value,
            IdentityTypes.FindByCodeOrChineseName(raw[RosterColumn.IdentityType].Text)!.Code,
            determinedOn,
            start,
            end,
            change,
            phone.IsEmpty ? null : phone.Text,
            insurance,
            county.IsEmpty ? null : county.Text);
    }
}
