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
        var persons = StorageLayout.ConfiguredTable(configuration, PersonStore.TableKey, PersonStore.TableName);
        var exemptions = StorageLayout.ConfiguredTable(configuration, PersonStore.ExemptionTableKey, PersonStore.ExemptionTableName);
        services.AddSingleton(sp => new PersonStore(sp.GetRequiredService<StorageAccount>(), persons, exemptions));
        services.AddSingleton<PersonRecords>();
        return services;
    }
}
