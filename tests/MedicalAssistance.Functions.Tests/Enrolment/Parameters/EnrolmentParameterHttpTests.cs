using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using MedicalAssistance.Contracts.Rosters;
using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Enrolment.Parameters;

/// <summary>
/// The operator's path through the real host: a department pushes a new beneficiary before the year's contribution is known
/// (the enrolment waits), staff set the parameters over HTTP, and the queued completion gives the enrolment its amount.
/// The host has private person and parameter tables and its own queues, so no other test's people are touched.
/// </summary>
public sealed class EnrolmentParameterHttpTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_set_the_years_contribution_and_a_waiting_enrolment_gets_its_amount()
    {
        var storage = new StorageAccount(azurite.ConnectionString);
        var persons = AzuriteFixture.UniqueName("persons");
        var exemptions = AzuriteFixture.UniqueName("exempt");
        var parameters = AzuriteFixture.UniqueName("params");
        foreach (var table in new[] { persons, exemptions, parameters })
        {
            await storage.Tables.CreateTableIfNotExistsAsync(table, Ct);
        }

        await using var app = await RunningApp.StartAsync(FunctionsApp.Build(
            [
                .. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={azurite.ConnectionString}", .. TestSecrets.Args,
                .. PrivateRosterHostArgs(AzuriteFixture.UniqueName("rosters"), AzuriteFixture.UniqueName("reports"), AzuriteFixture.UniqueName("rosterq")),
                $"--Enrolment:ParametersQueue={AzuriteFixture.UniqueName("paramq")}",
                $"--{PersonStore.TableKey}={persons}", $"--{PersonStore.ExemptionTableKey}={exemptions}", $"--{EnrolmentParameterStore.TableKey}={parameters}",
            ]), Ct);
        await FunctionsApp.StorageLayout().EnsureCreatedAsync(storage, Ct);
        await DemoDepartments.SeedAsync(app.Services.GetRequiredService<DepartmentStore>(), Ct);
        var keys = app.Services.GetRequiredService<FunctionKeyStore>();
        var staff = await keys.CreateAsync("operator-1", [FunctionScopes.Staff], Ct);
        var clerk = await keys.CreateAsync("tumxuk-civil-clerk", [FunctionScopes.Department("tumxuk-civil")], Ct);
        using var http = app.CreateClient();
        var year = ChinaTime.DateOf(DateTimeOffset.UtcNow).Year;
        var route = $"api/enrolment-parameters/tumxuk-2025/{year}";

        // A new 特困 beneficiary, uninsured: enrolled for this year, amount waiting for the contribution.
        var row = new RosterRowDto
        {
            Name = "特困甲", IdNumber = IdNumberFor(6101), IdentityType = "特困人员", DeterminedOn = $"{year}-01-02", Start = $"{year}-01-01",
            Change = "新增", Insurance = "未参保",
        };
        using (var push = await SendAsync(http, HttpMethod.Post, "api/departments/tumxuk-civil/rosters", clerk, JsonContent.Create(new RosterPushRequest([row]))))
        {
            Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
            await UntilAsync(async () => (await GetJsonAsync(http, push.Headers.Location!.OriginalString, clerk)).GetProperty("status").GetString() == "done");
        }

        Assert.True(IdNumber.TryParse(IdNumberFor(6101), out var id));
        var records = app.Services.GetRequiredService<PersonRecords>();
        Assert.Equal(EnrolmentStatus.AwaitingParameter, Assert.Single((await records.GetAsync(id, Ct))!.Enrolments).Status);

        using (var notSet = await SendAsync(http, HttpMethod.Get, route, staff))
        {
            Assert.Equal((HttpStatusCode.NotFound, "PARAMETERS_NOT_SET"), (notSet.StatusCode, await CodeAsync(notSet)));
        }

        // A request disposes its content: a fresh body for each.
        static JsonContent Body() => JsonContent.Create(new { individualContribution = 400m });
        using (var anonymous = await SendAsync(http, HttpMethod.Put, route, null, Body()))
        using (var department = await SendAsync(http, HttpMethod.Put, route, clerk, Body()))
        using (var wrongRegion = await SendAsync(http, HttpMethod.Put, route, staff, JsonContent.Create(new { individualContribution = 400m, fixedSubsidyAmount = 100m })))
        using (var unknown = await SendAsync(http, HttpMethod.Put, $"api/enrolment-parameters/atlantis-2025/{year}", staff, Body()))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, department.StatusCode);
            Assert.Equal((HttpStatusCode.BadRequest, "PARAMETER_NOT_USED"), (wrongRegion.StatusCode, await CodeAsync(wrongRegion)));
            Assert.Equal((HttpStatusCode.NotFound, "UNKNOWN_PROFILE"), (unknown.StatusCode, await CodeAsync(unknown)));
        }

        using (var put = await SendAsync(http, HttpMethod.Put, route, staff, Body()))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal(400m, (await GetJsonAsync(http, route, staff)).GetProperty("individualContribution").GetDecimal());
        await UntilAsync(async () => Assert.Single((await records.GetAsync(id, Ct))!.Enrolments).Status == EnrolmentStatus.Subsidised);
        var enrolment = Assert.Single((await records.GetAsync(id, Ct))!.Enrolments);
        Assert.Equal((SubsidyLevel.Full, (decimal?)400.00m), (enrolment.Level, enrolment.Amount));
        var personKey = app.Services.GetRequiredService<PersonKeys>().KeyOf(id);
        var audit = Assert.Single(await app.Services.GetRequiredService<PersonStore>().ReadAuditsAsync(personKey, Ct), a => a.Change == "EnrolmentParameters");
        Assert.Equal("operator-1", audit.SubmittedBy);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string route, string? key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, route) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await http.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string route, string key)
    {
        using var response = await SendAsync(http, HttpMethod.Get, route, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();

    /// <summary>Waits for a condition the host reaches on its own (queue and blob triggers), within a bounded time.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
