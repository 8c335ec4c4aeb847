using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MedicalAssistance.Testing;

// Cold start: from Process.Start to the first 200 of GET /api/health, polled every 5 ms. The two programs alternate so that
// both see the same machine load; the first run of each is a warm-up (disk cache) and not counted.
// Arguments: runs, then the two programs' directories (cold-start.sh passes their ReadyToRun publish outputs).
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
var functions = Path.Combine(args[1], "MedicalAssistance.Functions.dll");
var bare = Path.Combine(args[2], "BareHealthApi.dll");

await using var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
var secrets = new Dictionary<string, string>
{
    ["AzureWebJobsStorage"] = azurite.ConnectionString,
    ["Security__PersonKeySecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    ["Security__IdEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    ["Security__IdEncryptionKeyId"] = "bench",
};

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
var host = new List<double>();
var baseline = new List<double>();
for (var run = 0; run <= runs; run++)
{
    var h = await ColdStartAsync(functions, "serve", secrets);
    var b = await ColdStartAsync(bare, "", new Dictionary<string, string>());
    if (run > 0)
    {
        host.Add(h);
        baseline.Add(b);
    }

    Console.WriteLine(FormattableString.Invariant($"run {run}{(run == 0 ? " (warm-up)" : "")}: standalone host {h:F0} ms, bare minimal API {b:F0} ms"));
}

var hostMedian = Median(host);
var bareMedian = Median(baseline);
Console.WriteLine(FormattableString.Invariant($"median of {runs}: standalone host {hostMedian:F0} ms, bare minimal API {bareMedian:F0} ms, ratio {hostMedian / bareMedian:F2}"));
return 0;

async Task<double> ColdStartAsync(string dll, string verb, Dictionary<string, string> environment)
{
    var port = FreePort();
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(dll);
    if (verb.Length > 0)
    {
        start.ArgumentList.Add(verb);
    }

    start.ArgumentList.Add("--urls");
    start.ArgumentList.Add($"http://127.0.0.1:{port}");
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    start.Environment["Logging__LogLevel__Default"] = "Warning";
    foreach (var (key, value) in environment)
    {
        start.Environment[key] = value;
    }

    var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    process.OutputDataReceived += (_, line) => { if (line.Data is { } text) { errors.Enqueue(text); } };
    process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) { errors.Enqueue(text); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    try
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{Path.GetFileName(dll)} did not answer 200 within 60 s:\n{string.Join('\n', errors.TakeLast(30))}");
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
