using System.Text.Json.Serialization;

namespace MedicalAssistance.Policy.Profiles;

// The shape of Profiles/Data/*.json. Read once at start-up and compiled into a PolicyProfile; never used per claim.

internal sealed record ProfileDocument(
    string Id,
    LocalizedText Name,
    ProfileSource Source,
    string Categories,
    Dictionary<string, int> Coverage,
    BenefitWindowDocument BenefitWindow,
    string StayRule,
    GatesDocument Gates,
    List<ClassDocument> Classes,
    TiltedConditionsDocument? TiltedConditions,
    List<SecondaryTierDocument> SecondaryTiers,
    List<string> RequiredParameters,
    bool OperatorBenefits,
    bool UninsuredNeedNotionalInsurancePayment = false,
    TwoDiseaseChildDocument? TwoDiseaseChild = null,
    EarlyWarningDocument? EarlyWarning = null);

/// <summary>
/// Where a profile comes from. Informational: the engine does not check claim dates against the dates in force (G-9);
/// <paramref name="InForceFrom"/> is null when the document applies from issue without a stated date.
/// </summary>
public sealed record ProfileSource(string Number, string Status, DateOnly? InForceFrom, DateOnly? InForceTo);

/// <summary>A text in Simplified Chinese with its English rendering.</summary>
public sealed record LocalizedText(string Zh, string En);

internal sealed record BenefitWindowDocument(string Start, List<string> RetroTypes, string End, bool RetroChargedToDeterminationYear = false);

internal sealed record GatesDocument(bool ResidentInsuranceOnly, bool ExclusionList, bool ReferralRequired);

internal sealed record ClassDocument(
    int Class,
    decimal? Deductible,
    ParameterShareDocument? DeductibleShare,
    KindTermsDocument? Outpatient,
    KindTermsDocument? Inpatient,
    KindTermsDocument? ChronicOutpatient,
    TiltedDocument? Tilted);

internal sealed record ParameterShareDocument(string Parameter, decimal Share);

internal sealed record KindTermsDocument(decimal Ratio, decimal? Cap, string? CapParameter, string Pool, bool EmergencyOnly = false);

internal sealed record TiltedDocument(decimal Deductible, decimal Ratio, decimal AnnualCap);

internal sealed record TiltedConditionsDocument(bool Referral, bool InProvince);

internal sealed record SecondaryTierDocument(decimal From, decimal Amount);

internal sealed record TwoDiseaseChildDocument(int MaxAge, List<string> Diagnoses, bool RequiresInCity, bool RequiresInsured);

internal sealed record EarlyWarningDocument(string Parameter, List<EarlyWarningLevelDocument> Levels);

internal sealed record EarlyWarningLevelDocument(decimal Share, string Alert);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ProfileDocument))]
internal sealed partial class ProfileDocumentJson : JsonSerializerContext;
