namespace MedicalAssistance.Functions.Rosters;

/// <summary>What a roster row says happened to the person's identity (变动类型).</summary>
public enum RosterChange
{
    /// <summary>新增: a new identity period.</summary>
    Add,
    /// <summary>变更: the period's dates or details changed.</summary>
    Change,
    /// <summary>退出: the identity ends on <see cref="RosterRow.End"/>.</summary>
    Exit,
    /// <summary>死亡: every identity ends; the person is marked deceased.</summary>
    Death,
}

/// <summary>参保类型 as a roster reports it.</summary>
public enum InsuranceStatus
{
    /// <summary>居民: resident basic medical insurance.</summary>
    Resident,
    /// <summary>职工: employee basic medical insurance.</summary>
    Employee,
    /// <summary>未参保: not insured.</summary>
    None,
}

/// <summary>
/// One roster row that passed row validation (file-level and per-row checks), as intake hands it to the identity ledger.
/// Holds the clear ID number: it must never be logged, used as a key, or stored unencrypted.
/// </summary>
/// <param name="Row">The row number a clerk sees in the file (the header is row 1, the first data row is row 2).</param>
/// <param name="IdNumber">Normalised 18-character 身份证号 (upper-case check character).</param>
/// <param name="IdentityType">Glossary code (policy-rules.md §8).</param>
public sealed record RosterRow(
    int Row,
    string Name,
    string IdNumber,
    string IdentityType,
    DateOnly DeterminedOn,
    DateOnly Start,
    DateOnly? End,
    RosterChange Change,
    string? Phone = null,
    InsuranceStatus? Insurance = null,
    string? CountyCode = null)
{
    // Records print all members; keep the ID number out of any accidental log line or exception message.
    public override string ToString() => $"RosterRow {{ Row = {Row}, IdentityType = {IdentityType}, Change = {Change} }}";
}

/// <summary>A rejected row, as reported to the department. <paramref name="Message"/> is Chinese.</summary>
/// <param name="Row">Row number as in <see cref="RosterRow.Row"/>; 0 for an error about the whole file.</param>
/// <param name="Field">The column's canonical English name (<c>idNumber</c>, <c>start</c>, …), or <c>$file</c>.</param>
/// <param name="Code">Stable machine code, e.g. <c>INVALID_CHECK_DIGIT</c>.</param>
public sealed record RowError(int Row, string Field, string Code, string Message);
