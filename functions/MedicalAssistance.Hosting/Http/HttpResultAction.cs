using Microsoft.AspNetCore.Mvc;

namespace MedicalAssistance.Hosting.Http;

/// <summary>
/// An <see cref="IActionResult"/> (what the worker's ASP.NET Core integration takes from an HTTP function) that executes an
/// <see cref="IResult"/>, so functions keep the minimal-API results and the problem details of <see cref="ApiProblem"/>.
/// </summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    public IResult Result { get; } = result;

    public Task ExecuteResultAsync(ActionContext context) => Result.ExecuteAsync(context.HttpContext);
}
