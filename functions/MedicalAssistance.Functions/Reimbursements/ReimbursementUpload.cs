namespace MedicalAssistance.Functions.Reimbursements;

/// <summary>One uploaded file as the HTTP layer hands it over: its form field (the material kind), its name and a way to read it.</summary>
public sealed record ReimbursementUpload(string Kind, string FileName, long Length, Func<Stream> Open);

/// <summary>What a submission came to: the application (new or the one this idempotency key already created), or the first problem.</summary>
public sealed record SubmissionResult(ReimbursementApplication? Application, bool Created, SubmissionProblem? Problem);

/// <summary>A 400 answer: stable code, the field, a Chinese message.</summary>
public sealed record SubmissionProblem(string Code, string Field, string MessageZh, string MessageEn);
