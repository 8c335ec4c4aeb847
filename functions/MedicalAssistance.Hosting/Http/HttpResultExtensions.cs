using Microsoft.AspNetCore.Mvc;

namespace MedicalAssistance.Hosting.Http;

public static class HttpResultExtensions
{
    /// <summary>The result as an HTTP function returns it.</summary>
    public static IActionResult ToActionResult(this IResult result) => new HttpResultAction(result);

    /// <inheritdoc cref="ToActionResult(IResult)"/>
    public static async Task<IActionResult> ToActionResult(this Task<IResult> result) => new HttpResultAction(await result);
}
