namespace MedicalAssistance.Contracts.Rosters;

/// <summary>
/// One roster row pushed as JSON (<c>POST /api/departments/{department}/rosters</c>). Every value is text, exactly as in a
/// roster file, and is validated the same way: dates as <c>yyyy-MM-dd</c> (or <c>yyyy/M/d</c>, <c>yyyyMMdd</c>), the identity
/// type as a glossary code or its Chinese name, the change as 新增/变更/退出/死亡 or add/change/exit/death.
/// </summary>
public sealed record RosterRowDto
{
    public string? Name { get; init; }
    public string? IdNumber { get; init; }
    public string? IdentityType { get; init; }
    public string? DeterminedOn { get; init; }
    public string? Start { get; init; }
    /// <summary>Empty or absent: the period is open.</summary>
    public string? End { get; init; }
    public string? Change { get; init; }
    public string? Phone { get; init; }
    /// <summary>居民, 职工 or 未参保.</summary>
    public string? Insurance { get; init; }
    /// <summary>6-digit 行政区划 code of the county.</summary>
    public string? County { get; init; }
}

/// <summary>A roster pushed as JSON. Row numbers in the report are 1-based positions in <see cref="Rows"/>.</summary>
public sealed record RosterPushRequest(IReadOnlyList<RosterRowDto> Rows);

/// <summary>202 answer to a push: the batch to follow at <c>GET /api/departments/{department}/rosters/{batchId}</c>.</summary>
public sealed record RosterBatchAccepted(string BatchId);
