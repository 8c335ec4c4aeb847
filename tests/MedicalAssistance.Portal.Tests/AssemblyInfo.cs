using MedicalAssistance.Portal.Tests;
using MedicalAssistance.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
