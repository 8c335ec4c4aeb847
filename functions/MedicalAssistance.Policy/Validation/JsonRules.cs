using System.Text.Json;
using FluentValidation;
using MedicalAssistance.Policy.Settlement;

namespace MedicalAssistance.Policy.Validation;

/// <summary>
/// Base of the scenario validators: FluentValidation over a JSON object, one rule per field in the order of
/// scenario-format.md §6, stopping at the first failure (only the first error is reported).
/// </summary>
internal abstract class JsonObjectValidator : AbstractValidator<JsonElement>
{
    protected JsonObjectValidator()
    {
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;
    }

    /// <summary>A rule on one JSON property; the error's field is the property name (dot-joined by nesting).</summary>
    protected IRuleBuilderInitial<JsonElement, JsonElement> Field(string name) =>
        RuleFor(o => o.Get(name)).Configure(rule => rule.PropertyName = name);

    /// <summary>The first failure as a scenario error, its field prefixed with the object's own path.</summary>
    public ScenarioError? FirstError(JsonElement element, string prefix)
    {
        var result = Validate(element);
        if (result.IsValid)
        {
            return null;
        }

        var failure = result.Errors[0];
        var field = prefix.Length == 0 ? failure.PropertyName : prefix + "." + failure.PropertyName;
        return new ScenarioError(field, failure.ErrorCode, $"{field}: {failure.ErrorMessage}");
    }
}

/// <summary>Rule builders for the value kinds of scenario-format.md §2. Each passes when the value is absent.</summary>
internal static class JsonRules
{
    public static IRuleBuilderOptions<T, JsonElement> Fails<T>(this IRuleBuilderOptions<T, JsonElement> rule, string code) =>
        rule.WithErrorCode(code).WithMessage(ErrorCodes.Describe(code));

    public static IRuleBuilderOptions<T, JsonElement> Required<T>(this IRuleBuilder<T, JsonElement> rule, string code = ErrorCodes.Required) =>
        rule.Must(v => v.IsPresent()).Fails(code);

    public static IRuleBuilderOptions<T, JsonElement> IsObject<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(v => v.IsAbsentOr(JsonValueKind.Object)).Fails(ErrorCodes.InvalidValue);

    public static IRuleBuilderOptions<T, JsonElement> IsArray<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(v => v.IsAbsentOr(JsonValueKind.Array)).Fails(ErrorCodes.InvalidValue);

    public static IRuleBuilderOptions<T, JsonElement> IsString<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(v => v.IsAbsentOr(JsonValueKind.String)).Fails(ErrorCodes.InvalidValue);

    public static IRuleBuilderOptions<T, JsonElement> IsBoolean<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(v => v.IsAbsentOrBoolean()).Fails(ErrorCodes.InvalidValue);

    public static IRuleBuilderOptions<T, JsonElement> OneOf<T>(this IRuleBuilder<T, JsonElement> rule, params string[] values) =>
        rule.IsString().Must(v => !v.IsPresent() || values.Contains(v.GetString(), StringComparer.Ordinal)).Fails(ErrorCodes.InvalidValue);

    /// <summary>A string (else INVALID_VALUE) holding a real yyyy-MM-dd date (else INVALID_DATE).</summary>
    public static IRuleBuilderOptions<T, JsonElement> IsDate<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.IsString().Must(v => !v.IsPresent() || v.TryDate(out _)).Fails(ErrorCodes.InvalidDate);

    /// <summary>
    /// A number (INVALID_VALUE), not negative (NEGATIVE_AMOUNT), at most <see cref="Money.MaxAmount"/> (AMOUNT_TOO_LARGE),
    /// with at most 2 decimals (INVALID_VALUE).
    /// </summary>
    public static IRuleBuilderOptions<T, JsonElement> IsMoney<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(v => !v.IsPresent() || v.TryNumber(out _)).Fails(ErrorCodes.InvalidValue)
            .Must(v => !v.TryNumber(out var d) || d >= 0m).Fails(ErrorCodes.NegativeAmount)
            .Must(v => !v.TryNumber(out var d) || d <= Money.MaxAmount).Fails(ErrorCodes.AmountTooLarge)
            .Must(v => !v.TryNumber(out var d) || JsonValues.HasAtMostDecimals(d, 2)).Fails(ErrorCodes.InvalidValue);

    /// <summary>A number in [0, 1] with at most 4 decimals, else INVALID_VALUE.</summary>
    public static IRuleBuilderOptions<T, JsonElement> IsRatio<T>(this IRuleBuilder<T, JsonElement> rule) =>
        rule.Must(v => !v.IsPresent() || (v.TryNumber(out var d) && d >= 0m && d <= 1m && JsonValues.HasAtMostDecimals(d, 4)))
            .Fails(ErrorCodes.InvalidValue);
}
