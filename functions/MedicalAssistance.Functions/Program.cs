using MedicalAssistance.Functions;
using MedicalAssistance.Functions.CommandLine;
using MedicalAssistance.Hosting.Queues;
using MedicalAssistance.Hosting.Worker;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;

if (!WorkerApplication.StartedByFunctionsHost(args))
{
    // serve (the standalone host, ./run.sh), seed-demo, run, simulate, keys: see FunctionsCommandLine.
    return await FunctionsCommandLine.RunAsync(args);
}

// Started by the Functions host (Azure, or `func start` with Core Tools): the same functions, features and guards.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseHttpFunctionGuards();
builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new Azure.Core.Serialization.JsonObjectSerializer(QueueFunctions.Json));
builder.Services.AddFunctionsCore(builder.Configuration);
await builder.Build().RunAsync();
return 0;
