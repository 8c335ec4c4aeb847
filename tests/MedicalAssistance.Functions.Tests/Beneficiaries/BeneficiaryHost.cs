using System.Net.Http.Json;
using System.Text.Json;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Beneficiaries;

/// <summary>
/// A real functions host with its own persons, codes, queues and SMS outbox file; people put on record through the roster
/// push API (the phone as the roster gives it), a portal key and a staff key.
/// </summary>
internal sealed class BeneficiaryHost : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BeneficiaryHost(RunningApp app, HttpClient http, string portalKey, string staffKey, string clerkKey, string outbox)
    {
        App = app;
        Http = http;
        PortalKey = portalKey;
        StaffKey = staffKey;
        ClerkKey = clerkKey;
        OutboxPath = outbox;
    }

    public RunningApp App { get; }
    public HttpClient Http { get; }
    public string PortalKey { get; }
    public string StaffKey { get; }
    public string ClerkKey { get; }
    public string OutboxPath { get; }
    public string SmsQueue { get; private init; } = "";

    public static async Task<BeneficiaryHost> StartAsync(string connectionString, Action<WebApplicationBuilder>? configure = null, params string[] extraArgs)
    {
        var storage = new StorageAccount(connectionString);
        var outbox = Path.Combine(Path.GetTempPath(), "ma-sms-" + Guid.NewGuid().ToString("N") + ".log");
        var smsQueue = AzuriteFixture.UniqueName("smsq");
        var app = await RunningApp.StartAsync(FunctionsApp.Build(
            [
                .. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={connectionString}", .. TestPersonSecrets.NewArgs(),
                .. PrivateRosterHostArgs(AzuriteFixture.UniqueName("rosters"), AzuriteFixture.UniqueName("reports"), AzuriteFixture.UniqueName("rosterq")),
                $"--{PersonStore.TableKey}={AzuriteFixture.UniqueName("persons")}", $"--{PersonStore.ExemptionTableKey}={AzuriteFixture.UniqueName("exempt")}",
                $"--Beneficiaries:CodesTable={AzuriteFixture.UniqueName("codes")}", $"--Beneficiaries:SmsQueue={smsQueue}",
                $"--Beneficiaries:SmsOutboxPath={outbox}",
                $"--Reimbursements:Table={AzuriteFixture.UniqueName("reimb")}", $"--Reimbursements:Container={AzuriteFixture.UniqueName("materials")}",
                $"--Reimbursements:Queue={AzuriteFixture.UniqueName("reimbq")}",
                // Its own claims queue and tables too: another test host on the shared "claims" queue would settle this host's
                // manual claims against its own persons and reimbursements (it did, in CI: the application never became settled).
                .. PrivateClaimArgs(),
                .. extraArgs,
            ], configure), Ct);
        await FunctionsApp.StorageLayout(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()).EnsureCreatedAsync(storage, Ct);
        await DemoDepartments.SeedAsync(app.Services.GetRequiredService<DepartmentStore>(), Ct);
        var keys = app.Services.GetRequiredService<FunctionKeyStore>();
        var portal = await keys.CreateAsync("portal-test", [FunctionScopes.Portal], Ct);
        var staff = await keys.CreateAsync("staff-test", [FunctionScopes.Staff], Ct);
        var clerk = await keys.CreateAsync("meizhou-clerk", [FunctionScopes.Department("meizhou-civil")], Ct);
        return new BeneficiaryHost(app, app.CreateClient(), portal, staff, clerk, outbox) { SmsQueue = smsQueue };
    }

    /// <summary>Puts people on record through the roster push of Meizhou civil affairs and waits for the batch to be done.</summary>
    public async Task PushAsync(params RosterRowDto[] rows)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/departments/meizhou-civil/rosters") { Content = JsonContent.Create(new RosterPushRequest(rows)) };
        request.Headers.Add("x-functions-key", ClerkKey);
        using var push = await Http.SendAsync(request, Ct);
        push.EnsureSuccessStatusCode();
        var location = push.Headers.Location!.OriginalString;
        await Eventually.HoldsAsync(async () =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, location);
            get.Headers.Add("x-functions-key", ClerkKey);
            using var response = await Http.SendAsync(get, Ct);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString() == "done";
        }, "the roster batch is done", TimeSpan.FromSeconds(90));
    }

    public static RosterRowDto Person(int n, string name, string? phone) => new()
    {
        Name = name, IdNumber = IdNumberFor(n), IdentityType = "低保对象", DeterminedOn = "2025-01-10", Start = "2025-02-01",
        Change = "新增", Phone = phone, Insurance = "居民",
    };

    public Task<HttpResponseMessage> LoginAsync(string idNumber, string name, string? key = null, string? forwardedFor = null) =>
        SendAsync(HttpMethod.Post, "api/beneficiaries/login", key ?? PortalKey, JsonContent.Create(new BeneficiaryLoginRequest(idNumber, name)), forwardedFor: forwardedFor);

    public Task<HttpResponseMessage> VerifyAsync(string idNumber, string code, string? forwardedFor = null) =>
        SendAsync(HttpMethod.Post, "api/beneficiaries/verify", PortalKey, JsonContent.Create(new BeneficiaryVerifyRequest(idNumber, code)), forwardedFor: forwardedFor);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, string? key, HttpContent? content = null, string? bearer = null, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(method, route) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await Http.SendAsync(request, Ct);
    }

    /// <summary>The outbox's lines (<c>{time} {masked phone}: {text}</c>).</summary>
    public string[] OutboxLines() => File.Exists(OutboxPath) ? File.ReadAllLines(OutboxPath) : [];

    /// <summary>Waits for the outbox's <paramref name="count"/>-th message and returns its 6-digit code.</summary>
    public async Task<string> CodeFromOutboxAsync(int count = 1)
    {
        await Eventually.HoldsAsync(() => OutboxLines().Length >= count, $"{count} SMS are in the outbox", TimeSpan.FromSeconds(30));
        var text = OutboxLines()[count - 1];
        return System.Text.RegularExpressions.Regex.Match(text, "验证码为(\\d{6})").Groups[1].Value;
    }

    /// <summary>Waits until the SMS queue has no message left (visible or in flight).</summary>
    public async Task SmsQueueDrainedAsync()
    {
        var queue = App.Services.GetRequiredService<StorageAccount>().Queue(SmsQueue);
        await Eventually.HoldsAsync(async () => (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount == 0, "the SMS queue is drained", TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        File.Delete(OutboxPath);
    }
}
