using MedicalAssistance.Policy.Simulation;
using MedicalAssistance.Policy.Validation;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Simulate;

/// <summary>
/// Settles a simulate request within <see cref="SimulateLimitsOptions"/>: the body is read only up to its limit (413
/// BODY_TOO_LARGE beyond, whatever Content-Length claimed), then <see cref="SimulationRunner"/> checks scenario and claim
/// counts and every field. Host-agnostic: the HTTP endpoint and the <c>simulate</c> command use it alike.
/// </summary>
public sealed class SimulationService(IOptions<SimulateLimitsOptions> options)
{
    public Task<SimulationOutput> RunAsync(Stream body, long? declaredLength, CancellationToken cancellationToken) =>
        RunAsync(body, declaredLength, options.Value.ToLimits(), cancellationToken);

    public static async Task<SimulationOutput> RunAsync(Stream body, long? declaredLength, SimulationLimits limits, CancellationToken cancellationToken)
    {
        if (declaredLength > limits.BodyBytes)
        {
            return SimulationRunner.RequestFailed(ErrorCodes.BodyTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.BodyBytes)
            {
                return SimulationRunner.RequestFailed(ErrorCodes.BodyTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return SimulationRunner.Run(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), limits);
    }

    /// <summary>200 when settled, 413 for a body over the limit, 400 for every other error.</summary>
    public static int StatusCodeOf(SimulationOutput output) =>
        output.Ok ? StatusCodes.Status200OK
        : output.RequestError == ErrorCodes.BodyTooLarge ? StatusCodes.Status413PayloadTooLarge
        : StatusCodes.Status400BadRequest;
}
