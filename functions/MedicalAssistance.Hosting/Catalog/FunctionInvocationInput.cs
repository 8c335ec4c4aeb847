using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Hosting.Catalog;

/// <summary>What a trigger hands to one invocation: the HTTP context, the queue message body or the timer occurrence.</summary>
internal sealed record FunctionInvocationInput(HttpContext? Http = null, BinaryData? Message = null, TimerInfo? Timer = null);
