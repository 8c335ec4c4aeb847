using MedicalAssistance.Hosting.Keys;
using MedicalAssistance.Hosting.Settings;
using MedicalAssistance.Hosting.Timers;

namespace MedicalAssistance.Hosting;

/// <summary>
/// The standalone host: an ASP.NET Core host that runs the app's functions over Azure Storage with Azure Functions' semantics
/// (docs/architecture.md §3). It knows no feature: the app adds its services to the builder and maps its routes under
/// <c>/api</c>. Tests call it with their own configuration and a free port.
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
        builder.Services.AddTriggerListeners();
        return builder;
    }

    /// <summary>The pipeline: problem details, function keys, then the app's routes and <c>POST /api/runs/{name}</c> under <c>/api</c>.</summary>
    public static WebApplication Build(WebApplicationBuilder builder, Action<IEndpointRouteBuilder> mapApi)
    {
        var app = builder.Build();
        // Check host.json now: a wrong value stops start-up with a message naming the key (HostSettingsException).
        app.Services.GetRequiredService<HostSettings>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFunctionKeys();

        var api = app.MapGroup("/api");
        mapApi(api);
        api.MapRuns();
        return app;
    }
}
