namespace MedicalAssistance.Functions.Rosters.Validation;

/// <summary>Stable codes of per-row errors. Departments' systems may match on them; never rename one.</summary>
public static class RosterRowErrorCodes
{
    public const string NameRequired = "NAME_REQUIRED";
    public const string NameTooLong = "NAME_TOO_LONG";
    /// <summary>A character no real name has (markup, a formula prefix, a bidi or other control, a digit, …).</summary>
    public const string InvalidNameCharacter = "INVALID_NAME_CHARACTER";
    /// <summary>A JSON row whose fields are all null (or the element itself is null).</summary>
    public const string EmptyRow = "EMPTY_ROW";
    public const string IdNumberRequired = "ID_NUMBER_REQUIRED";
    public const string IdNumberExcelNumber = "ID_NUMBER_EXCEL_NUMBER";
    public const string IdNumberWrongLength = "ID_NUMBER_WRONG_LENGTH";
    public const string IdNumberNotDigits = "ID_NUMBER_NOT_DIGITS";
    public const string IdNumberInvalidBirthDate = "ID_NUMBER_INVALID_BIRTH_DATE";
    public const string InvalidCheckDigit = "INVALID_CHECK_DIGIT";
    /// <summary>The birth date in the ID number is after today.</summary>
    public const string IdNumberBirthDateInFuture = "ID_NUMBER_BIRTH_DATE_IN_FUTURE";
    /// <summary>A determination, start or end date before the person's birth date (from the ID number).</summary>
    public const string DateBeforeBirth = "DATE_BEFORE_BIRTH";
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
