using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Hosting.Tests.Keys;
using MedicalAssistance.Hosting.Worker;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Hosting.Tests.Worker;

/// <summary>
/// The decisions the worker middleware makes under the Functions host (which cannot run here: no Core Tools), on the same
/// key store and attributes as the standalone host: an ASP.NET Core request as the worker's integration hands it over.
/// </summary>
public sealed class HttpFunctionGuardMiddlewareTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageAccount.ConnectionStringKey] = azurite.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddFunctionsHosting(configuration);
        services.AddFunctions(FunctionCatalog.FromTypes([typeof(KeyedFunctions)]));
        return services.BuildServiceProvider();
    }

    private static DefaultHttpContext Request(IServiceProvider services, string department, string? key)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.RouteValues["department"] = department;
        if (key is not null)
        {
            context.Request.Headers[FunctionKeyGuard.HeaderName] = key;
        }

        return context;
    }

    private static async Task<int?> StatusOfAsync(HttpFunctionGuardMiddleware middleware, HttpContext context, string function)
    {
        var denied = await middleware.DecideAsync(context, function);
        if (denied is null)
        {
            return null;
        }

        context.Response.Body = new MemoryStream();
        await denied.ExecuteAsync(context);
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task A_department_key_passes_for_its_own_department_only_and_a_missing_key_is_401()
    {
        await using var services = Services();
        var store = services.GetRequiredService<FunctionKeyStore>();
        var department = AzuriteFixture.UniqueName("dept");
        var key = await store.CreateAsync(AzuriteFixture.UniqueName("caller"), [FunctionScopes.Department(department)], Ct);
        var middleware = new HttpFunctionGuardMiddleware(services.GetServices<FunctionCatalog>());

        var own = Request(services, department, key);
        Assert.Null(await StatusOfAsync(middleware, own, KeyedFunctions.Name));
        Assert.NotNull(own.GetFunctionCaller()); // handed over to the function
        Assert.Equal(StatusCodes.Status403Forbidden, await StatusOfAsync(middleware, Request(services, "someone-else", key), KeyedFunctions.Name));
        Assert.Equal(StatusCodes.Status401Unauthorized, await StatusOfAsync(middleware, Request(services, department, null), KeyedFunctions.Name));
        Assert.Equal(StatusCodes.Status401Unauthorized, await StatusOfAsync(middleware, Request(services, department, key + "x"), KeyedFunctions.Name));
    }

    [Fact]
    public async Task A_function_the_catalog_does_not_know_is_left_to_the_host()
    {
        await using var services = Services();
        var middleware = new HttpFunctionGuardMiddleware(services.GetServices<FunctionCatalog>());
        Assert.Null(await middleware.DecideAsync(Request(services, "x", null), "NotAFunction"));
    }
}
