using System.Text.Json;
using System.Text.Json.Nodes;
using MedicalAssistance.Policy.Simulation;

namespace MedicalAssistance.Policy.Tests.Validation;

/// <summary>
/// scenario-format.md §6: each error code at its exact field path, and the validation order (the first error wins).
/// Each row edits a valid scenario and names the single error expected.
/// </summary>
public sealed class ScenarioValidationTests
{
    private const string Tumxuk = """
        { "profile": "tumxuk-2025", "parameters": {},
          "person": { "id": "P1", "birthDate": "1990-01-15", "insurance": "resident",
                      "identities": [ { "type": "DIBAO", "determinedOn": "2025-07-15", "start": "2025-07-15", "end": null } ] },
          "claims": [
            { "id": "c1", "kind": "chronic-outpatient", "admission": "2025-08-20", "policyScopeSelfPay": 1200.00 },
            { "id": "c2", "kind": "inpatient", "admission": "2025-09-01", "discharge": "2025-09-09", "policyScopeSelfPay": 10000.00,
              "facility": { "level": 2, "inProvince": true, "inCity": true, "designated": true } } ] }
        """;

    private const string Meizhou = """
        { "profile": "meizhou-2025",
          "parameters": { "benefits": { "DIBAO": { "deductible": 0, "ratio": 0.9, "annualCap": 60000 },
                                        "ILLNESS_POVERTY": { "deductible": 100, "ratio": 0.5, "outpatientAnnualCap": 1000, "inpatientAnnualCap": 9000,
                                                             "tilted": { "deductible": 0, "ratio": 0.5, "annualCap": 500 } } } },
          "person": { "id": "P1", "birthDate": "2015-01-15", "insurance": "resident",
                      "identities": [ { "type": "ILLNESS_POVERTY", "start": "2025-01-01" }, { "type": "DIBAO", "start": "2025-01-01" } ] },
          "claims": [ { "id": "c1", "kind": "inpatient", "admission": "2025-03-01", "discharge": "2025-03-05", "policyScopeSelfPay": 1000 } ] }
        """;

    private const string Baoshan = """
        { "profile": "baoshan-2023",
          "parameters": { "provinceDisposableIncomePrevYear": 28421, "outpatientAnnualCap": 28421, "inpatientAnnualCap": 40000 },
          "person": { "id": "P1", "birthDate": "1980-01-01", "insurance": "resident", "identities": [] },
          "claims": [] }
        """;

    private const string InnerMongolia = """
        { "profile": "inner-mongolia-2024", "parameters": { "ruralDisposableIncomePrevYear": 20000, "benefits": {} },
          "person": { "id": "P1", "birthDate": "1980-01-01", "insurance": "resident", "identities": [] },
          "claims": [] }
        """;

