using System.Security.Cryptography;
using System.Text;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>
/// Manual reimbursement: submission with materials (idempotent per person and idempotency key), staff review and decision,
/// and the later steps the claims pipeline and the monthly run take. Every status change is one ETag-conditional write of
/// the application with its audit entry (who, when).
/// </summary>
public sealed partial class ReimbursementService(
    ReimbursementStore store,
    PersonStore persons,
    QueueSender queue,
    IOptions<ReimbursementOptions> options,
    TimeProvider time,
    ILogger<ReimbursementService> logger)
{
    public const string BeneficiaryActor = "beneficiary";
    private const int MaxAttempts = 5;

    /// <summary>The application id of a person's submission: the same key from the same person always names the same application.</summary>
    public static string ApplicationIdOf(string personKey, string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(personKey + "|" + idempotencyKey)))[..32];

    public static bool IsIdempotencyKey(string? key) =>
        key is { Length: >= 8 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public async Task<SubmissionResult> SubmitAsync(string personKey, string idempotencyKey, ReimbursementVisit visit, IReadOnlyList<ReimbursementUpload> uploads, CancellationToken cancellationToken)
    {
        var applicationId = ApplicationIdOf(personKey, idempotencyKey);
        if (await store.GetAsync(applicationId, cancellationToken) is { } earlier)
        {
            return new SubmissionResult(earlier.Application, false, null);
        }

        var validation = new ReimbursementVisitValidator(ChinaTime.DateOf(time.GetUtcNow())).Validate(visit);
        if (!validation.IsValid)
        {
            var first = validation.Errors[0];
            return Problem(first.ErrorCode, first.PropertyName, first.ErrorMessage, $"Invalid visit field '{first.PropertyName}'.");
        }

        if (UploadProblem(uploads) is { } uploadProblem)
        {
            return new SubmissionResult(null, false, uploadProblem);
        }

        if (await persons.LoadAsync(personKey, cancellationToken) is not { } person)
        {
            return Problem("PERSON_NOT_FOUND", "person", "未找到您的登记信息", "No record of the signed-in person.");
        }

        // Each attempt stores its files under its own upload id; only the attempt that creates the application is referenced.
        var uploadId = Guid.NewGuid().ToString("N");
        var materials = new List<StoredMaterial>();
        for (var i = 0; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            await using var stream = upload.Open();
            var head = new byte[8];
            var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            if (MaterialFiles.Sniff(head.AsSpan(0, read)) is not { } type)
            {
                return Problem("MATERIAL_TYPE", upload.Kind, $"“{upload.FileName}”不是 JPG、PNG 或 PDF 文件", $"'{upload.FileName}' is not a JPG, PNG or PDF file.");
            }

            stream.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            stream.Position = 0;
            var blobName = $"{applicationId}/{uploadId}/{i + 1:D2}-{upload.Kind}.{type.Extension}";
            await store.UploadAsync(blobName, stream, type.ContentType, cancellationToken);
            materials.Add(new StoredMaterial(i + 1, upload.Kind, SafeFileName(upload.FileName), type.ContentType, upload.Length, sha, blobName));
        }

        var now = time.GetUtcNow();
        var application = new ReimbursementApplication
        {
            ApplicationId = applicationId,
            PersonKey = personKey,
            MaskedIdNumber = person.State.MaskedIdNumber,
            Visit = visit with { FacilityName = visit.FacilityName!.Trim(), OutOfPolicySelfPay = visit.OutOfPolicySelfPay ?? 0m },
            SubmittedAt = now,
            Status = ReimbursementStatus.Submitted,
            Materials = materials,
            History = [new ReimbursementTransition(ReimbursementStatus.Submitted, BeneficiaryActor, now, null)],
        };
        if (await store.TryAddAsync(application, cancellationToken))
        {
            LogSubmitted(applicationId, materials.Count);
            return new SubmissionResult(application, true, null);
        }

        // A double tap: the other request created it first.
        var winner = await store.GetAsync(applicationId, cancellationToken);
        return new SubmissionResult(winner?.Application, false, null);
    }

    public Task<IReadOnlyList<ReimbursementApplication>> ListForPersonAsync(string personKey, CancellationToken cancellationToken) =>
        store.ListForPersonAsync(personKey, cancellationToken);

    public Task<(IReadOnlyList<ReimbursementApplication> Items, string? Continuation)> PageAsync(string? status, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        store.PageAsync(status, pageSize, continuation, cancellationToken);

    /// <summary>Staff open an application: a submitted one is now under review (audited with the caller's name).</summary>
    public async Task<ReimbursementApplication?> OpenForReviewAsync(string applicationId, string staff, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await store.GetAsync(applicationId, cancellationToken) is not { } current)
            {
                return null;
            }

            if (current.Application.Status != ReimbursementStatus.Submitted)
            {
                return current.Application;
            }

            var next = current.Application.Move(ReimbursementStatus.UnderReview, staff, time.GetUtcNow());
            if (await store.TryReplaceAsync(next, current.ETag, cancellationToken))
            {
                return next;
            }
        }

        return (await store.GetAsync(applicationId, cancellationToken))?.Application;
    }

    public async Task<Stream?> OpenMaterialAsync(string applicationId, int index, CancellationToken cancellationToken)
    {
        var application = (await store.GetAsync(applicationId, cancellationToken))?.Application;
        var material = application?.Materials.FirstOrDefault(m => m.Index == index);
        return material is null ? null : await store.OpenAsync(material.BlobName, cancellationToken);
    }

    public async Task<StoredMaterial?> MaterialAsync(string applicationId, int index, CancellationToken cancellationToken) =>
        (await store.GetAsync(applicationId, cancellationToken))?.Application.Materials.FirstOrDefault(m => m.Index == index);

    /// <summary>Approve (with the checked amounts) or reject (with a reason). Null: no such application; a problem: not allowed.</summary>
    public async Task<(ReimbursementApplication? Application, SubmissionProblem? Problem)> DecideAsync(string applicationId, ReimbursementDecision decision, string staff, CancellationToken cancellationToken)
    {
        var approve = decision.Decision == "approve";
        if (!approve && decision.Decision != "reject")
        {
            return (null, new("DECISION_INVALID", "decision", "决定应为 approve（通过）或 reject（不通过）", "decision must be 'approve' or 'reject'."));
        }

        if (approve && (decision.PolicyScopeSelfPay is not { } checkedPay || checkedPay < 0 || checkedPay > ReimbursementVisitValidator.MaxAmount
            || decision.OutOfPolicySelfPay is < 0 or > ReimbursementVisitValidator.MaxAmount))
        {
            return (null, new("CHECKED_AMOUNT_REQUIRED", "policyScopeSelfPay", "通过时请填写核定的政策范围内个人负担金额", "Approval needs the checked policyScopeSelfPay (0 to 10,000,000)."));
        }

        if (approve && decision.Insurance is not (null or "resident" or "employee" or "none"))
        {
            return (null, new("INSURANCE_INVALID", "insurance", "参保类型应为 resident（居民医保）、employee（职工医保）或 none（未参保）",
                "insurance must be resident, employee or none."));
        }

        if (!approve && (string.IsNullOrWhiteSpace(decision.Reason) || decision.Reason.Trim().Length > 200))
        {
            return (null, new("REASON_REQUIRED", "reason", "不通过时请填写原因（不超过200字）", "Rejection needs a reason (at most 200 characters)."));
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await store.GetAsync(applicationId, cancellationToken) is not { } current)
            {
                return (null, null);
            }

            var target = approve ? ReimbursementStatus.Approved : ReimbursementStatus.Rejected;
            if (current.Application.Status == target)
            {
                return (current.Application, null); // the same decision again: already done
            }

            if (!ReimbursementStatus.CanMove(current.Application.Status, target))
            {
                return (null, new("STATUS_CONFLICT", "status", $"该申请当前状态为“{ReimbursementStatus.NameOf(current.Application.Status)}”，不能再作此决定",
                    $"The application is {current.Application.Status}; it cannot become {target}."));
            }

            var now = time.GetUtcNow();
            var next = current.Application.Move(target, staff, now, approve ? null : decision.Reason!.Trim()) with
            {
                CheckedPolicyScopeSelfPay = approve ? Round(decision.PolicyScopeSelfPay!.Value) : null,
                CheckedOutOfPolicySelfPay = approve ? Round(decision.OutOfPolicySelfPay ?? 0m) : null,
                CheckedInsurance = approve ? decision.Insurance ?? "resident" : null,
                RejectionReason = approve ? null : decision.Reason!.Trim(),
                ClaimId = approve ? ManualClaim.ClaimIdPrefix + applicationId : null,
            };
            if (await store.TryReplaceAsync(next, current.ETag, cancellationToken))
            {
                if (approve)
                {
                    // After the commit: a crash before this line leaves it approved and not handed over; re-posting the same
                    // decision sends it again (the claim id is deterministic).
                    await queue.SendAsync(options.Value.Queue, new ReimbursementApproved(applicationId), cancellationToken);
                }

                return (next, null);
            }
        }

        return (null, new("CONCURRENT_UPDATE", "status", "该申请正在被他人处理，请刷新后重试", "The application changed meanwhile; try again."));
    }

    /// <summary>Re-sends the hand-over of an application that is approved (the same decision posted again).</summary>
    public Task ResendHandOverAsync(string applicationId, CancellationToken cancellationToken) =>
        queue.SendAsync(options.Value.Queue, new ReimbursementApproved(applicationId), cancellationToken);

    /// <summary>For the claims pipeline: the manual claim of this application was settled.</summary>
    public Task<bool> MarkSettledAsync(string applicationId, string by, CancellationToken cancellationToken) =>
        MoveAsync(applicationId, ReimbursementStatus.Settled, by, cancellationToken);

    /// <summary>For the monthly run: the settled assistance was paid.</summary>
    public Task<bool> MarkPaidAsync(string applicationId, string by, CancellationToken cancellationToken) =>
        MoveAsync(applicationId, ReimbursementStatus.Paid, by, cancellationToken);

    private async Task<bool> MoveAsync(string applicationId, string status, string by, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (await store.GetAsync(applicationId, cancellationToken) is not { } current)
            {
                return false;
            }

            if (current.Application.Status == status)
            {
                return true;
            }

            if (!ReimbursementStatus.CanMove(current.Application.Status, status))
            {
                return false;
            }

            if (await store.TryReplaceAsync(current.Application.Move(status, by, time.GetUtcNow()), current.ETag, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static SubmissionProblem? UploadProblem(IReadOnlyList<ReimbursementUpload> uploads)
    {
        if (uploads.Count == 0)
        {
            return new("MATERIALS_REQUIRED", "materials", "请上传报销材料（发票、出院小结或费用清单）", "At least one material is required.");
        }

        if (uploads.Count > MaterialFiles.MaxFiles)
        {
            return new("MATERIALS_TOO_MANY", "materials", $"最多上传{MaterialFiles.MaxFiles}个文件", $"At most {MaterialFiles.MaxFiles} files.");
        }

        if (uploads.FirstOrDefault(u => !MaterialFiles.Kinds.Contains(u.Kind)) is { } unknown)
        {
            return new("MATERIAL_KIND", unknown.Kind, "未知的材料类别", $"Unknown material field '{unknown.Kind}'.");
        }

        return uploads.FirstOrDefault(u => u.Length > MaterialFiles.MaxBytes || u.Length == 0) is { } big
            ? new("MATERIAL_SIZE", big.Kind, $"“{big.FileName}”为空或超过10MB", $"'{big.FileName}' is empty or larger than 10 MB.")
            : null;
    }

    private static SubmissionResult Problem(string code, string field, string zh, string en) => new(null, false, new SubmissionProblem(code, field, zh, en));

    private static decimal Round(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static string SafeFileName(string name)
    {
        var clean = new string(Path.GetFileName(name).Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')).ToArray());
        return clean.Length == 0 ? "file" : clean[..Math.Min(clean.Length, 100)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reimbursement {ApplicationId} submitted with {Materials} materials")]
    private partial void LogSubmitted(string applicationId, int materials);
}
