using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sylvan.Data.Csv;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Reads the body of <c>POST /api/claims</c> into JSON claim objects: <c>{ "claims": [ … ] }</c>, or a CSV (UTF-8, header row
/// of the same field names, facility fields as <c>facility.code</c> etc.) whose cells become JSON values the claim validator
/// then checks exactly like JSON input: numbers and true/false as such, an empty cell as an absent field.
/// </summary>
public static class ClaimRequestReader
{
    public const int MaxClaims = 1_000;

    public static (List<JsonElement>? Claims, ClaimProblem? Problem) ReadJson(JsonDocument document)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind == JsonValueKind.Null)
        {
            return (null, Bad("claims", "REQUIRED", "请求应为 { \"claims\": [ … ] }", "The body must be { \"claims\": [ … ] }."));
        }

        if (claims.ValueKind != JsonValueKind.Array)
        {
            return (null, Bad("claims", "INVALID_VALUE", "claims 应为数组", "claims must be an array."));
        }

        return Limit([.. claims.EnumerateArray()]);
    }

    private static async Task<string[]?> NextRowAsync(CsvDataReader reader, CancellationToken cancellationToken)
    {
        return await reader.ReadAsync(cancellationToken)
            ? [.. Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString)]
            : null;
    }

    /// <summary>A CSV upload with the claim fields as columns; a row that is not valid CSV is a 400 naming it.</summary>
    public static async Task<(List<JsonElement>? Claims, ClaimProblem? Problem)> ReadCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadCsvRowsAsync(body, cancellationToken);
        }
        catch (CsvFormatException ex)
        {
            return (null, Bad("claims", "INVALID_VALUE", $"CSV 第 {ex.RowNumber} 行格式不正确（引号未闭合或行过长）", $"CSV row {ex.RowNumber} is not valid CSV."));
        }
    }

    private static async Task<(List<JsonElement>? Claims, ClaimProblem? Problem)> ReadCsvRowsAsync(Stream body, CancellationToken cancellationToken)
    {
        // Same parser as roster files (Sylvan.Data.Csv): the header row names the claim fields (facility.code → facility).
        await using var reader = await CsvDataReader.CreateAsync(new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true),
            new CsvDataReaderOptions { HasHeaders = true, Comment = '\0', MaxBufferSize = 1024 * 1024, OwnsReader = true }, cancellationToken);
        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            return (null, Bad("claims", "REQUIRED", "CSV 文件为空", "The CSV file is empty."));
        }

        var rows = new JsonArray();
        while (await NextRowAsync(reader, cancellationToken) is { } cells)
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count == MaxClaims)
            {
                return (null, TooMany());
            }

            var claim = new JsonObject();
            for (var i = 0; i < header.Length && i < cells.Length; i++)
            {
                var name = header[i].Trim();
                var cell = cells[i].Trim();
                if (name.Length == 0 || cell.Length == 0)
                {
                    continue;
                }

                var target = claim;
                if (name.StartsWith("facility.", StringComparison.Ordinal))
                {
                    target = claim["facility"] as JsonObject ?? (JsonObject)(claim["facility"] = new JsonObject());
                    name = name["facility.".Length..];
                }

                target[name] = Value(name, cell);
            }

            rows.Add(claim);
        }

        using var document = JsonDocument.Parse(new JsonObject { ["claims"] = rows }.ToJsonString());
        var (claims, problem) = ReadJson(document);
        return (claims?.Select(c => c.Clone()).ToList(), problem);
    }

    /// <summary>A cell as JSON: numbers and booleans typed (the validator checks the kind), ids and texts kept as text.</summary>
    private static JsonValue Value(string name, string cell)
    {
        if (name is "id" or "idNumber" or "name" or "code" or "diagnosis")
        {
            return JsonValue.Create(cell);
        }

        if (cell is "true" or "false")
        {
            return JsonValue.Create(cell == "true");
        }

        return decimal.TryParse(cell, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(cell);
    }

    private static (List<JsonElement>?, ClaimProblem?) Limit(List<JsonElement> claims) =>
        claims.Count > MaxClaims ? (null, TooMany()) : (claims, null);

    private static ClaimProblem TooMany() =>
        Bad("claims", "TOO_MANY_CLAIMS", $"每次最多提交 {MaxClaims} 条结算记录", $"At most {MaxClaims} claims per request.");

    private static ClaimProblem Bad(string field, string code, string zh, string en) => new(400, code, field, zh, en);
}
