using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MedicalAssistance.Hosting.Tests.Keys;

/// <summary>A function keyed like the roster push: its department's key, or a staff key.</summary>
public static class KeyedFunctions
{
    public const string Name = "KeyedPush";

    [Function(Name)]
    [FunctionKey("department:{department}", FunctionScopes.Staff)]
    public static IActionResult KeyedPush(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "departments/{department}/rosters")] HttpRequest request, string department) =>
        Results.Ok(new { caller = request.HttpContext.GetFunctionCaller()!.Name, department }).ToActionResult();
}
