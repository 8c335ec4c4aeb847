using System.Text.Json;
using MedicalAssistance.Functions.Claims;
using MedicalAssistance.Functions.Enrolment.Parameters;
using MedicalAssistance.Functions.Health;
using MedicalAssistance.Functions.Housekeeping;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Functions.Rosters.Http;
using MedicalAssistance.Functions.Tests.Persons;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Functions.Tests.Hosting;

/// <summary>
/// The function methods called directly, as the Functions host's worker calls them (which cannot run here: no Core Tools):
/// an instance from the app's services, a <see cref="DefaultHttpContext"/> request, route values as arguments, a queue
/// message object, a <see cref="TimerInfo"/>. Proves each hands its inputs over to the feature, against Azurite.
/// </summary>
public sealed class WorkerFunctionBindingTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Microsoft.AspNetCore.Builder.WebApplication> AppAsync()
    {
        var app = FunctionsApp.Build([$"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args, .. Rosters.TestRosters.PrivateClaimArgs()]);
        await FunctionsApp.StorageLayout(app.Configuration).EnsureCreatedAsync(app.Services.GetRequiredService<StorageAccount>(), Ct);
        return app;
    }

    private static DefaultHttpContext Request(IServiceProvider services, string method = "GET", params (string Name, string Value)[] route)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        foreach (var (name, value) in route)
        {
            context.Request.RouteValues[name] = value;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, JsonElement Body)> ExecuteAsync(IActionResult result, HttpContext context)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body, cancellationToken: Ct);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task Http_functions_take_the_request_and_their_route_values()
    {
        await using var app = await AppAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;

        var health = Request(services);
        var (status, body) = await ExecuteAsync(await ActivatorUtilities.CreateInstance<HealthFunctions>(services).Health(health.Request, Ct), health);
        Assert.Equal((200, "healthy"), (status, body.GetProperty("status").GetString()));

        // Route values arrive as arguments: an unknown profile and a bad year are named in the answer.
        var parameters = ActivatorUtilities.CreateInstance<EnrolmentParameterHttpFunctions>(services);
        var unknown = Request(services);
        (status, body) = await ExecuteAsync(await parameters.GetEnrolmentParameters(unknown.Request, "nowhere-2025", 2026, Ct), unknown);
        Assert.Equal((404, "UNKNOWN_PROFILE", "profile"), (status, body.GetProperty("code").GetString(), body.GetProperty("field").GetString()));
        var badYear = Request(services);
        (status, body) = await ExecuteAsync(await parameters.GetEnrolmentParameters(badYear.Request, "meizhou-2025", 1900, Ct), badYear);
        Assert.Equal((400, "YEAR_INVALID"), (status, body.GetProperty("code").GetString()));

        var roster = Request(services, route: ("department", "meizhou-civil"));
        (status, body) = await ExecuteAsync(await ActivatorUtilities.CreateInstance<RosterHttpFunctions>(services).GetRosterBatch(roster.Request, "meizhou-civil", "no-such-batch", Ct), roster);
        Assert.Equal((404, "UNKNOWN_BATCH"), (status, body.GetProperty("code").GetString()));

        // A function whose caller comes from the key guard: called without it (a misconfigured pipeline) it refuses, never serves.
        var claims = Request(services);
        (status, body) = await ExecuteAsync(await ActivatorUtilities.CreateInstance<ClaimHttpFunctions>(services).GetClaim(claims.Request, "X-1", Ct), claims);
        Assert.Equal((403, "FUNCTION_KEY_SCOPE"), (status, body.GetProperty("code").GetString()));
        Assert.Null(claims.GetFunctionCaller());
    }

    [Fact]
    public async Task Queue_and_timer_functions_take_their_message_and_timer()
    {
        await using var app = await AppAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;

        // A claim accepted by the intake, its message handed to the queue function: settled into the person's ledger.
        var id = TestIds.Make(new DateOnly(1991, 3, 4), 411, "659003");
        var keys = services.GetRequiredService<PersonKeys>();
        var protector = services.GetRequiredService<IdProtector>();
        await services.GetRequiredService<PersonStore>().TryCommitAsync(new PersonState
        {
            PersonKey = keys.KeyOf(id), EncryptedIdNumber = protector.Protect(id.Value), MaskedIdNumber = id.Masked,
            EncryptedName = protector.Protect("绑定乙"), NameFingerprint = keys.Fingerprint("绑定乙"), BirthDate = id.BirthDate, Version = 1, CommitId = "c",
            Identities = [new IdentityPeriod("DIBAO_MARGINAL", new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 15), null, "tumxuk-civil")],
        }, null, Ct);
        var claimId = AzuriteFixture.UniqueName("BIND-");
        var element = JsonSerializer.SerializeToElement(new
        {
            id = claimId, profile = "tumxuk-2025", idNumber = id.Value, name = "绑定乙", insurance = "resident", kind = "inpatient",
            admission = "2025-09-01", discharge = "2025-09-09", policyScopeSelfPay = 10000m, facility = new { code = "H001", name = "图木舒克市人民医院", level = 2 },
        });
        var accepted = await services.GetRequiredService<ClaimIntake>().SubmitAsync([element], new ClaimSubmitter("test", true, new HashSet<string>()), Ct);
        Assert.Null(accepted.Problem);
        var stored = (await services.GetRequiredService<ClaimStore>().GetAsync(claimId, Ct))!.Value.Record;

        await ActivatorUtilities.CreateInstance<ClaimQueueFunctions>(services).ClaimQueued(ClaimsQueued.One(ClaimIntake.MessageOf(stored)), Ct);

        var ledger = await services.GetRequiredService<ClaimLedgerStore>().LoadAsync(stored.PersonKey, "tumxuk-2025", Ct);
        Assert.Equal(ClaimStatus.Settled, ledger!.State.Results[claimId].Status);

        await ActivatorUtilities.CreateInstance<HousekeepingFunctions>(services).Housekeeping(new TimerInfo { IsPastDue = true }, Ct);
    }

    /// <summary>
    /// Every HTTP function a staff key may call, called directly with route values of the right type: none fails to bind or
    /// answers 500 (a function that reads its body gets none and must say so with a 4xx). Portal functions (a beneficiary's
    /// token) are called through the host in the beneficiary tests.
    /// </summary>
    [Fact]
    public async Task Every_staff_or_anonymous_http_function_binds_and_answers_without_a_server_error()
    {
        await using var app = await AppAsync();
        var staff = await app.Services.GetRequiredService<FunctionKeyStore>().CreateAsync(AzuriteFixture.UniqueName("staff"), [FunctionScopes.Staff], Ct);
        var catalog = MedicalAssistance.Hosting.Catalog.FunctionCatalog.FromAssembly(typeof(FunctionsApp).Assembly);
        var called = new List<string>();
        foreach (var (function, trigger) in catalog.OfTrigger<MedicalAssistance.Hosting.Catalog.HttpFunctionTrigger>())
        {
            if (function.Attributes<FunctionKeyAttribute>().Any(a => a.Scopes.Contains(FunctionScopes.Portal)))
            {
                continue;
            }

            await using var scope = app.Services.CreateAsyncScope();
            var context = Request(scope.ServiceProvider, trigger.Methods[0]);
            context.Request.Headers[FunctionKeyGuard.HeaderName] = staff;
            var arguments = function.Method.GetParameters().Select(p =>
                p.ParameterType == typeof(HttpRequest) ? context.Request
                : p.ParameterType == typeof(CancellationToken) ? Ct
                : p.ParameterType == typeof(int) ? 2025
                : p.Name == "department" ? "meizhou-civil"
                : p.Name == "profile" ? "meizhou-2025"
                : p.Name == "period" ? "2025-09"
                : (object)"x-1").ToArray();
            foreach (var (parameter, value) in function.Method.GetParameters().Zip(arguments))
            {
                if (value is string or int)
                {
                    context.Request.RouteValues[parameter.Name!] = value;
                }
            }

            Assert.Null(await new FunctionKeyGuard(scope.ServiceProvider.GetRequiredService<FunctionKeyStore>()).CheckAsync(context, function));
            var target = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
            var result = await Wrap(function.Method.Invoke(target, arguments));
            await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
            Assert.True(context.Response.StatusCode < 500, $"{function.Name} answered {context.Response.StatusCode}");
            called.Add(function.Name);
        }

        Assert.Contains("PushRoster", called);
        Assert.Contains("GetRun", called);
    }

    private static async Task<IActionResult> Wrap(object? returned) => returned switch
    {
        Task<IActionResult> task => await task,
        IActionResult result => result,
        _ => throw new InvalidOperationException($"An HTTP function returned {returned?.GetType().Name ?? "null"}"),
    };
}
