using MedicalAssistance.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Persons;

public static class PersonsFeature
{
    /// <summary>
    /// Person keys, encryption and the person tables. The secrets are validated when the host starts: a host without them
    /// stops with a message that names the missing setting, instead of failing on the first roster.
    /// </summary>
    public static IServiceCollection AddPersons(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PersonSecurityOptions>().Bind(configuration.GetSection(PersonSecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PersonSecurityOptions>, PersonSecurityOptionsValidator>();
        services.AddSingleton<PersonKeys>();
        services.AddSingleton<IdProtector>();
        // Table names are configurable so that a test host (or a second environment in one account) keeps its own people.
        var persons = configuration[PersonStore.TableKey] ?? PersonStore.TableName;
        var exemptions = configuration[PersonStore.ExemptionTableKey] ?? PersonStore.ExemptionTableName;
        StorageLayout.AddTable(persons);
        StorageLayout.AddTable(exemptions);
        services.AddSingleton(sp => new PersonStore(sp.GetRequiredService<StorageAccount>(), persons, exemptions));
        services.AddSingleton<PersonRecords>();
        return services;
    }
}
