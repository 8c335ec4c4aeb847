using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Validation;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// A claim's settlement input as the ledger stores it: the scenario claim (docs/scenario-format.md §3.3) in a canonical JSON
/// (fixed field order, money with two decimals), plus the insurance that paid and the mental-disorder flag. Read back with the
/// scenario's own reader, so a stored claim is exactly what <c>simulate</c> would read.
/// </summary>
public static class ClaimInput
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Claim claim)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("id", claim.Id);
            w.WriteString("kind", claim.Kind switch { ClaimKind.Inpatient => "inpatient", ClaimKind.Outpatient => "outpatient", _ => "chronic-outpatient" });
            w.WriteString("admission", Date(claim.Admission));
            if (claim.Discharge is { } discharge)
            {
                w.WriteString("discharge", Date(discharge));
            }

            Money(w, "policyScopeSelfPay", claim.PolicyScopeSelfPay);
            Money(w, "outOfPolicySelfPay", claim.OutOfPolicySelfPay);
            if (claim.NotionalInsurancePayment is { } notional)
            {
                Money(w, "notionalInsurancePayment", notional);
            }

            w.WriteString("settlement", claim.Settlement == SettlementChannel.Manual ? "manual" : "one-stop");
            w.WriteBoolean("referral", claim.Referral);
            w.WriteBoolean("emergency", claim.Emergency);
            w.WriteBoolean("followUp", claim.FollowUp);
            var place = claim.Place;
            w.WriteStartObject("facility");
            if (place.Level is { } level)
            {
                w.WriteNumber("level", level);
            }

            w.WriteBoolean("inProvince", place.InProvince);
            w.WriteBoolean("inCity", place.InCity);
            w.WriteBoolean("designated", place.Designated);
            w.WriteEndObject();
            if (claim.Diagnosis is { } diagnosis)
            {
                w.WriteString("diagnosis", diagnosis);
            }

            if (claim.Exclusion != Exclusion.None)
            {
                w.WriteString("exclusion", claim.Exclusion switch
                {
                    Exclusion.NoFormalReceipt => "NO_FORMAL_RECEIPT",
                    Exclusion.IllegalAct => "ILLEGAL_ACT",
                    Exclusion.SelfHarm => "SELF_HARM",
                    Exclusion.ThirdPartyLiable => "THIRD_PARTY_LIABLE",
                    _ => "GOVERNMENT_EXCLUDED",
                });
            }

            w.WriteString("insurance", claim.Insurance switch { InsuranceStatus.Employee => "employee", InsuranceStatus.None => "none", _ => "resident" });
            if (claim.MentalDisorder is { } mental)
            {
                w.WriteBoolean("mentalDisorder", mental);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Claim Read(string input)
    {
        using var document = JsonDocument.Parse(input);
        var root = document.RootElement;
        var claim = ScenarioParts.ReadClaim(root);
        var insurance = root.GetProperty("insurance").GetString() switch { "employee" => InsuranceStatus.Employee, "none" => InsuranceStatus.None, _ => InsuranceStatus.Resident };
        bool? mental = root.TryGetProperty("mentalDisorder", out var m) ? m.GetBoolean() : null;
        return claim with { Insurance = insurance, MentalDisorder = mental };
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Money(Utf8JsonWriter w, string name, decimal value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture), skipInputValidation: true);
    }
}
