using System.Diagnostics;
using Xunit;

namespace MedicalAssistance.Testing;

/// <summary>
/// A private Azurite for one test run: in-memory, on free ports, started from the repository's node_modules and
/// killed (with its process tree) when the run ends, pass or fail. Register it once per test assembly with
/// <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>. Tests isolate from each other by unique names
/// (<see cref="UniqueName"/>), never by a shared, pre-started emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountName = "devstoreaccount1";
    // Azurite's well-known development key: public, documented, only valid against the emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int MaxStartAttempts = 3;

    private Process? _process;
    private static int _counter;

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>A connection string to the same account on ports where nothing listens: storage that is down.</summary>
    public static string UnreachableConnectionString
    {
        get
        {
            var port = FreePorts.Next();
            return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
                $"BlobEndpoint=http://127.0.0.1:{port}/{AccountName};" +
                $"QueueEndpoint=http://127.0.0.1:{port}/{AccountName};" +
                $"TableEndpoint=http://127.0.0.1:{port}/{AccountName};";
        }
    }

    /// <summary>A name unique in this run, valid for a table, container or queue (lower-case letters and digits, starts with a letter).</summary>
    public static string UniqueName(string prefix) =>
        $"{prefix}{Interlocked.Increment(ref _counter)}x{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 24)].ToLowerInvariant();

    public async ValueTask InitializeAsync()
    {
        var azurite = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed ({azurite}). Run ./test.sh, which runs 'npm ci' first.");
        }

        // A chosen port can still be taken by another process before Azurite binds it; choose again then.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts.Distinct(3);
            (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
            var (started, output) = await TryStartAsync(azurite);
            if (started)
            {
                return;
            }

            if (attempt == MaxStartAttempts || !output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Azurite exited during start-up:\n" + output);
            }
        }
    }

    private async Task<(bool Started, string Output)> TryStartAsync(string azurite)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            azurite, "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        // AZURITE_DEBUG_LOG=<file>: Azurite's own log of every request, to see where a benchmark's storage time goes.
        if (Environment.GetEnvironmentVariable("AZURITE_DEBUG_LOG") is { Length: > 0 } debugLog)
        {
            start.ArgumentList.Add("--debug");
            start.ArgumentList.Add(debugLog);
        }

        // Readiness is Azurite's own word: each service prints "successfully listening" once it accepts requests.
        var listening = 0;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("successfully listening", StringComparison.Ordinal) && Interlocked.Increment(ref listening) == 3)
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        _process.Exited += (_, _) => ready.TrySetResult();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();

        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new InvalidOperationException("Azurite did not report listening within " + StartTimeout + ":\n" + string.Join('\n', output));
        }

        if (!_process.HasExited)
        {
            return (true, "");
        }

        _process.WaitForExit(); // drains the output handlers
        return (false, string.Join('\n', output));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