    public static TheoryData<string, string, string, string, string> Cases() => new()
    {
        // name, base, edit (path=json or path! to remove), expected field, expected code
        { "valid tumxuk", Tumxuk, "", "", "" },
        { "valid meizhou", Meizhou, "", "", "" },
        { "valid baoshan", Baoshan, "", "", "" },
        { "valid inner mongolia", InnerMongolia, "", "", "" },
        { "profile missing", Tumxuk, "profile!", "profile", "REQUIRED" },
        { "profile null", Tumxuk, "profile=null", "profile", "REQUIRED" },
        { "profile unknown", Tumxuk, "profile=\"tumxuk-2024\"", "profile", "UNKNOWN_PROFILE" },
        { "profile not a string", Tumxuk, "profile=5", "profile", "INVALID_VALUE" },
        { "profile before person", Tumxuk, "profile=\"x\";person!", "profile", "UNKNOWN_PROFILE" },
        { "person missing", Tumxuk, "person!", "person", "REQUIRED" },
        { "person id missing", Tumxuk, "person.id!", "person.id", "REQUIRED" },
        { "person id empty", Tumxuk, "person.id=\"\"", "person.id", "REQUIRED" },
        { "birth date invalid", Tumxuk, "person.birthDate=\"1990-02-30\"", "person.birthDate", "INVALID_DATE" },
        { "birth date format", Tumxuk, "person.birthDate=\"1990/01/15\"", "person.birthDate", "INVALID_DATE" },
        { "insurance unknown", Tumxuk, "person.insurance=\"private\"", "person.insurance", "INVALID_VALUE" },
        { "insurance missing", Tumxuk, "person.insurance!", "person.insurance", "REQUIRED" },
        { "mental disorder not boolean", Tumxuk, "person.mentalDisorder=\"yes\"", "person.mentalDisorder", "INVALID_VALUE" },
        { "identities missing", Tumxuk, "person.identities!", "person.identities", "REQUIRED" },
        { "identities not array", Tumxuk, "person.identities={}", "person.identities", "INVALID_VALUE" },
        { "identity type missing", Tumxuk, "person.identities.0.type!", "person.identities[0].type", "REQUIRED" },
        { "identity type unknown", Tumxuk, "person.identities.0.type=\"VETERAN\"", "person.identities[0].type", "UNKNOWN_IDENTITY_TYPE" },
        { "two-disease is not an identity", Tumxuk, "person.identities.0.type=\"TWO_DISEASE_CHILD\"", "person.identities[0].type", "UNKNOWN_IDENTITY_TYPE" },
        { "identity codes are case-sensitive", Tumxuk, "person.identities.0.type=\"dibao\"", "person.identities[0].type", "UNKNOWN_IDENTITY_TYPE" },
        { "determined on invalid", Tumxuk, "person.identities.0.determinedOn=\"2025-13-01\"", "person.identities[0].determinedOn", "INVALID_DATE" },
        { "start missing", Tumxuk, "person.identities.0.start!", "person.identities[0].start", "REQUIRED" },
        { "end invalid", Tumxuk, "person.identities.0.end=\"2025-02-29\"", "person.identities[0].end", "INVALID_DATE" },
        { "end before start", Tumxuk, "person.identities.0.end=\"2025-07-14\"", "person.identities[0].end", "END_BEFORE_START" },
        { "end equal start", Tumxuk, "person.identities.0.end=\"2025-07-15\"", "", "" },
        { "person before claims", Tumxuk, "person.birthDate=\"x\";claims!", "person.birthDate", "INVALID_DATE" },
        { "claims missing", Tumxuk, "claims!", "claims", "REQUIRED" },
        { "claims not array", Tumxuk, "claims={}", "claims", "INVALID_VALUE" },
        { "claim id missing", Tumxuk, "claims.1.id!", "claims[1].id", "REQUIRED" },
        { "claim kind unknown", Tumxuk, "claims.0.kind=\"dental\"", "claims[0].kind", "INVALID_VALUE" },
        { "admission missing", Tumxuk, "claims.0.admission!", "claims[0].admission", "REQUIRED" },
        { "inpatient discharge missing", Tumxuk, "claims.1.discharge!", "claims[1].discharge", "REQUIRED" },
        { "discharge invalid date", Tumxuk, "claims.1.discharge=\"2025-09-31\"", "claims[1].discharge", "INVALID_DATE" },
        { "discharge before admission", Tumxuk, "claims.1.discharge=\"2025-08-31\"", "claims[1].discharge", "DISCHARGE_BEFORE_ADMISSION" },
        { "outpatient discharge differs", Tumxuk, "claims.0.discharge=\"2025-08-21\"", "claims[0].discharge", "INVALID_VALUE" },
        { "outpatient discharge equal", Tumxuk, "claims.0.discharge=\"2025-08-20\"", "", "" },
        { "policy scope missing", Tumxuk, "claims.0.policyScopeSelfPay!", "claims[0].policyScopeSelfPay", "REQUIRED" },
        { "policy scope negative", Tumxuk, "claims.0.policyScopeSelfPay=-0.01", "claims[0].policyScopeSelfPay", "NEGATIVE_AMOUNT" },
        { "policy scope 3 decimals", Tumxuk, "claims.0.policyScopeSelfPay=1.005", "claims[0].policyScopeSelfPay", "INVALID_VALUE" },
        { "policy scope as string", Tumxuk, "claims.0.policyScopeSelfPay=\"100\"", "claims[0].policyScopeSelfPay", "INVALID_VALUE" },
        { "out of policy negative", Tumxuk, "claims.0.outOfPolicySelfPay=-1", "claims[0].outOfPolicySelfPay", "NEGATIVE_AMOUNT" },
        { "notional negative", Tumxuk, "claims.0.notionalInsurancePayment=-1", "claims[0].notionalInsurancePayment", "NEGATIVE_AMOUNT" },
        { "settlement unknown", Tumxuk, "claims.0.settlement=\"cash\"", "claims[0].settlement", "INVALID_VALUE" },
        { "referral not boolean", Tumxuk, "claims.0.referral=1", "claims[0].referral", "INVALID_VALUE" },
        { "emergency not boolean", Tumxuk, "claims.0.emergency=\"true\"", "claims[0].emergency", "INVALID_VALUE" },
        { "follow-up not boolean", Tumxuk, "claims.0.followUp=0", "claims[0].followUp", "INVALID_VALUE" },
        { "facility level 4", Tumxuk, "claims.1.facility.level=4", "claims[1].facility.level", "INVALID_VALUE" },
        { "facility designated not boolean", Tumxuk, "claims.1.facility.designated=\"no\"", "claims[1].facility.designated", "INVALID_VALUE" },
        { "facility not object", Tumxuk, "claims.1.facility=3", "claims[1].facility", "INVALID_VALUE" },
        { "diagnosis not string", Tumxuk, "claims.0.diagnosis=3", "claims[0].diagnosis", "INVALID_VALUE" },
        { "exclusion unknown", Tumxuk, "claims.0.exclusion=\"DRUNK\"", "claims[0].exclusion", "INVALID_VALUE" },
        { "claim fields before duplicates", Tumxuk, "claims.1.id=\"c1\";claims.1.kind=\"x\"", "claims[1].kind", "INVALID_VALUE" },
        { "duplicate id", Tumxuk, "claims.1.id=\"c1\"", "claims[1].id", "DUPLICATE_ID" },
        { "duplicates before parameters", Meizhou, "claims.0.id=\"c\";claims=[{\"id\":\"c\",\"kind\":\"outpatient\",\"admission\":\"2025-03-01\",\"policyScopeSelfPay\":1},{\"id\":\"c\",\"kind\":\"outpatient\",\"admission\":\"2025-03-01\",\"policyScopeSelfPay\":1}];parameters={}", "claims[1].id", "DUPLICATE_ID" },
        { "baoshan income missing", Baoshan, "parameters.provinceDisposableIncomePrevYear!", "parameters.provinceDisposableIncomePrevYear", "MISSING_PARAMETER" },
        { "baoshan outpatient cap missing", Baoshan, "parameters.outpatientAnnualCap!", "parameters.outpatientAnnualCap", "MISSING_PARAMETER" },
        { "baoshan inpatient cap missing", Baoshan, "parameters.inpatientAnnualCap!", "parameters.inpatientAnnualCap", "MISSING_PARAMETER" },
        { "baoshan parameter order", Baoshan, "parameters={}", "parameters.provinceDisposableIncomePrevYear", "MISSING_PARAMETER" },
        { "baoshan income negative", Baoshan, "parameters.provinceDisposableIncomePrevYear=-5", "parameters.provinceDisposableIncomePrevYear", "NEGATIVE_AMOUNT" },
        { "baoshan parameters absent", Baoshan, "parameters!", "parameters.provinceDisposableIncomePrevYear", "MISSING_PARAMETER" },
        { "inner mongolia income missing", InnerMongolia, "parameters.ruralDisposableIncomePrevYear!", "parameters.ruralDisposableIncomePrevYear", "MISSING_PARAMETER" },
        { "inner mongolia benefits missing", InnerMongolia, "parameters.benefits!", "parameters.benefits", "MISSING_PARAMETER" },
        { "inner mongolia income before benefits", InnerMongolia, "parameters={}", "parameters.ruralDisposableIncomePrevYear", "MISSING_PARAMETER" },
        { "inner mongolia rule for a held type", InnerMongolia, "person.identities=[{\"type\":\"OTHER_SPECIAL\",\"start\":\"2024-01-01\"}]", "parameters.benefits.OTHER_SPECIAL", "MISSING_PARAMETER" },
        { "inner mongolia ignores uncovered types", InnerMongolia, "person.identities=[{\"type\":\"ORPHAN\",\"start\":\"2024-01-01\"}]", "", "" },
        { "meizhou benefits missing", Meizhou, "parameters!", "parameters.benefits", "MISSING_PARAMETER" },
        { "meizhou rules in glossary rank order", Meizhou, "parameters.benefits={}", "parameters.benefits.DIBAO", "MISSING_PARAMETER" },
        { "meizhou rule deductible missing", Meizhou, "parameters.benefits.DIBAO.deductible!", "parameters.benefits.DIBAO.deductible", "MISSING_PARAMETER" },
        { "meizhou rule ratio missing", Meizhou, "parameters.benefits.DIBAO.ratio!", "parameters.benefits.DIBAO.ratio", "MISSING_PARAMETER" },
        { "meizhou rule ratio above 1", Meizhou, "parameters.benefits.DIBAO.ratio=1.01", "parameters.benefits.DIBAO.ratio", "INVALID_VALUE" },
        { "meizhou rule ratio negative", Meizhou, "parameters.benefits.DIBAO.ratio=-0.1", "parameters.benefits.DIBAO.ratio", "INVALID_VALUE" },
        { "meizhou rule ratio 5 decimals", Meizhou, "parameters.benefits.DIBAO.ratio=0.12345", "parameters.benefits.DIBAO.ratio", "INVALID_VALUE" },
        { "meizhou rule without cap", Meizhou, "parameters.benefits.DIBAO.annualCap!", "parameters.benefits.DIBAO.annualCap", "MISSING_PARAMETER" },
        { "meizhou rule with both cap forms", Meizhou, "parameters.benefits.DIBAO.inpatientAnnualCap=5", "parameters.benefits.DIBAO.annualCap", "INVALID_VALUE" },
        { "meizhou rule with half the split", Meizhou, "parameters.benefits.ILLNESS_POVERTY.outpatientAnnualCap!", "parameters.benefits.ILLNESS_POVERTY.outpatientAnnualCap", "MISSING_PARAMETER" },
        { "meizhou rule cap negative", Meizhou, "parameters.benefits.DIBAO.annualCap=-1", "parameters.benefits.DIBAO.annualCap", "NEGATIVE_AMOUNT" },
        { "meizhou tilted ratio missing", Meizhou, "parameters.benefits.ILLNESS_POVERTY.tilted.ratio!", "parameters.benefits.ILLNESS_POVERTY.tilted.ratio", "MISSING_PARAMETER" },
        { "meizhou tilted cap missing", Meizhou, "parameters.benefits.ILLNESS_POVERTY.tilted.annualCap!", "parameters.benefits.ILLNESS_POVERTY.tilted.annualCap", "MISSING_PARAMETER" },
        { "meizhou uninsured needs notional", Meizhou, "person.insurance=\"none\"", "claims[0].notionalInsurancePayment", "REQUIRED" },
        { "meizhou notional before benefits", Meizhou, "person.insurance=\"none\";parameters={}", "claims[0].notionalInsurancePayment", "REQUIRED" },
        { "meizhou two-disease child needs a rule", Meizhou, "claims.0.diagnosis=\"leukemia\"", "parameters.benefits.TWO_DISEASE_CHILD", "MISSING_PARAMETER" },
        { "meizhou two-disease needs in-city", Meizhou, "claims.0.diagnosis=\"leukemia\";claims.0.facility={\"inCity\":false}", "", "" },
        { "meizhou two-disease needs insured", Meizhou, "claims.0.diagnosis=\"leukemia\";person.insurance=\"none\";claims.0.notionalInsurancePayment=0", "", "" },
        { "meizhou two-disease needs age 14 or less", Meizhou, "claims.0.diagnosis=\"leukemia\";person.birthDate=\"2010-03-01\"", "", "" },
        { "meizhou two-disease at 14 years 364 days", Meizhou, "claims.0.diagnosis=\"congenital-heart-disease\";person.birthDate=\"2010-03-02\"", "parameters.benefits.TWO_DISEASE_CHILD", "MISSING_PARAMETER" },
        { "meizhou two-disease rule is validated", Meizhou, "claims.0.diagnosis=\"leukemia\";parameters.benefits.TWO_DISEASE_CHILD={\"deductible\":0}", "parameters.benefits.TWO_DISEASE_CHILD.ratio", "MISSING_PARAMETER" },
        { "jieyang needs no parameters", Tumxuk, "profile=\"jieyang-2019\";parameters!", "", "" },
        { "parameters not an object", Tumxuk, "parameters=[]", "parameters", "INVALID_VALUE" },
        { "scenario not an object", Tumxuk, "$=3", "$", "INVALID_VALUE" },
        { "amount at the bound", Tumxuk, "claims.0.policyScopeSelfPay=100000000.00", "", "" },
        { "amount above the bound", Tumxuk, "claims.0.policyScopeSelfPay=100000000.01", "claims[0].policyScopeSelfPay", "AMOUNT_TOO_LARGE" },
        { "decimal.MaxValue as an amount", Tumxuk, "claims.0.policyScopeSelfPay=79228162514264337593543950335", "claims[0].policyScopeSelfPay", "AMOUNT_TOO_LARGE" },
        { "out-of-policy amount above the bound", Tumxuk, "claims.0.outOfPolicySelfPay=4e28", "claims[0].outOfPolicySelfPay", "AMOUNT_TOO_LARGE" },
        { "benefit cap above the bound", Meizhou, "parameters.benefits.DIBAO.annualCap=1e9", "parameters.benefits.DIBAO.annualCap", "AMOUNT_TOO_LARGE" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_first_error_at_its_field(string name, string scenario, string edit, string field, string code)
    {
        var json = Edit(scenario, edit);

        var output = SimulationRunner.Run(json);

        using var result = JsonDocument.Parse(output.Json);
        if (code.Length == 0)
        {
            Assert.True(output.Ok, $"{name}: {output.Json}");
            return;
        }

        Assert.False(output.Ok, $"{name}: expected {code} at {field}, got {output.Json}");
        var error = result.RootElement.GetProperty("error");
        Assert.Equal((field, code), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"profile\": \"tumxuk-2025\",}")]
    [InlineData("[1, 2")]
    [InlineData("{} {}")]
    public void Unparseable_json_is_malformed_at_dollar(string body)
    {
        var output = SimulationRunner.Run(body);

        Assert.False(output.Ok);
        using var result = JsonDocument.Parse(output.Json);
        Assert.Equal("$", result.RootElement.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal("MALFORMED_JSON", result.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public void A_batch_settles_each_element_independently_and_succeeds()
    {
        var body = $"[{Tumxuk}, {Edit(Tumxuk, "claims.1.id=\"c1\"")}, {Tumxuk}]";

        var output = SimulationRunner.Run(body);

        Assert.True(output.Ok);
        using var result = JsonDocument.Parse(output.Json);
        var items = result.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("DUPLICATE_ID", items[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(items[0].GetRawText(), items[2].GetRawText());
    }

    /// <summary>Applies edits "a.b.0.c=json" (set) or "a.b!" (remove), separated by ';'. "$=json" replaces the root.</summary>
    private static string Edit(string json, string edits)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var edit in edits.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var remove = edit.EndsWith('!');
            var eq = edit.IndexOf('=', StringComparison.Ordinal);
            var path = remove ? edit[..^1] : edit[..eq];
            var value = remove ? null : JsonNode.Parse(edit[(eq + 1)..]);
            if (path == "$")
            {
                return value?.ToJsonString() ?? "null";
            }

            var parts = path.Split('.');
            var parent = root;
            foreach (var part in parts[..^1])
            {
                parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
            }

            var last = parts[^1];
            if (int.TryParse(last, out var index))
            {
                parent[index] = value;
            }
            else if (remove)
            {
                parent.AsObject().Remove(last);
            }
            else
            {
                parent[last] = value;
            }
        }

        return root.ToJsonString();
    }
}
