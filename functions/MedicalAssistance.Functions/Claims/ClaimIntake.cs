using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MedicalAssistance.Contracts.Claims;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Policy.Profiles;
using MedicalAssistance.Policy.Scenarios;
using MedicalAssistance.Policy.Validation;

namespace MedicalAssistance.Functions.Claims;

/// <summary>What a submission answered: 202 when any claim is new, 200 when all were stored before; or a problem.</summary>
public sealed record ClaimIntakeResult(int Status, ClaimsAccepted? Accepted, ClaimProblem? Problem);

/// <summary>
/// <c>POST /api/claims</c>: validates every claim first (the scenario's claim rules and codes, docs/scenario-format.md §6,
/// fields as <c>claims[i].&lt;field&gt;</c>; then profile, ID number, name, insurance, facility), compares ids with the stored
/// claims (same content: nothing changes; other content: 409 <c>CLAIM_ID_CONFLICT</c>), and only then stores the new ones and
/// queues them. A bad request stores nothing. A claim stored by an earlier request that never reached its ledger (a crash
/// before its message was sent) is queued again: the ledger applies a claim once however often it is queued.
/// </summary>
public sealed class ClaimIntake(
    ClaimStore claims,
    ClaimLedgerStore ledgers,
    PersonKeys keys,
    IdProtector protector,
    QueueSender sender,
    ClaimQueueNames queues,
    TimeProvider time)
{
    private const int Parallelism = 16;

    private sealed record Prepared(int Index, ClaimRecord Record);

    public async Task<ClaimIntakeResult> SubmitAsync(IReadOnlyList<JsonElement> elements, ClaimSubmitter submitter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var prepared = new List<Prepared>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            var (record, problem) = Prepare(elements[i], $"claims[{i}]", submitter, now);
            if (problem is not null)
            {
                return new ClaimIntakeResult(problem.Status, null, problem);
            }

            if (!seen.Add(record!.Id))
            {
                return Fail(400, ErrorCodes.DuplicateId, $"claims[{i}].id", $"结算单据编号“{record.Id}”在本次提交中重复", $"Claim id '{record.Id}' repeats an earlier claim of this request.");
            }

            prepared.Add(new Prepared(i, record));
        }

        // Compare with what is stored before writing anything.
        var existing = new (ClaimRecord Record, Azure.ETag ETag)?[prepared.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, prepared.Count), Options(cancellationToken),
            async (n, ct) => existing[n] = await claims.GetAsync(prepared[n].Record.Id, ct));
        for (var n = 0; n < prepared.Count; n++)
        {
            if (existing[n] is { } stored && stored.Record.Version != prepared[n].Record.Version)
            {
                return Conflict(prepared[n]);
            }
        }

        var statuses = new string[prepared.Count];
        var toQueue = new ClaimQueued?[prepared.Count];
        var conflict = (Prepared?)null;
        await Parallel.ForEachAsync(Enumerable.Range(0, prepared.Count), Options(cancellationToken), async (n, ct) =>
        {
            var record = prepared[n].Record;
            if (existing[n] is { } stored)
            {
                statuses[n] = await StatusAsync(stored.Record, ct);
                if (statuses[n] == ClaimStatus.Queued)
                {
                    toQueue[n] = MessageOf(stored.Record);
                }

                return;
            }

            if (!await claims.TryAddAsync(record, ct))
            {
                // Stored meanwhile by a concurrent request: the same claim is fine, another one is a conflict.
                var now2 = await claims.GetAsync(record.Id, ct);
                if (now2?.Record.Version != record.Version)
                {
                    conflict = prepared[n];
                    return;
                }
            }

            statuses[n] = ClaimStatus.Queued;
            toQueue[n] = MessageOf(record);
        });

        // Every stored claim still queued is sent, in request order, also when another claim of the request conflicted: the
        // client may not submit again, and a stored claim must not wait for ever.
        foreach (var batch in ClaimsQueued.Pack(toQueue.OfType<ClaimQueued>()))
        {
            await sender.SendAsync(queues.Claims, batch, cancellationToken);
        }

        if (conflict is not null)
        {
            return Conflict(conflict);
        }

        var accepted = new ClaimsAccepted([.. prepared.Select((p, n) => new ClaimAcceptance(p.Record.Id, statuses[n]))]);
        return new ClaimIntakeResult(existing.All(e => e is not null) ? 200 : 202, accepted, null);
    }

    public static ClaimQueued MessageOf(ClaimRecord r) =>
        new(r.Id, r.Profile, r.PersonKey, r.MaskedIdNumber, r.BirthDate, r.Version, r.Input, r.FacilityCode, r.Reversed, r.ReversalReason, r.FacilityName, r.SettledOn);

    private async Task<string> StatusAsync(ClaimRecord record, CancellationToken cancellationToken) =>
        (await ledgers.LoadAsync(record.PersonKey, record.Profile, cancellationToken))?.State.Results.GetValueOrDefault(record.Id)?.Status ?? ClaimStatus.Queued;

    private (ClaimRecord?, ClaimProblem?) Prepare(JsonElement json, string path, ClaimSubmitter submitter, DateTimeOffset now)
    {
        if (ScenarioParts.ClaimError(json, path) is { } error)
        {
            return (null, new ClaimProblem(400, error.Code, error.Field, $"{error.Field}：{ErrorCodes.Describe(error.Code)}", $"{error.Field}: {error.Message}"));
        }

        var profileId = Text(json, "profile");
        if (profileId is null)
        {
            return Bad(path + ".profile", ErrorCodes.Required, "缺少地区政策 profile", "profile is required.");
        }

        if (PolicyProfiles.Find(profileId) is not { } profile)
        {
            return Bad(path + ".profile", ErrorCodes.UnknownProfile, $"未知的地区政策“{profileId}”", $"Unknown profile '{profileId}'.");
        }

        var idText = Text(json, "idNumber");
        if (idText is null)
        {
            return Bad(path + ".idNumber", ErrorCodes.Required, "缺少身份证号", "idNumber is required.");
        }

        if (!IdNumber.TryParse(idText, out var idNumber))
        {
            return Bad(path + ".idNumber", ErrorCodes.InvalidValue, "身份证号无效（应为18位且校验码正确）", "idNumber is not a valid 18-character resident ID number.");
        }

        var name = Text(json, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            return Bad(path + ".name", ErrorCodes.Required, "缺少姓名", "name is required.");
        }

        InsuranceStatus insurance;
        switch (Text(json, "insurance"))
        {
            case null:
                return Bad(path + ".insurance", ErrorCodes.Required, "缺少参保类型 insurance（resident、employee 或 none）", "insurance is required: resident, employee or none.");
            case "resident":
                insurance = InsuranceStatus.Resident;
                break;
            case "employee":
                insurance = InsuranceStatus.Employee;
                break;
            case "none":
                insurance = InsuranceStatus.None;
                break;
            default:
                return Bad(path + ".insurance", ErrorCodes.InvalidValue, "参保类型应为 resident、employee 或 none", "insurance must be resident, employee or none.");
        }

        bool? mental = null;
        if (json.TryGetProperty("mentalDisorder", out var m) && m.ValueKind != JsonValueKind.Null)
        {
            if (m.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Bad(path + ".mentalDisorder", ErrorCodes.InvalidValue, "mentalDisorder 应为 true 或 false", "mentalDisorder must be true or false.");
            }

            mental = m.GetBoolean();
        }

        var claim = ScenarioParts.ReadClaim(json) with { Insurance = insurance, MentalDisorder = mental };
        var settledOn = claim.ServiceDate;
        if (Text(json, "settledOn") is { } settledText)
        {
            if (!DateOnly.TryParseExact(settledText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out settledOn))
            {
                return Bad(path + ".settledOn", ErrorCodes.InvalidDate, "结算日期无效（应为 yyyy-MM-dd）", "settledOn is not a valid yyyy-MM-dd date.");
            }
        }
        else if (json.TryGetProperty("settledOn", out var s) && s.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
        {
            return Bad(path + ".settledOn", ErrorCodes.InvalidValue, "结算日期应为文本 yyyy-MM-dd", "settledOn must be a yyyy-MM-dd string.");
        }

        var facility = json.TryGetProperty("facility", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        var facilityCode = facility.ValueKind == JsonValueKind.Object ? Text(facility, "code") : null;
        var facilityName = facility.ValueKind == JsonValueKind.Object ? Text(facility, "name") : null;
        if (string.IsNullOrWhiteSpace(facilityCode))
        {
            return Bad(path + ".facility.code", ErrorCodes.Required, "缺少医药机构编码 facility.code", "facility.code is required.");
        }

        if (!submitter.May(facilityCode))
        {
            return (null, new ClaimProblem(403, "FACILITY_NOT_ALLOWED", path + ".facility.code",
                $"该访问密钥只能提交本机构的结算记录，不能提交“{facilityCode}”的", $"This key submits claims of its own facility only, not of '{facilityCode}'."));
        }

        if (profile.UninsuredNeedNotionalInsurancePayment && insurance == InsuranceStatus.None && claim.NotionalInsurancePayment is null)
        {
            return Bad(path + ".notionalInsurancePayment", ErrorCodes.Required, "未参保人员须提供模拟医保支付额", "notionalInsurancePayment is required for an uninsured person (Meizhou MZ-3).");
        }

        var personKey = keys.KeyOf(idNumber);
        var input = ClaimInput.Write(claim);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            profile.Id, personKey, keys.Fingerprint(name), input, facilityCode, facilityName ?? "", settledOn.ToString("O", CultureInfo.InvariantCulture)))));
        var record = new ClaimRecord(claim.Id, profile.Id, personKey, idNumber.Masked, protector.Protect(idNumber.Value), protector.Protect(name.Trim()),
            idNumber.BirthDate, facilityCode, facilityName, settledOn, input, version, submitter.Name, now);
        return (record, null);
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static (ClaimRecord?, ClaimProblem?) Bad(string field, string code, string zh, string en) => (null, new ClaimProblem(400, code, field, zh, en));

    private static ClaimIntakeResult Fail(int status, string code, string field, string zh, string en) => new(status, null, new ClaimProblem(status, code, field, zh, en));

    private static ClaimIntakeResult Conflict(Prepared p) => Fail(409, "CLAIM_ID_CONFLICT", $"claims[{p.Index}].id",
        $"结算单据编号“{p.Record.Id}”已存在且内容不同", $"Claim id '{p.Record.Id}' exists with different content.");

    private static ParallelOptions Options(CancellationToken cancellationToken) => new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
