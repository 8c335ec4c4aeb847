using System.Text.Json;
using MedicalAssistance.Hosting.Queues;

namespace MedicalAssistance.Functions.Claims;

/// <summary>
/// Queue <c>claims</c>: claims to apply to their persons' ledgers, in the order they were submitted. A submission of many
/// claims travels as few messages (<see cref="Pack"/>): each message costs a queue write, a receive share and a delete, which
/// per claim were most of the pipeline's storage work (and Azurite's delete time grows with the messages it holds).
/// </summary>
public sealed record ClaimsQueued(IReadOnlyList<ClaimQueued> Claims)
{
    /// <summary>
    /// Most JSON a message carries: the queue takes 64 KiB, base64 makes that 48 KiB, and this leaves room for the envelope.
    /// </summary>
    public const int MaxJsonBytes = 40 * 1024;

    public static ClaimsQueued One(ClaimQueued claim) => new([claim]);

    /// <summary>The claims in order, as messages of at most <see cref="MaxJsonBytes"/> of JSON each (one claim always fits).</summary>
    public static IEnumerable<ClaimsQueued> Pack(IEnumerable<ClaimQueued> claims)
    {
        var batch = new List<ClaimQueued>();
        var bytes = 0;
        foreach (var claim in claims)
        {
            var size = JsonSerializer.SerializeToUtf8Bytes(claim, QueueFunctions.Json).Length + 1;
            if (batch.Count > 0 && bytes + size > MaxJsonBytes)
            {
                yield return new ClaimsQueued(batch);
                batch = [];
                bytes = 0;
            }

            batch.Add(claim);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return new ClaimsQueued(batch);
        }
    }
}
