using MedicalAssistance.Contracts.Claims;

using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Contracts.Health;
using MedicalAssistance.Contracts.Reimbursements;
using MedicalAssistance.Contracts.Rosters;
using Refit;

namespace MedicalAssistance.Contracts;

/// <summary>
/// The functions host's HTTP API as the portal (and any other .NET caller) sees it.
/// One interface so that the routes live in one place; features add their methods here.
/// </summary>
public interface IMedicalAssistanceApi
{
    /// <summary>Host and storage status. Answers 503 with the same body when a part is down.</summary>
    [Get("/api/health")]
    Task<IApiResponse<HealthReport>> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>Pushes a roster file (CSV in UTF-8 or GB18030, or XLSX) for a department: 202 with the batch id.</summary>
    [Multipart]
    [Post("/api/departments/{department}/rosters")]
    Task<IApiResponse<RosterBatchAccepted>> PushRosterFileAsync(
        string department, [AliasAs("file")] StreamPart file, [Header("x-functions-key")] string functionKey, CancellationToken cancellationToken = default);

    /// <summary>Pushes roster rows as JSON for a department: 202 with the batch id.</summary>
    [Post("/api/departments/{department}/rosters")]
    Task<IApiResponse<RosterBatchAccepted>> PushRosterRowsAsync(
        string department, [Body] RosterPushRequest request, [Header("x-functions-key")] string functionKey, CancellationToken cancellationToken = default);

    /// <summary>A roster batch's status, counts, first row errors and report link.</summary>
    [Get("/api/departments/{department}/rosters/{batchId}")]
    Task<IApiResponse<RosterBatchReport>> GetRosterBatchAsync(
        string department, string batchId, [Header("x-functions-key")] string functionKey, CancellationToken cancellationToken = default);

    /// <summary>Submits one-stop settlement records (staff or the facility's own key): 202 queued, 200 when all were already stored.</summary>
    [Post("/api/claims")]
    Task<IApiResponse<ClaimsAccepted>> SubmitClaimsAsync(
        [Body] ClaimsSubmission submission, [Header("x-functions-key")] string functionKey, CancellationToken cancellationToken = default);

    /// <summary>A claim's status, result with explanation, hold reason, ledger and history (ID number masked).</summary>
    [Get("/api/claims/{id}")]
    Task<IApiResponse<ClaimView>> GetClaimAsync(string id, [Header("x-functions-key")] string functionKey, CancellationToken cancellationToken = default);

    /// <summary>Voids a claim; the person's years are recomputed (202).</summary>
    [Post("/api/claims/{id}/reversal")]
    Task<IApiResponse<ClaimView>> ReverseClaimAsync(
        string id, [Body] ClaimReversalRequest reversal, [Header("x-functions-key")] string functionKey, CancellationToken cancellationToken = default);

    /// <summary>Asks for a sign-in code (portal key): 202 whether or not the person exists; 429 when rate-limited.</summary>
    /// <param name="clientAddress">The visitor's address, for the API's per-address limit.</param>
    [Post("/api/beneficiaries/login")]
    Task<IApiResponse<BeneficiaryLoginAccepted>> RequestSignInCodeAsync(
        [Body] BeneficiaryLoginRequest request, [Header("x-functions-key")] string functionKey, [Header("X-Forwarded-For")] string? clientAddress,
        CancellationToken cancellationToken = default);

    /// <summary>Trades the SMS code for a short-lived beneficiary token (portal key); 400 <c>CODE_INVALID</c> otherwise.</summary>
    [Post("/api/beneficiaries/verify")]
    Task<IApiResponse<BeneficiaryToken>> VerifySignInCodeAsync(
        [Body] BeneficiaryVerifyRequest request, [Header("x-functions-key")] string functionKey, [Header("X-Forwarded-For")] string? clientAddress,
        CancellationToken cancellationToken = default);

    /// <summary>The signed-in person's own records (portal key + beneficiary token).</summary>
    [Get("/api/beneficiaries/me/records")]
    Task<IApiResponse<BeneficiaryRecords>> GetMyRecordsAsync(
        [Header("x-functions-key")] string functionKey, [Authorize("Bearer")] string beneficiaryToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits a manual reimbursement (portal key + token): <paramref name="visitJson"/> is a <see cref="ReimbursementVisit"/> as JSON;
    /// 201 new, 200 when this idempotency key already created it.
    /// </summary>
    [Multipart]
    [Post("/api/reimbursements")]
    Task<IApiResponse<ReimbursementReceipt>> SubmitReimbursementAsync(
        [AliasAs("visit")] string visitJson,
        [AliasAs("invoice")] IEnumerable<StreamPart> invoice,
        [AliasAs("dischargeSummary")] IEnumerable<StreamPart> dischargeSummary,
        [AliasAs("expenseList")] IEnumerable<StreamPart> expenseList,
        [Header("Idempotency-Key")] string idempotencyKey,
        [Header("x-functions-key")] string functionKey, [Authorize("Bearer")] string beneficiaryToken, CancellationToken cancellationToken = default);

    /// <summary>The signed-in person's applications and their status (portal key + token).</summary>
    [Get("/api/beneficiaries/me/reimbursements")]
    Task<IApiResponse<List<BeneficiaryApplication>>> GetMyReimbursementsAsync(
        [Header("x-functions-key")] string functionKey, [Authorize("Bearer")] string beneficiaryToken, CancellationToken cancellationToken = default);
}
