using System.Text;
using MedicalAssistance.Functions.Runs;

namespace MedicalAssistance.Functions.Tests.Runs;

/// <summary>Reads a run's CSV outputs back as a newcomer's Excel would get them: the BOM checked and removed, rows split at commas.</summary>
internal static class MonthlyRunOutputs
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<string> TextAsync(RunOutputs outputs, string run, string period, string file)
    {
        var found = await outputs.OpenReadAsync(run, period, file, Ct) ?? throw new InvalidOperationException($"no {file}");
        using var memory = new MemoryStream();
        await found.Content.CopyToAsync(memory, Ct);
        var bytes = memory.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    /// <summary>The rows after the header (the test data hold no quoted cells).</summary>
    public static async Task<IReadOnlyList<string[]>> RowsAsync(RunOutputs outputs, string run, string period, string file) =>
        [.. (await TextAsync(outputs, run, period, file)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))];

    /// <summary>The header row.</summary>
    public static async Task<string[]> HeaderAsync(RunOutputs outputs, string run, string period, string file) =>
        (await TextAsync(outputs, run, period, file)).Split("\r\n")[0].Split(',');
}
