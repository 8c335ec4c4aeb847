using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Builder;

namespace MedicalAssistance.Hosting.Tests;

/// <summary>Starts the standalone host with no feature on a free port against the given storage; tests add probe functions.</summary>
internal static class StandaloneTestHost
{
    public static Task<RunningApp> StartAsync(string storageConnectionString, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = StandaloneHost.CreateBuilder([.. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={storageConnectionString}"]);
        configure?.Invoke(builder);
        return RunningApp.StartAsync(StandaloneHost.Build(builder));
    }
}
