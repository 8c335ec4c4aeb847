using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Portal.Tests.Support;

/// <summary>
/// A real functions host on Azurite (own persons, codes, queues and SMS outbox) with demo departments, keys and people put on
/// record through the roster push API; and the portal in front of it, as a WebApplicationFactory (in-memory) and as a real
/// Kestrel host for the browser.
/// </summary>
public sealed partial class PortalSystem : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly List<IAsyncDisposable> _owned = [];

    private PortalSystem(RunningApp api, string portalKey, string staffKey, string clerkKey, string outbox)
    {
        Api = api;
        PortalKey = portalKey;
        StaffKey = staffKey;
        ClerkKey = clerkKey;
        OutboxPath = outbox;
    }

    public RunningApp Api { get; }
    public string PortalKey { get; }
    public string StaffKey { get; }
    public string ClerkKey { get; }
    public string OutboxPath { get; }

    public static async Task<PortalSystem> StartAsync(string connectionString)
    {
        var storage = new StorageAccount(connectionString);
        var outbox = Path.Combine(Path.GetTempPath(), "ma-portal-sms-" + Guid.NewGuid().ToString("N") + ".log");
        var api = await RunningApp.StartAsync(FunctionsApp.Build(
        [
            .. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={connectionString}", .. TestPersonSecrets.NewArgs(),
            $"--Rosters:Container={AzuriteFixture.UniqueName("rosters")}", $"--Rosters:ReportsContainer={AzuriteFixture.UniqueName("reports")}",
            $"--Rosters:Queue={AzuriteFixture.UniqueName("rosterq")}", $"--Rosters:ChunkQueue={AzuriteFixture.UniqueName("chunkq")}", $"--Rosters:StagingContainer={AzuriteFixture.UniqueName("staging")}", "--Hosting:BlobArrivals:ScanInterval=00:00:00.200",
            "--AzureFunctionsJobHost:extensions:queues:maxPollingInterval=00:00:00.500",
            $"--{PersonStore.TableKey}={AzuriteFixture.UniqueName("persons")}", $"--{PersonStore.ExemptionTableKey}={AzuriteFixture.UniqueName("exempt")}",
            $"--Beneficiaries:CodesTable={AzuriteFixture.UniqueName("codes")}", $"--Beneficiaries:SmsQueue={AzuriteFixture.UniqueName("smsq")}",
            $"--Beneficiaries:SmsOutboxPath={outbox}",
            $"--Reimbursements:Table={AzuriteFixture.UniqueName("reimb")}", $"--Reimbursements:Container={AzuriteFixture.UniqueName("materials")}",
            $"--Reimbursements:Queue={AzuriteFixture.UniqueName("reimbq")}",
            // Claims of their own too: systems of test classes running side by side share one Azurite, and a claims queue or
            // ledger table in common let one system settle or recompute another's claims (with other persons and secrets).
            $"--Claims:Table={AzuriteFixture.UniqueName("claims")}", $"--Claims:LedgerTable={AzuriteFixture.UniqueName("ledger")}",
            $"--Claims:IndexTable={AzuriteFixture.UniqueName("index")}", $"--Claims:AdjustmentTable={AzuriteFixture.UniqueName("adjust")}",
            $"--Claims:ParametersTable={AzuriteFixture.UniqueName("sparams")}", $"--Claims:Queue={AzuriteFixture.UniqueName("claimq")}",
            $"--Claims:RecomputeQueue={AzuriteFixture.UniqueName("recomputeq")}",
        ]), Ct);
        await FunctionsApp.StorageLayout(api.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()).EnsureCreatedAsync(storage, Ct);
        await DemoDepartments.SeedAsync(api.Services.GetRequiredService<DepartmentStore>(), Ct);
        var keys = api.Services.GetRequiredService<FunctionKeyStore>();
        return new PortalSystem(api,
            await keys.CreateAsync("portal-test", [FunctionScopes.Portal], Ct),
            await keys.CreateAsync("staff-test", [FunctionScopes.Staff], Ct),
            await keys.CreateAsync("meizhou-clerk", [FunctionScopes.Department("meizhou-civil")], Ct),
            outbox);
    }

    /// <summary>The portal's arguments: this API and its portal key.</summary>
    public string[] PortalArgs(string apiBaseUrl) => [$"--{PortalApp.ApiBaseUrlKey}={apiBaseUrl}", $"--{PortalApp.PortalKeyKey}={PortalKey}"];

    /// <summary>The portal in memory (WebApplicationFactory over its entry point), talking to the real API.</summary>
    public WebApplicationFactory<MedicalAssistance.Portal.Api.PortalApiOptions> PortalFactory(string? apiBaseUrl = null, string environment = "Production")
    {
        var factory = new WebApplicationFactory<MedicalAssistance.Portal.Api.PortalApiOptions>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting(PortalApp.ApiBaseUrlKey, apiBaseUrl ?? Api.BaseAddress.ToString());
            b.UseSetting(PortalApp.PortalKeyKey, PortalKey);
        });
        _owned.Add(factory);
        return factory;
    }

    /// <summary>
    /// The portal on a real port, for the browser: plain HTTP on loopback, so in the Development environment (as ./run.sh runs
    /// it), where the cookies are not Secure-only; the Secure flag outside development is checked over HTTPS in memory.
    /// </summary>
    public async Task<RunningApp> StartPortalAsync()
    {
        var portal = await RunningApp.StartAsync(PortalApp.Build([.. RunningApp.LoopbackArgs, "--environment", "Development", .. PortalArgs(Api.BaseAddress.ToString())]), Ct);
        _owned.Add(portal);
        return portal;
    }

    /// <summary>A Meizhou 低保 beneficiary with a mobile phone, through Meizhou civil affairs' roster push; returns the ID number.</summary>
    public static string IdNumberFor(int n)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(n % 18000);
        var first17 = $"441402{birth:yyyyMMdd}{n / 18000 % 1000:D3}";
        return first17 + IdNumber.CheckCharacter(first17);
    }

    public async Task PushAsync(params (int N, string Name, string? Phone)[] people)
    {
        var rows = people.Select(p => new RosterRowDto
        {
            Name = p.Name, IdNumber = IdNumberFor(p.N), IdentityType = "低保对象", DeterminedOn = "2025-01-10", Start = "2025-02-01",
            Change = "新增", Phone = p.Phone, Insurance = "居民",
        }).ToArray();
        using var http = Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/departments/meizhou-civil/rosters") { Content = JsonContent.Create(new RosterPushRequest(rows)) };
        request.Headers.Add("x-functions-key", ClerkKey);
        using var push = await http.SendAsync(request, Ct);
        push.EnsureSuccessStatusCode();
        var location = push.Headers.Location!.OriginalString;
        await UntilAsync(async () =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, location);
            get.Headers.Add("x-functions-key", ClerkKey);
            using var response = await http.SendAsync(get, Ct);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString() == "done";
        }, "the roster batch is done");
    }

    /// <summary>
    /// Waits for an SMS to <paramref name="phone"/> and returns the code of the latest one (a redelivered queue message may
    /// send the same code twice, so counting lines across people is not enough).
    /// </summary>
    public async Task<string> CodeFromOutboxAsync(string phone)
    {
        var masked = string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4));
        await UntilAsync(() => Task.FromResult(OutboxLines().Any(l => l.Contains(masked + ":", StringComparison.Ordinal))), $"an SMS to {masked} is in the outbox");
        return CodePattern().Match(OutboxLines().Last(l => l.Contains(masked + ":", StringComparison.Ordinal))).Groups[1].Value;
    }

    public string[] OutboxLines() => File.Exists(OutboxPath) ? File.ReadAllLines(OutboxPath) : [];

    /// <summary>Waits for the outbox's <paramref name="count"/>-th SMS and returns its code.</summary>
    public async Task<string> CodeFromOutboxAsync(int count = 1)
    {
        await UntilAsync(() => Task.FromResult(OutboxLines().Length >= count), $"{count} SMS are in the outbox");
        return CodePattern().Match(OutboxLines()[count - 1]).Groups[1].Value;
    }

    /// <summary>Polls a condition the hosts reach on their own, within a bounded time (never a guessed sleep).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string description)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + description);
            }

            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await Api.DisposeAsync();
        File.Delete(OutboxPath);
    }

    [GeneratedRegex("验证码为(\\d{6})")]
    private static partial Regex CodePattern();
}
