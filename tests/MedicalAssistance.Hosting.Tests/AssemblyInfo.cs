using MedicalAssistance.Testing;

// One private Azurite for the whole test assembly; tests isolate by unique table/container/queue names.
[assembly: AssemblyFixture(typeof(AzuriteFixture))]
