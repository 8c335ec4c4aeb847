namespace MedicalAssistance.Functions.Rosters.Reading;

/// <summary>The columns of a roster, in the order of the issue. The canonical name is the English field name used in errors.</summary>
public enum RosterColumn
{
    Name,
    IdNumber,
    IdentityType,
    DeterminedOn,
    Start,
    End,
    Change,
    Phone,
    Insurance,
    County,
}

/// <summary>
/// Column headers: Chinese names (as departments write them) and English aliases. A file is matched by header, never by
/// position, so departments may order and add columns as they like.
/// </summary>
public static class RosterColumns
{
    public static readonly IReadOnlyList<RosterColumn> All = Enum.GetValues<RosterColumn>();

    public static readonly IReadOnlyList<RosterColumn> Required =
        [RosterColumn.Name, RosterColumn.IdNumber, RosterColumn.IdentityType, RosterColumn.DeterminedOn, RosterColumn.Start, RosterColumn.End, RosterColumn.Change];

    /// <summary>The canonical field name used in row errors and JSON (<c>idNumber</c>, <c>start</c>, …).</summary>
    public static string FieldName(RosterColumn column) => column switch
    {
        RosterColumn.Name => "name",
        RosterColumn.IdNumber => "idNumber",
        RosterColumn.IdentityType => "identityType",
        RosterColumn.DeterminedOn => "determinedOn",
        RosterColumn.Start => "start",
        RosterColumn.End => "end",
        RosterColumn.Change => "change",
        RosterColumn.Phone => "phone",
        RosterColumn.Insurance => "insurance",
        RosterColumn.County => "county",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>The Chinese header a department's template uses.</summary>
    public static string ChineseName(RosterColumn column) => column switch
    {
        RosterColumn.Name => "姓名",
        RosterColumn.IdNumber => "身份证号",
        RosterColumn.IdentityType => "人员类别",
        RosterColumn.DeterminedOn => "认定日期",
        RosterColumn.Start => "开始日期",
        RosterColumn.End => "终止日期",
        RosterColumn.Change => "变动类型",
        RosterColumn.Phone => "联系电话",
        RosterColumn.Insurance => "参保类型",
        RosterColumn.County => "行政区划",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static readonly Dictionary<string, RosterColumn> Aliases = BuildAliases();

    private static Dictionary<string, RosterColumn> BuildAliases()
    {
        var aliases = new Dictionary<string, RosterColumn>(StringComparer.Ordinal);
        void Add(RosterColumn column, params string[] names)
        {
            foreach (var name in names)
            {
                aliases.Add(Normalise(name), column);
            }
        }

        Add(RosterColumn.Name, "姓名", "name");
        Add(RosterColumn.IdNumber, "身份证号", "身份证号码", "公民身份号码", "证件号码", "idNumber", "id");
        Add(RosterColumn.IdentityType, "人员类别", "身份类别", "救助对象类别", "identityType");
        Add(RosterColumn.DeterminedOn, "认定日期", "认定时间", "determinedOn");
        Add(RosterColumn.Start, "开始日期", "起始日期", "start", "startDate");
        Add(RosterColumn.End, "终止日期", "结束日期", "end", "endDate");
        Add(RosterColumn.Change, "变动类型", "变更类型", "change", "changeType");
        Add(RosterColumn.Phone, "联系电话", "电话", "手机号码", "phone");
        Add(RosterColumn.Insurance, "参保类型", "参保状态", "insurance");
        Add(RosterColumn.County, "行政区划", "行政区划代码", "county", "countyCode");
        return aliases;
    }

    /// <summary>
    /// Maps a header row to column positions. Throws <see cref="RosterFileException"/> naming every missing required column
    /// (the whole file is rejected: guessing which column is which would apply wrong data).
    /// </summary>
    public static RosterHeader MapHeader(IReadOnlyList<string?> headers)
    {
        var positions = new int[All.Count];
        Array.Fill(positions, -1);
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i] is not { } header || !Aliases.TryGetValue(Normalise(header), out var column))
            {
                continue;
            }

            if (positions[(int)column] >= 0)
            {
                throw new RosterFileException(RosterFileErrorCodes.DuplicateColumn, $"列“{ChineseName(column)}”（{FieldName(column)}）出现了多次，请只保留一列");
            }

            positions[(int)column] = i;
        }

        var missing = Required.Where(c => positions[(int)c] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new RosterFileException(
                RosterFileErrorCodes.MissingColumns,
                "缺少必需的列：" + string.Join("、", missing.Select(c => $"{ChineseName(c)}（{FieldName(c)}）")) + "。整个文件未处理，请补齐列后重新报送",
                missing.Select(FieldName).ToList());
        }

        return new RosterHeader(positions);
    }

    /// <summary>Trims (also full-width spaces and a stray BOM), drops a leading required-marker <c>*</c>, and lower-cases
    /// English without spaces, underscores or hyphens: "ID Number", "id_number" and "idNumber" are the same header.</summary>
    private static string Normalise(string header)
    {
        var trimmed = header.Trim().Trim('\uFEFF', '\u3000', ' ').TrimStart('*', '＊').Trim();
        return string.Concat(trimmed.Where(c => c is not (' ' or '_' or '-'))).ToLowerInvariant();
    }
}

/// <summary>Where each column sits in the file (-1: absent, which only optional columns may be).</summary>
public sealed class RosterHeader(int[] positions)
{
    public int PositionOf(RosterColumn column) => positions[(int)column];

    /// <summary>Picks this roster's cells out of a file row, by column.</summary>
    public RawCell[] Pick(Func<int, RawCell> cellAt)
    {
        var cells = new RawCell[positions.Length];
        for (var c = 0; c < positions.Length; c++)
        {
            cells[c] = positions[c] < 0 ? RawCell.Empty : cellAt(positions[c]);
        }

        return cells;
    }
}
