using MedicalAssistance.Portal;

await PortalApp.Build(args).RunAsync();
