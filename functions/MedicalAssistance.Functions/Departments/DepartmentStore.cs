using Azure.Data.Tables;
using Azure;
using MedicalAssistance.Hosting.Storage;

namespace MedicalAssistance.Functions.Departments;

/// <summary>Table <c>departments</c>: PartitionKey = <c>department</c>, RowKey = the department code.</summary>
public sealed class DepartmentStore(StorageAccount storage, string tableName = DepartmentStore.TableName)
{
    public const string TableName = "departments";
    private const string Partition = "department";

    private readonly TableClient _table = storage.Table(tableName);

    public async Task<Department?> GetAsync(string code, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, code, cancellationToken: cancellationToken);
            return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Department>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<Department>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(entity));
        }

        return list;
    }

    /// <summary>Creates or replaces a department: running it twice leaves the same state.</summary>
    public async Task UpsertAsync(Department department, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(Partition, department.Code)
        {
            ["Name"] = department.Name,
            ["Profile"] = department.Profile,
            ["Kind"] = department.Kind,
            ["AllowedIdentityTypes"] = string.Join(',', department.AllowedIdentityTypes.Order(StringComparer.Ordinal)),
        }, TableUpdateMode.Replace, cancellationToken);

    private static Department FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("Name"),
        e.GetString("Profile"),
        e.GetString("Kind"),
        (e.GetString("AllowedIdentityTypes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
}
