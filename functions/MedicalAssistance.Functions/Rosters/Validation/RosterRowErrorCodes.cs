namespace MedicalAssistance.Functions.Rosters.Validation;

/// <summary>Stable codes of per-row errors. Departments' systems may match on them; never rename one.</summary>
public static class RosterRowErrorCodes
{
    public const string NameRequired = "NAME_REQUIRED";
    public const string NameTooLong = "NAME_TOO_LONG";
    public const string IdNumberRequired = "ID_NUMBER_REQUIRED";
    public const string IdNumberExcelNumber = "ID_NUMBER_EXCEL_NUMBER";
    public const string IdNumberWrongLength = "ID_NUMBER_WRONG_LENGTH";
    public const string IdNumberNotDigits = "ID_NUMBER_NOT_DIGITS";
    public const string IdNumberInvalidBirthDate = "ID_NUMBER_INVALID_BIRTH_DATE";
    public const string InvalidCheckDigit = "INVALID_CHECK_DIGIT";
    public const string IdentityTypeRequired = "IDENTITY_TYPE_REQUIRED";
    public const string UnknownIdentityType = "UNKNOWN_IDENTITY_TYPE";
    public const string IdentityTypeNotInProfile = "IDENTITY_TYPE_NOT_IN_PROFILE";
    public const string IdentityTypeNotAllowed = "IDENTITY_TYPE_NOT_ALLOWED";
    public const string DateRequired = "DATE_REQUIRED";
    public const string InvalidDate = "INVALID_DATE";
    public const string EndBeforeStart = "END_BEFORE_START";
    public const string EndRequired = "END_REQUIRED";
    public const string DeterminedInFuture = "DETERMINED_IN_FUTURE";
    public const string ChangeRequired = "CHANGE_REQUIRED";
    public const string UnknownChange = "UNKNOWN_CHANGE";
    public const string UnknownInsurance = "UNKNOWN_INSURANCE";
    public const string InvalidPhone = "INVALID_PHONE";
    public const string InvalidCounty = "INVALID_COUNTY";
}
