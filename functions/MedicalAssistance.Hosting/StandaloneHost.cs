using MedicalAssistance.Hosting.Catalog;
using MedicalAssistance.Hosting.Http;
using MedicalAssistance.Hosting.OpenApi;
using MedicalAssistance.Hosting.Settings;

namespace MedicalAssistance.Hosting;

/// <summary>
/// The standalone host: an ASP.NET Core host that runs the app's functions over Azure Storage with Azure Functions' semantics
/// (docs/architecture.md §3). It knows no feature: the app adds its services and its functions (<see cref="FunctionRegistrations.AddFunctions(IServiceCollection, System.Reflection.Assembly)"/>)
/// to the builder, and the host serves what the functions' attributes declare. Tests call it with their own configuration and a free port.
/// </summary>
public static class StandaloneHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Configuration (host.json, appsettings, environment, arguments), the trigger layer and its listeners.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(Environment.GetEnvironmentVariable("FUNCTIONS_URL") ?? DefaultUrl);
        }

        builder.Configuration.AddHostJson(builder.Environment.ContentRootPath);
        builder.Services.AddFunctionsHosting(builder.Configuration);
        // The document needs the web host's endpoints: only here, not in the command line's generic host.
        builder.Services.AddApiDocument();
        builder.Services.AddTriggerListeners();
        return builder;
    }

    /// <summary>
    /// The pipeline: problem details, then one endpoint per HTTP function of the registered <see cref="FunctionCatalog"/>
    /// (<see cref="HttpFunctionEndpoints"/>), then the OpenAPI document.
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        // Check host.json now: a wrong value stops start-up with a message naming the key (HostSettingsException).
        app.Services.GetRequiredService<HostSettings>();
        app.Use((context, next) =>
        {
            // Before the answer starts, so problems, files and JSON all carry them (the Scalar page sets its own CSP).
            context.Response.OnStarting(() =>
            {
                if (!context.Request.Path.StartsWithSegments(ApiDocument.ReferenceRoute, StringComparison.Ordinal))
                {
                    ApiSecurityHeaders.Apply(context.Response);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        // A request Kestrel refused while the function read it (too large, too slow, malformed) is the caller's error, not a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        foreach (var catalog in app.Services.GetServices<FunctionCatalog>())
        {
            app.MapHttpFunctions(catalog);
        }

        app.MapApiDocument();
        return app;
    }
}
