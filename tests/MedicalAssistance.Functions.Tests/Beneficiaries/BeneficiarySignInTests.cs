using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Functions.Beneficiaries.SignIn;
using MedicalAssistance.Functions.Beneficiaries.Tokens;
using MedicalAssistance.Functions.Persons;
using MedicalAssistance.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static MedicalAssistance.Functions.Tests.Rosters.TestRosters;

namespace MedicalAssistance.Functions.Tests.Beneficiaries;

/// <summary>Sign-in by SMS code through the real host and Azurite: the outbox carries the code, the API guards who sees what.</summary>
public sealed class BeneficiarySignInTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_signs_in_with_the_code_sent_to_the_roster_phone_and_reads_only_their_own_records()
    {
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString);
        await host.PushAsync(BeneficiaryHost.Person(7001, "王秀英", "138-0013-8001"), BeneficiaryHost.Person(7002, "李桂兰", "13800138002"));

        using (var login = await host.LoginAsync(IdNumberFor(7001), "王秀英"))
        {
            Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        }

        var code = await host.CodeFromOutboxAsync();
        Assert.Matches(@"\+?\S+ 138\*\*\*\*8001: 【医疗救助】您的登录验证码为\d{6}", host.OutboxLines()[0]);
        Assert.DoesNotContain("13800138001", File.ReadAllText(host.OutboxPath));
        var token = await TokenAsync(host, IdNumberFor(7001), code);
        Assert.Equal(IdNumber.Mask(IdNumberFor(7001)), token.MaskedIdNumber);

        using var records = await host.SendAsync(HttpMethod.Get, "api/beneficiaries/me/records", host.PortalKey, bearer: token.Token);
        Assert.Equal(HttpStatusCode.OK, records.StatusCode);
        var body = await records.Content.ReadFromJsonAsync<BeneficiaryRecords>(Ct);
        Assert.Equal(IdNumber.Mask(IdNumberFor(7001)), body!.MaskedIdNumber);
        var identity = Assert.Single(body.Identities);
        Assert.Equal(("最低生活保障对象", new DateOnly(2025, 2, 1), "meizhou-civil"), (identity.TypeName, identity.Start, identity.Department));
        Assert.NotEqual(identity.Department, identity.DepartmentName);
        Assert.NotEmpty(body.Enrolments);
        Assert.True(body.ClaimsAvailable); // the claims feature answers; this person has no claims yet
        Assert.Empty(body.Claims);

        // Another person's records: no route takes a person, and a token re-signed for another person key is refused.
        var otherKey = host.App.Services.GetServices<PersonKeys>().Single().KeyOf(Parse(IdNumberFor(7002)));
        var parts = token.Token.Split('.');
        var forged = $"{parts[0]}.{otherKey}.{parts[2]}.{parts[3]}";
        using var other = await host.SendAsync(HttpMethod.Get, "api/beneficiaries/me/records", host.PortalKey, bearer: forged);
        Assert.Equal((HttpStatusCode.Unauthorized, "BENEFICIARY_TOKEN_INVALID"), (other.StatusCode, await CodeAsync(other)));
        using var noToken = await host.SendAsync(HttpMethod.Get, "api/beneficiaries/me/records", host.PortalKey);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        using var noKey = await host.SendAsync(HttpMethod.Get, "api/beneficiaries/me/records", null, bearer: token.Token);
        Assert.Equal((HttpStatusCode.Unauthorized, "FUNCTION_KEY_MISSING"), (noKey.StatusCode, await CodeAsync(noKey)));
        using var staffKey = await host.SendAsync(HttpMethod.Get, "api/beneficiaries/me/records", host.StaffKey, bearer: token.Token);
        Assert.Equal(HttpStatusCode.Forbidden, staffKey.StatusCode);
    }

    [Fact]
    public async Task Unknown_people_wrong_names_and_people_without_a_mobile_get_the_same_answer_and_no_sms()
    {
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString);
        await host.PushAsync(BeneficiaryHost.Person(7101, "张建国", "13800138101"), BeneficiaryHost.Person(7102, "刘志强", null),
            BeneficiaryHost.Person(7103, "陈丽华", "0753-2181234"), BeneficiaryHost.Person(7104, "杨明", "13800138104"));

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (id, name) in new[] { (IdNumberFor(7199), "无此人"), (IdNumberFor(7101), "张建民"), (IdNumberFor(7102), "刘志强"), (IdNumberFor(7103), "陈丽华"), (IdNumberFor(7104), "杨明") })
        {
            using var response = await host.LoginAsync(id, name);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.Accepted, answers[0].Item1);
        Assert.Contains("医疗保障经办机构", answers[0].Item2);
        await host.CodeFromOutboxAsync();
        await host.SmsQueueDrainedAsync();
        Assert.Single(host.OutboxLines());
        Assert.Contains("138****8104", host.OutboxLines()[0]);

        // A code for someone who was sent nothing never verifies, even if guessed.
        foreach (var code in new[] { "000000", "123456" })
        {
            using var verify = await host.VerifyAsync(IdNumberFor(7199), code);
            Assert.Equal((HttpStatusCode.BadRequest, "CODE_INVALID"), (verify.StatusCode, await CodeAsync(verify)));
        }
    }

    [Fact]
    public async Task A_code_works_once_five_wrong_tries_void_it_and_it_expires_after_five_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // The sign-in's clock only: the host's queue listeners keep real time.
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString, b =>
        {
            b.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BeneficiaryTokens>(sp, (TimeProvider)time));
            b.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BeneficiarySignIn>(sp, (TimeProvider)time));
            b.Services.AddScoped(sp => ActivatorUtilities.CreateInstance<SignInSmsHandler>(sp, (TimeProvider)time));
        });
        await host.PushAsync(BeneficiaryHost.Person(7201, "黄海燕", "13800138201"));
        var id = IdNumberFor(7201);

        (await host.LoginAsync(id, "黄海燕")).Dispose();
        var first = await host.CodeFromOutboxAsync(1);
        await TokenAsync(host, id, first);
        using (var again = await host.VerifyAsync(id, first))
        {
            Assert.Equal((HttpStatusCode.BadRequest, "CODE_INVALID"), (again.StatusCode, await CodeAsync(again)));
        }

        time.Advance(TimeSpan.FromMinutes(1));
        (await host.LoginAsync(id, "黄海燕")).Dispose();
        var second = await host.CodeFromOutboxAsync(2);
        var wrong = second == "000000" ? "000001" : "000000";
        for (var i = 0; i < 5; i++)
        {
            using var bad = await host.VerifyAsync(id, wrong);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var voided = await host.VerifyAsync(id, second))
        {
            Assert.Equal((HttpStatusCode.BadRequest, "CODE_INVALID"), (voided.StatusCode, await CodeAsync(voided)));
        }

        time.Advance(TimeSpan.FromMinutes(1));
        (await host.LoginAsync(id, "黄海燕")).Dispose();
        var third = await host.CodeFromOutboxAsync(3);
        time.Advance(TimeSpan.FromMinutes(5));
        using (var expired = await host.VerifyAsync(id, third))
        {
            Assert.Equal((HttpStatusCode.BadRequest, "CODE_INVALID"), (expired.StatusCode, await CodeAsync(expired)));
        }

        // The stored code is a hash under the person key: neither the clear ID number nor the code is in the table.
        var table = host.App.Services.GetRequiredService<MedicalAssistance.Hosting.Storage.StorageAccount>().Table(host.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Functions.Beneficiaries.BeneficiaryOptions>>().Value.CodesTable);
        await foreach (var entity in table.QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: Ct))
        {
            var text = JsonSerializer.Serialize(entity);
            Assert.DoesNotContain(id, text);
            Assert.DoesNotContain($"\"{third}\"", text);
        }
    }

    [Fact]
    public async Task Code_requests_are_limited_per_id_number_and_per_client_address()
    {
        await using var host = await BeneficiaryHost.StartAsync(azurite.ConnectionString, null, "--Beneficiaries:RequestsPerAddressPerMinute=4");
        using (var first = await host.LoginAsync(IdNumberFor(7301), "某某", forwardedFor: "203.0.113.7"))
        using (var again = await host.LoginAsync(IdNumberFor(7301), "某某", forwardedFor: "203.0.113.8"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal((HttpStatusCode.TooManyRequests, "CODE_RATE_LIMITED"), (again.StatusCode, await CodeAsync(again)));
            Assert.NotNull(again.Headers.RetryAfter);
        }

        for (var i = 0; i < 3; i++)
        {
            using var ok = await host.LoginAsync(IdNumberFor(7310 + i), "某某", forwardedFor: "203.0.113.9");
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        using (var ok = await host.LoginAsync(IdNumberFor(7320), "某某", forwardedFor: "203.0.113.9"))
        using (var limited = await host.LoginAsync(IdNumberFor(7321), "某某", forwardedFor: "203.0.113.9"))
        using (var elsewhere = await host.LoginAsync(IdNumberFor(7322), "某某", forwardedFor: "198.51.100.1"))
        {
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
            Assert.Equal((HttpStatusCode.TooManyRequests, "RATE_LIMITED"), (limited.StatusCode, await CodeAsync(limited)));
            Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);
        }

        using var badId = await host.LoginAsync("44140219500101001X", "某某", forwardedFor: "198.51.100.2");
        Assert.Equal((HttpStatusCode.BadRequest, "ID_NUMBER_INVALID"), (badId.StatusCode, await CodeAsync(badId)));
    }

    private static async Task<BeneficiaryToken> TokenAsync(BeneficiaryHost host, string id, string code)
    {
        using var verify = await host.VerifyAsync(id, code);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        return (await verify.Content.ReadFromJsonAsync<BeneficiaryToken>(Ct))!;
    }

    private static IdNumber Parse(string text) => IdNumber.TryParse(text, out var id) ? id : throw new ArgumentException("invalid id", nameof(text));

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();
}
