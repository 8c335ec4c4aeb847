using MedicalAssistance.Portal.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedicalAssistance.Portal.Pages;

/// <summary>The home page: what the portal offers and the system's status (cached, <see cref="SystemStatusCache"/>).</summary>
public sealed class IndexModel(SystemStatusCache status) : PageModel
{
    public SystemStatus Status { get; private set; } = SystemStatus.Unreachable;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Status = await status.GetAsync(cancellationToken);
}
