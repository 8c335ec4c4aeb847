using System.Text.Encodings.Web;
using System.Text.Unicode;
using MedicalAssistance.Contracts;
using MedicalAssistance.Portal.Api;
using MedicalAssistance.Portal.Assets;
using MedicalAssistance.Portal.Security;
using MedicalAssistance.Telemetry;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Refit;

namespace MedicalAssistance.Portal;

/// <summary>Builds the beneficiary portal. Tests call <see cref="Build"/> with their own API address and a free port.</summary>
public static class PortalApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string ApiBaseUrlKey = "Api:BaseUrl";
    public const string PortalKeyKey = "Api:PortalKey";

    /// <summary>Traces and metrics of the portal's requests and of its calls to the API: to the console with
    /// <c>Telemetry:Console=true</c>, to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set
    /// (infra/modules/portal.bicep sets it).</summary>
    public static AppTelemetry Telemetry(IConfiguration configuration) =>
        new("medical-assistance-portal", AppTelemetry.WebSources, AppTelemetry.WebMeters, configuration.GetValue<bool>("Telemetry:Console"));

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(Environment.GetEnvironmentVariable("PORTAL_URL") ?? DefaultUrl);
        }

        Configure(builder);
        configure?.Invoke(builder);

        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>The portal's services (also what a WebApplicationFactory test host gets through <c>Program</c>).</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The portal has no appsettings.json: a test project that references it and the function app would get two files of that
        // name in one output folder, and which one wins depends on the build order. Its defaults are here; configuration overrides.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        Telemetry(builder.Configuration).AddTo(services, builder.Configuration);
        services.AddOptions<PortalApiOptions>().Bind(builder.Configuration.GetSection(PortalApiOptions.Section));
        services.AddRazorPages();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ma.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        // Razor would otherwise HTML-encode every Chinese character as &#x...; — correct, but triple the bytes on a slow phone.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddBeneficiarySession(builder.Environment.IsDevelopment());
        services.AddSingleton<PendingSignIn>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SystemStatusCache>();
        services.AddRefitGeneratedClient<IMedicalAssistanceApi>()
            .ConfigureHttpClient((sp, http) => http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<PortalApiOptions>>().Value.BaseUrl))
            .AddStandardResilienceHandler(o =>
            {
                // A phone waits at most 15 s; each attempt 5 s. Only GETs are retried: a repeated POST could send a second SMS.
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(15);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.DisableForUnsafeHttpMethods();
            });
    }

    /// <summary>The portal's pipeline: friendly errors (never a stack trace), security headers, session, pages.</summary>
    public static void Configure(WebApplication app)
    {
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/not-found");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapStaticAssets();
        app.MapRazorPages();
    }
}
