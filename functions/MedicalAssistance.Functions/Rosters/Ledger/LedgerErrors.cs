namespace MedicalAssistance.Functions.Rosters.Ledger;

/// <summary>The ledger's row errors: stable codes for machines, Chinese messages for the department's clerk.</summary>
internal static class LedgerErrors
{
    public static RowError InvalidIdNumber(int row) =>
        new(row, "idNumber", "INVALID_ID_NUMBER", "身份证号码无效，本行未入账");

    public static RowError TypeNotAllowed(int row, string type) =>
        new(row, "identityType", "IDENTITY_TYPE_NOT_ALLOWED", $"本部门无权报送人员类别 {type}");

    public static RowError ExitWithoutIdentity(int row, string type) =>
        new(row, "identityType", "EXIT_WITHOUT_IDENTITY", $"退出的人员类别 {type} 不在册：该人员未持有此身份，无法退出");

    public static RowError ExitEndMissing(int row) =>
        new(row, "end", "EXIT_END_MISSING", "退出行须填写终止日期");

    public static RowError EndBeforeStart(int row) =>
        new(row, "end", "EXIT_BEFORE_START", "终止日期早于该身份的开始日期");

    public static RowError DeathWithoutIdentity(int row, string type) =>
        new(row, "identityType", "DEATH_WITHOUT_IDENTITY", $"死亡行的人员类别 {type} 不在册：该人员未持有此身份");

    public static RowError PersonDeceased(int row, DateOnly? deceasedOn) =>
        new(row, "change", "PERSON_DECEASED", $"该人员已于{deceasedOn:yyyy-MM-dd}标记死亡，不能新增或变更身份");
}
