using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Settlement;
using MedicalAssistance.Policy.Validation;

namespace MedicalAssistance.Policy.Simulation;

/// <summary>The JSON a simulation returns and whether it succeeded (false = exit code 2 / HTTP 400).</summary>
/// <param name="RequestError">The code of an error of the whole request (e.g. <see cref="ErrorCodes.BodyTooLarge"/>), if any.</param>
public readonly record struct SimulationOutput(bool Ok, string Json, string? RequestError = null);

/// <summary>
/// The one code path of the <c>simulate</c> command, the <c>POST /api/settlements/simulate</c> endpoint and the golden
/// tests (scenario-format.md §1): JSON in, JSON out, nothing stored. A body that is an array is a batch: each element
/// is settled independently and the batch succeeds unless the body itself cannot be parsed or exceeds
/// <see cref="SimulationLimits"/>. A key repeated in any JSON object is an error (DUPLICATE_KEY), never "last one wins".
/// </summary>
public static class SimulationRunner
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Chinese explanations stay readable; the output is JSON for API clients, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, CommentHandling = JsonCommentHandling.Disallow };
    private static readonly JsonDocumentOptions Lenient = new() { AllowDuplicateProperties = true, CommentHandling = JsonCommentHandling.Disallow };

    public static SimulationOutput Run(string json) => Run(Encoding.UTF8.GetBytes(json));

    public static SimulationOutput Run(ReadOnlyMemory<byte> utf8Json) => Run(utf8Json, SimulationLimits.Default);

    public static SimulationOutput Run(ReadOnlyMemory<byte> utf8Json, SimulationLimits limits)
    {
        if (utf8Json.Length > limits.BodyBytes)
        {
            return RequestFailed(ErrorCodes.BodyTooLarge);
        }

        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (Parse(utf8Json) is not { } document)
        {
            return RequestFailed(IsWellFormed(utf8Json) ? ErrorCodes.DuplicateKey : ErrorCodes.MalformedJson);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() > limits.ScenariosPerRequest)
                {
                    return RequestFailed(ErrorCodes.TooManyScenarios);
                }

                if (root.EnumerateArray().Sum(ClaimCount) > limits.ClaimsPerRequest)
                {
                    return RequestFailed(ErrorCodes.TooManyClaims);
                }
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                if (root.ValueKind == JsonValueKind.Array)
                {
                    writer.WriteStartArray();
                    foreach (var element in root.EnumerateArray())
                    {
                        WriteOne(writer, element, limits);
                    }

                    writer.WriteEndArray();
                    writer.Flush();
                    return new SimulationOutput(true, Finish(buffer));
                }

                var ok = WriteOne(writer, root, limits);
                writer.Flush();
                return new SimulationOutput(ok, Finish(buffer));
            }
        }
    }

    private static JsonDocument? Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json, Strict);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Only on the error path: whether the body parses once repeated keys are allowed (then they were the fault).</summary>
    private static bool IsWellFormed(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var _ = JsonDocument.Parse(utf8Json, Lenient);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int ClaimCount(JsonElement scenario) =>
        scenario.ValueKind == JsonValueKind.Object && scenario.TryGetProperty("claims", out var claims) && claims.ValueKind == JsonValueKind.Array
            ? claims.GetArrayLength()
            : 0;

    private static bool WriteOne(Utf8JsonWriter writer, JsonElement element, SimulationLimits limits)
    {
        if (ClaimCount(element) > limits.ClaimsPerScenario)
        {
            WriteError(writer, new ScenarioError("claims", ErrorCodes.TooManyClaims, "claims: " + ErrorCodes.Describe(ErrorCodes.TooManyClaims)));
            return false;
        }

        var (scenario, error) = ScenarioReader.Read(element);
        if (scenario is null)
        {
            WriteError(writer, error!);
            return false;
        }

        ResultWriter.Write(writer, SettlementEngine.Settle(scenario));
        return true;
    }

    /// <summary>The answer to a request that fails as a whole: field <c>$</c> and the code.</summary>
    public static SimulationOutput RequestFailed(string code)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteError(writer, new ScenarioError("$", code, "$: " + ErrorCodes.Describe(code)));
        }

        return new SimulationOutput(false, Finish(buffer), code);
    }

    private static void WriteError(Utf8JsonWriter writer, ScenarioError error)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("field", error.Field);
        writer.WriteString("code", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Output ends with a newline, identical for the command line and HTTP.</summary>
    private static string Finish(ArrayBufferWriter<byte> buffer) => Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
}

/// <summary>Writes a <see cref="SettlementResult"/> as the Result object of scenario-format.md §5, plus explanations.</summary>
public static class ResultWriter
{
    public static void Write(Utf8JsonWriter writer, SettlementResult result)
    {
        var scenario = result.Scenario;
        writer.WriteStartObject();
        writer.WriteStartArray("claims");
        decimal assistance = 0m, tilted = 0m, secondary = 0m;
        for (var i = 0; i < result.Claims.Length; i++)
        {
            var claim = scenario.Claims[i];
            ref readonly var o = ref result.Claims[i];
            assistance += o.Assistance;
            tilted += o.Tilted;
            secondary += o.Secondary;
            writer.WriteStartObject();
            writer.WriteString("id", claim.Id);
            if (o.Slot == 0)
            {
                writer.WriteNull("category");
            }
            else
            {
                writer.WriteString("category", scenario.Profile.CategoryName(o.Slot));
            }

            writer.WriteNumber("accountingYear", o.AccountingYear);
            WriteMoney(writer, "deductibleApplied", o.DeductibleApplied);
            WriteMoney(writer, "assistance", o.Assistance);
            WriteMoney(writer, "tilted", o.Tilted);
            WriteMoney(writer, "secondary", o.Secondary);
            WriteMoney(writer, "total", o.Total);
            if (o.Reason.Code() is { } reason)
            {
                writer.WriteString("reason", reason);
            }
            else
            {
                writer.WriteNull("reason");
            }

            var (zh, en) = ClaimExplanation.Render(scenario, claim, o);
            writer.WriteStartObject("explanation");
            writer.WriteString("zh", zh);
            writer.WriteString("en", en);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("years");
        foreach (var y in result.Years)
        {
            var alerts = scenario.AlertsFor(y.Year);
            writer.WriteStartObject();
            writer.WriteNumber("year", y.Year);
            WriteMoney(writer, "assistance", y.Assistance);
            WriteMoney(writer, "tilted", y.Tilted);
            WriteMoney(writer, "secondary", y.Secondary);
            WriteMoney(writer, "total", y.Total);
            WriteMoney(writer, "personalBurden", y.PersonalBurden);
            writer.WriteStartArray("alerts");
            foreach (var alert in alerts.Where((_, a) => (y.AlertMask & (1 << a)) != 0).Select(a => a.Alert).Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(alert);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("totals");
        WriteMoney(writer, "assistance", assistance);
        WriteMoney(writer, "tilted", tilted);
        WriteMoney(writer, "secondary", secondary);
        WriteMoney(writer, "total", assistance + tilted + secondary);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Money always with 2 decimals (§2).</summary>
    private static void WriteMoney(Utf8JsonWriter writer, string name, decimal value)
    {
        Span<byte> text = stackalloc byte[40];
        Money.Round2(value).TryFormat(text, out var length, "F2", CultureInfo.InvariantCulture);
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..length], skipInputValidation: true);
    }
}
