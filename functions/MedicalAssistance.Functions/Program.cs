using MedicalAssistance.Functions.CommandLine;

return await FunctionsCommandLine.RunAsync(args);
