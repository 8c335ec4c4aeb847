using System.Text.Encodings.Web;
using System.Text.Unicode;
using MedicalAssistance.Contracts;
using Microsoft.Extensions.WebEncoders;
using Refit;

namespace MedicalAssistance.Portal;

/// <summary>Builds the beneficiary portal. Tests call <see cref="Build"/> with their own API address and a free port.</summary>
public static class PortalApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string ApiBaseUrlKey = "Api:BaseUrl";

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

        builder.Services.AddRazorPages();
        // Razor would otherwise HTML-encode every Chinese character as &#x...; — correct, but triple the bytes on a slow phone.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRefitGeneratedClient<IMedicalAssistanceApi>()
            .ConfigureHttpClient((sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IConfiguration>()[ApiBaseUrlKey] ?? "http://127.0.0.1:7071";
                http.BaseAddress = new Uri(baseUrl);
                http.Timeout = TimeSpan.FromSeconds(15);
            });
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.MapRazorPages();
        return app;
    }
}
