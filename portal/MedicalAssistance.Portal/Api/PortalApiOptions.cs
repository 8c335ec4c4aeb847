namespace MedicalAssistance.Portal.Api;

/// <summary>Where the API is and the portal's function key (scope <c>portal</c>), configuration section <c>Api</c>.</summary>
public sealed class PortalApiOptions
{
    public const string Section = "Api";

    public string BaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>The portal's function key; ./run.sh passes the one seed-demo printed (<c>key portal: …</c>).</summary>
    public string PortalKey { get; set; } = "";

    /// <summary>How long the home page's status line is reused: anonymous page views never each call the API.</summary>
    public TimeSpan StatusCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
