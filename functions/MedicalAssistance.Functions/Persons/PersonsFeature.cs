using MedicalAssistance.Hosting.Storage;
using Microsoft.Extensions.Options;

namespace MedicalAssistance.Functions.Persons;

public static class PersonsFeature
{
    /// <summary>
    /// Person keys, encryption and the person tables. The secrets are validated when the host starts: a host without them
    /// stops with a message that names the missing setting, instead of failing on the first roster.
    /// </summary>
    public static IServiceCollection AddPersons(this IServiceCollection services)
    {
        services.AddOptions<PersonSecurityOptions>().BindConfiguration(PersonSecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PersonSecurityOptions>, PersonSecurityOptionsValidator>();
        services.AddOptions<PersonStoreOptions>().BindConfiguration(PersonStoreOptions.Section).ValidateOnStart();
        services.AddStorageTables<PersonStoreOptions>(o => o.Table, o => o.ExemptionTable);
        services.AddSingleton<PersonKeys>();
        services.AddSingleton<IdProtector>();
        services.AddSingleton(sp =>
        {
            var tables = sp.GetRequiredService<IOptions<PersonStoreOptions>>().Value;
            return new PersonStore(sp.GetRequiredService<StorageAccount>(), tables.Table, tables.ExemptionTable);
        });
        services.AddSingleton<PersonRecords>();
        return services;
    }
}
