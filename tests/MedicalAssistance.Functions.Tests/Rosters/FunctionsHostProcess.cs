using System.Diagnostics;
using System.Text;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Tests.Rosters;

/// <summary>
/// The functions host as a real child process (<c>dotnet MedicalAssistance.Functions.dll serve</c>), so that a test can kill it
/// with SIGKILL as a crash or an evicted container would, and start another one. Its output is kept for failure messages.
/// </summary>
internal sealed class FunctionsHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private FunctionsHostProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The host's last lines of output (for an assertion message).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.Length > 4000 ? _output.ToString(_output.Length - 4000, 4000) : _output.ToString();
            }
        }
    }

    public static FunctionsHostProcess Start(string storageConnectionString, IEnumerable<string> settings)
    {
        // The Functions executable is copied next to this test assembly (project reference), with its runtimeconfig and deps.
        var dll = Path.Combine(AppContext.BaseDirectory, "MedicalAssistance.Functions.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { dll, "serve", "--urls", "http://127.0.0.1:0", $"--{StorageAccount.ConnectionStringKey}={storageConnectionString}" }
                     .Concat(TestSecrets.Args).Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the functions host.");
        var host = new FunctionsHostProcess(process);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown, no lease release, no checkpoint; whatever was in flight stops where it is.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
