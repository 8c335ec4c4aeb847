using Microsoft.AspNetCore.Builder;
using MedicalAssistance.Functions.Hosting;
using MedicalAssistance.Testing;

namespace MedicalAssistance.Functions.Tests;

/// <summary>Starts the real function app on a free port against the given storage.</summary>
internal static class FunctionsHost
{
    public static Task<RunningApp> StartAsync(string storageConnectionString, Action<WebApplicationBuilder>? configure = null) =>
        RunningApp.StartAsync(FunctionsApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={storageConnectionString}", .. TestSecrets.Args],
            configure));
}
