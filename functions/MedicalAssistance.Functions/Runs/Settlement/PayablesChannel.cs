using System.Text.Json;

namespace MedicalAssistance.Functions.Runs.Settlement;

/// <summary>
/// The channel a claim is paid through (payables column 结算渠道), read from its stored input (docs/scenario-format.md §3.3):
/// <c>manual</c> (手工报销), or one-stop at a facility in the city (<c>one-stop-local</c>) or elsewhere (<c>one-stop-remote</c>, 异地).
/// Meizhou Art. 12 pays the three through different accounts.
/// </summary>
public static class PayablesChannel
{
    public const string OneStopLocal = "one-stop-local";
    public const string OneStopRemote = "one-stop-remote";
    public const string Manual = "manual";

    public static (string Channel, bool Inpatient) Of(string input)
    {
        using var document = JsonDocument.Parse(input);
        var root = document.RootElement;
        var inpatient = root.TryGetProperty("kind", out var kind) && kind.GetString() == "inpatient";
        if (root.TryGetProperty("settlement", out var settlement) && settlement.GetString() == "manual")
        {
            return (Manual, inpatient);
        }

        var inCity = !root.TryGetProperty("facility", out var facility) || !facility.TryGetProperty("inCity", out var city) || city.GetBoolean();
        return (inCity ? OneStopLocal : OneStopRemote, inpatient);
    }
}
