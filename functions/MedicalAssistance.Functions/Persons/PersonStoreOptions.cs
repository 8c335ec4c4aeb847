namespace MedicalAssistance.Functions.Persons;

/// <summary>Configuration section <c>Persons</c>: the person tables (a test host, or a second environment in one account, keeps its own).</summary>
public sealed class PersonStoreOptions
{
    public const string Section = "Persons";

    /// <summary>Person state and audit records (<c>Persons:Table</c>).</summary>
    public string Table { get; set; } = PersonStore.TableName;

    /// <summary>The exemption ledger, 免缴台账 (<c>Persons:ExemptionTable</c>).</summary>
    public string ExemptionTable { get; set; } = PersonStore.ExemptionTableName;
}
