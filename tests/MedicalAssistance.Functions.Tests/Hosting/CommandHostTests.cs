using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalAssistance.Functions.Tests.Hosting;

public sealed class CommandHostTests
{
    /// <summary>
    /// The verbs' generic host (no web server) in Development, as ./run.sh starts seed-demo: the container validates every
    /// registration on build there, so a web-only service registered for every host would stop seed-demo.
    /// </summary>
    [Fact]
    public void The_command_host_builds_with_every_registration_validated_as_in_development()
    {
        using var host = CommandHost.Build([$"--{StorageAccount.ConnectionStringKey}=UseDevelopmentStorage=true", .. TestSecrets.Args, "--environment", "Development"]);
        Assert.Equal("Development", host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName);
    }
}
