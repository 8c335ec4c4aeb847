using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedicalAssistance.Hosting.Tests.Keys;

public sealed class FunctionKeyTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The standalone host (real Kestrel, real key guard) serving one function protected like the roster push.</summary>
    private Task<RunningApp> StartAppAsync() =>
        StandaloneTestHost.StartAsync(azurite.ConnectionString, builder => builder.Services.AddFunctions(FunctionCatalog.FromTypes([typeof(KeyedFunctions)])));

    private FunctionKeyStore NewStore(TimeProvider? time = null, TimeSpan? cacheDuration = null) => new(
        new StorageAccount(azurite.ConnectionString),
        time ?? TimeProvider.System,
        Options.Create(new FunctionKeyOptions { CacheDuration = cacheDuration ?? TimeSpan.FromSeconds(30) }));

    private static async Task<HttpResponseMessage> PushAsync(HttpClient http, string department, string? key, bool asQuery = false)
    {
        var uri = $"api/departments/{department}/rosters" + (asQuery && key is not null ? "?code=" + Uri.EscapeDataString(key) : "");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        if (key is not null && !asQuery)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await http.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task No_key_is_401_and_an_unknown_key_is_401_as_problem_details()
    {
        await using var app = await StartAppAsync();
        using var http = app.CreateClient();

        using var missing = await PushAsync(http, "meizhou-civil", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        var problem = await ProblemAsync(missing);
        Assert.Equal("FUNCTION_KEY_MISSING", problem.GetProperty("code").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("密钥", problem.GetProperty("messageZh").GetString(), StringComparison.Ordinal);
        Assert.Contains("function key", problem.GetProperty("messageEn").GetString(), StringComparison.Ordinal);

        using var unknown = await PushAsync(http, "meizhou-civil", "0123456789abcdef.not-a-real-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("FUNCTION_KEY_INVALID", (await ProblemAsync(unknown)).GetProperty("code").GetString());

        // A real key id with a wrong secret is just as unknown.
        var key = await NewStore().CreateAsync(AzuriteFixture.UniqueName("caller"), [FunctionScopes.Staff], Ct);
        using var tampered = await PushAsync(http, "meizhou-civil", key[..^2] + (key[^1] == 'A' ? "BB" : "AA"));
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_403_and_with_it_passes_with_the_caller_known()
    {
        await using var app = await StartAppAsync();
        using var http = app.CreateClient();
        var store = NewStore();
        var civil = AzuriteFixture.UniqueName("civil");
        var civilKey = await store.CreateAsync(civil, [FunctionScopes.Department("meizhou-civil")], Ct);
        var staffKey = await store.CreateAsync(AzuriteFixture.UniqueName("staff"), [FunctionScopes.Staff], Ct);

        using var otherDepartment = await PushAsync(http, "meizhou-union", civilKey);
        Assert.Equal(HttpStatusCode.Forbidden, otherDepartment.StatusCode);
        var problem = await ProblemAsync(otherDepartment);
        Assert.Equal("FUNCTION_KEY_SCOPE", problem.GetProperty("code").GetString());
        Assert.Contains("department:meizhou-union", problem.GetProperty("messageEn").GetString(), StringComparison.Ordinal);

        using var own = await PushAsync(http, "meizhou-civil", civilKey);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(civil, (await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("caller").GetString());

        using var byQuery = await PushAsync(http, "meizhou-civil", civilKey, asQuery: true);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);

        using var staff = await PushAsync(http, "meizhou-union", staffKey);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_hashed_never_in_clear()
    {
        var caller = AzuriteFixture.UniqueName("hashed");
        var key = await NewStore().CreateAsync(caller, [FunctionScopes.Portal], Ct);

        var table = new StorageAccount(azurite.ConnectionString).Table(FunctionKeyStore.TableName);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Caller eq {caller}"), cancellationToken: Ct).ToListAsync(Ct);
        var row = Assert.Single(rows);
        var secretPart = key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
        Assert.DoesNotContain(row, kv => kv.Value is string s && (s.Contains(secretPart, StringComparison.Ordinal) || s == key));
        Assert.Equal(64, row.GetString("Hash").Length);
    }

    [Fact]
    public async Task Known_and_unknown_ids_are_answered_from_one_snapshot_of_the_key_table_and_a_new_key_elsewhere_works_once_it_is_read_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var thisHost = NewStore(time, TimeSpan.FromSeconds(30));
        var key = await thisHost.CreateAsync(AzuriteFixture.UniqueName("snap"), [FunctionScopes.Staff], Ct);
        Assert.NotNull(await thisHost.VerifyAsync(key, Ct)); // reads the table once

        // From now on neither a known nor an unknown id reaches storage: the snapshot answers both the same way.
        var elsewhere = await NewStore().CreateAsync(AzuriteFixture.UniqueName("elsewhere"), [FunctionScopes.Staff], Ct);
        Assert.Null(await thisHost.VerifyAsync("0123456789abcdef.unknown-id-and-secret", Ct));
        Assert.Null(await thisHost.VerifyAsync(elsewhere, Ct)); // created on another host after the snapshot
        Assert.NotNull(await thisHost.VerifyAsync(key, Ct));

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.NotNull(await thisHost.VerifyAsync(elsewhere, Ct)); // the table was read again
    }

    [Fact]
    public async Task An_empty_key_header_counts_as_absent_so_the_code_parameter_is_used()
    {
        await using var app = await StartAppAsync();
        using var http = app.CreateClient();
        var key = await app.Services.GetRequiredService<FunctionKeyStore>().CreateAsync(AzuriteFixture.UniqueName("query"), [FunctionScopes.Staff], Ct);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/departments/meizhou-civil/rosters?code=" + Uri.EscapeDataString(key));
        request.Headers.TryAddWithoutValidation("x-functions-key", "");
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_revocation_on_another_host_is_seen_once_the_cache_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var thisHost = NewStore(time, TimeSpan.FromSeconds(30));
        var otherHost = NewStore();
        var caller = AzuriteFixture.UniqueName("revoked");
        var key = await thisHost.CreateAsync(caller, [FunctionScopes.Staff], Ct);
        Assert.Equal(caller, (await thisHost.VerifyAsync(key, Ct))?.Name);

        Assert.True(await otherHost.RevokeAsync(caller, Ct));

        Assert.NotNull(await thisHost.VerifyAsync(key, Ct)); // still cached
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await thisHost.VerifyAsync(key, Ct));
        Assert.Null(await otherHost.VerifyAsync(key, Ct));
        Assert.False(await otherHost.RevokeAsync(caller, Ct));
    }

    [Fact]
    public async Task Invalid_scopes_are_refused_when_creating()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => NewStore().CreateAsync("x", ["admin", "department:"], Ct));
        Assert.Contains("admin", error.Message, StringComparison.Ordinal);
    }
}
