using MedicalAssistance.Hosting.Storage;
using MedicalAssistance.Testing;
using Microsoft.AspNetCore.Builder;

namespace MedicalAssistance.Functions.Tests;

/// <summary>Starts the real function app on a free port against the given storage.</summary>
internal static class FunctionsHost
{
    public static Task<RunningApp> StartAsync(string storageConnectionString, Action<WebApplicationBuilder>? configure = null) =>
        RunningApp.StartAsync(FunctionsApp.Build(
            [.. RunningApp.LoopbackArgs, $"--{StorageAccount.ConnectionStringKey}={storageConnectionString}", .. TestSecrets.Args],
            configure));
}
