using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Enrolment;
using MedicalAssistance.Functions.Rosters;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Tests.Enrolment;

public sealed class EnrolmentRulesTests
{
    private static readonly DateOnly Received = new(2025, 9, 26); // a Friday; Sunday 28th (调休上班) is the 1st working day after it, Monday 29th the 2nd
    private static readonly DateOnly Adult = new(1980, 1, 1);

    private static EnrolmentRecord Decide(string profile, string[] types, InsuranceStatus? insurance, EnrolmentParameters? parameters = null,
        DateOnly? birth = null, DateOnly? registeredOn = null) =>
        EnrolmentRules.Decide(
            new EnrolmentContext(profile, types, insurance, birth ?? Adult, Received, registeredOn ?? Received, "b1", 2),
            _ => parameters ?? EnrolmentParameters.Missing, WorkingDayCalendar.China);

    [Fact]
    public void Meizhou_uninsured_person_is_enrolled_for_the_current_year_within_two_working_days()
    {
        var p = new EnrolmentParameters(380m, SubsidyRatios: new Dictionary<string, decimal> { ["DIBAO"] = 1m, ["DIBAO_MARGINAL"] = 0.5m });

        var dibao = Decide(IdentityTypes.Meizhou, ["DIBAO"], InsuranceStatus.None, p);
        var marginal = Decide(IdentityTypes.Meizhou, ["DIBAO_MARGINAL"], InsuranceStatus.None, p);

        Assert.Equal((2025, "UNINSURED", SubsidyLevel.OperatorRatio, EnrolmentStatus.Subsidised, 380.00m), (dibao.Year, dibao.Situation, dibao.Level, dibao.Status, dibao.Amount));
        Assert.Equal(190.00m, marginal.Amount);
        Assert.Equal(new DateOnly(2025, 9, 29), dibao.Deadline);
        Assert.False(dibao.Late);
    }

    [Fact]
    public void Meizhou_registration_after_the_second_working_day_is_flagged_late()
    {
        var p = new EnrolmentParameters(380m, SubsidyRatios: new Dictionary<string, decimal> { ["TEKUN"] = 1m });

        var onTime = Decide(IdentityTypes.Meizhou, ["TEKUN"], InsuranceStatus.None, p, registeredOn: new DateOnly(2025, 9, 29));
        var late = Decide(IdentityTypes.Meizhou, ["TEKUN"], InsuranceStatus.None, p, registeredOn: new DateOnly(2025, 9, 30));

        Assert.False(onTime.Late);
        Assert.True(late.Late);
        Assert.Contains("逾期", late.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Meizhou_resident_insured_and_self_paid_are_subsidised_next_year_and_employee_insured_not_at_all()
    {
        var resident = Decide(IdentityTypes.Meizhou, ["DIBAO"], InsuranceStatus.Resident);
        var employee = Decide(IdentityTypes.Meizhou, ["DIBAO"], InsuranceStatus.Employee);
        var unknown = Decide(IdentityTypes.Meizhou, ["DIBAO"], null);

        Assert.Equal((2026, "RESIDENT_ALREADY"), (resident.Year, resident.Situation));
        Assert.Contains("本人同意", resident.Note, StringComparison.Ordinal);
        Assert.Equal((SubsidyLevel.None, EnrolmentStatus.NotSubsidised, "EMPLOYEE"), (employee.Level, employee.Status, employee.Situation));
        Assert.Equal(EnrolmentStatus.AwaitingInsuranceStatus, unknown.Status);
    }

    [Fact]
    public void A_missing_operator_parameter_is_recorded_as_awaiting_never_a_default()
    {
        var noContribution = Decide(IdentityTypes.Meizhou, ["DIBAO"], InsuranceStatus.None);
        var noRatio = Decide(IdentityTypes.Meizhou, ["DIBAO"], InsuranceStatus.None, new EnrolmentParameters(380m));

        Assert.Equal((EnrolmentStatus.AwaitingParameter, (decimal?)null), (noContribution.Status, noContribution.Amount));
        Assert.Contains("IndividualContribution", noContribution.Note, StringComparison.Ordinal);
        Assert.Equal(EnrolmentStatus.AwaitingParameter, noRatio.Status);
        Assert.Contains("SubsidyRatios.DIBAO", noRatio.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Meizhou_illness_poverty_is_not_in_the_subsidy_list()
    {
        var record = Decide(IdentityTypes.Meizhou, ["ILLNESS_POVERTY"], InsuranceStatus.None, new EnrolmentParameters(380m));

        Assert.Equal((SubsidyLevel.None, EnrolmentStatus.NotSubsidised), (record.Level, record.Status));
    }

    [Theory]
    [InlineData("TEKUN", SubsidyLevel.Full, "400.00")]
    [InlineData("DE_FACTO_ORPHAN", SubsidyLevel.Full, "400.00")]
    [InlineData("DIBAO", SubsidyLevel.Fixed, "180.50")]
    [InlineData("RETURNED_POVERTY", SubsidyLevel.Fixed, "180.50")]
    [InlineData("BORDER_VILLAGER", SubsidyLevel.Fixed, "180.50")]
    [InlineData("DIBAO_MARGINAL", SubsidyLevel.None, null)]
    [InlineData("RELATIVE_HARDSHIP_WORKER", SubsidyLevel.None, null)]
    public void Baoshan_article_8_levels(string type, SubsidyLevel level, string? amount)
    {
        var record = Decide(IdentityTypes.Baoshan, [type], InsuranceStatus.None, new EnrolmentParameters(400m, FixedSubsidyAmount: 180.5m));

        Assert.Equal(level, record.Level);
        Assert.Equal(amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), record.Amount);
        Assert.Null(record.Deadline);
    }

    [Fact]
    public void Baoshan_takes_the_highest_tier_the_person_holds()
    {
        var record = Decide(IdentityTypes.Baoshan, ["DIBAO", "ORPHAN", "MONITORED_RURAL"], InsuranceStatus.None, new EnrolmentParameters(400m, FixedSubsidyAmount: 180m));

        Assert.Equal((SubsidyLevel.Full, "ORPHAN", 400m), (record.Level, record.IdentityType, record.Amount!.Value));
    }

    [Theory]
    [InlineData("ORPHAN", "1980-01-01", SubsidyLevel.Full, "387.00")]
    [InlineData("DIBAO", "1980-01-01", SubsidyLevel.Percent80, "309.60")]
    [InlineData("RETURNED_POVERTY", "1980-01-01", SubsidyLevel.Percent80, "309.60")]
    [InlineData("DIBAO_MARGINAL", "2010-05-01", SubsidyLevel.Percent80, "309.60")] // 15: a minor
    [InlineData("DIBAO_MARGINAL", "1965-09-26", SubsidyLevel.Percent80, "309.60")] // 60 on the day
    [InlineData("DIBAO_MARGINAL", "1965-09-27", SubsidyLevel.None, null)]          // 59
    [InlineData("ILLNESS_POVERTY", "1980-01-01", SubsidyLevel.None, null)]
    [InlineData("HARDSHIP_WORKER", "1980-01-01", SubsidyLevel.None, null)]
    public void Tumxuk_article_12_levels(string type, string birth, SubsidyLevel level, string? amount)
    {
        var record = Decide(IdentityTypes.Tumxuk, [type], InsuranceStatus.None, new EnrolmentParameters(387m),
            DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(level, record.Level);
        Assert.Equal(amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), record.Amount);
    }

    [Fact]
    public void Tumxuk_monitored_rural_depends_on_the_transition_period_parameter()
    {
        Assert.Equal(309.60m, Decide(IdentityTypes.Tumxuk, ["MONITORED_RURAL"], InsuranceStatus.None, new EnrolmentParameters(387m, MonitoredRuralInTransition: true)).Amount);
        Assert.Equal(SubsidyLevel.None, Decide(IdentityTypes.Tumxuk, ["MONITORED_RURAL"], InsuranceStatus.None, new EnrolmentParameters(387m, MonitoredRuralInTransition: false)).Level);
        var awaiting = Decide(IdentityTypes.Tumxuk, ["MONITORED_RURAL"], InsuranceStatus.None, new EnrolmentParameters(387m));
        Assert.Equal(EnrolmentStatus.AwaitingParameter, awaiting.Status);
        Assert.Contains("MonitoredRuralInTransition", awaiting.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Jieyang_full_subsidy_and_other_special_left_to_the_operator()
    {
        var p = new EnrolmentParameters(350.55m);

        Assert.Equal((SubsidyLevel.Full, 350.55m), (Decide(IdentityTypes.Jieyang, ["REGISTERED_POOR"], InsuranceStatus.None, p).Level, Decide(IdentityTypes.Jieyang, ["REGISTERED_POOR"], InsuranceStatus.None, p).Amount!.Value));
        Assert.Equal(SubsidyLevel.Full, Decide(IdentityTypes.Jieyang, ["LOW_INCOME"], InsuranceStatus.None, p).Level);
        Assert.Equal(EnrolmentStatus.AwaitingParameter, Decide(IdentityTypes.Jieyang, ["OTHER_SPECIAL"], InsuranceStatus.None, p).Status);
    }

    [Fact]
    public void Inner_mongolia_uses_the_operator_ratio_and_rounds_half_away_from_zero()
    {
        var p = new EnrolmentParameters(400.25m, SubsidyRatios: new Dictionary<string, decimal> { ["DIBAO_MARGINAL"] = 0.5m });

        var record = Decide(IdentityTypes.InnerMongolia, ["DIBAO_MARGINAL"], InsuranceStatus.None, p);

        Assert.Equal(200.13m, record.Amount); // 200.125 → 200.13
        Assert.Equal(EnrolmentStatus.NotSubsidised, Decide(IdentityTypes.InnerMongolia, ["ORPHAN"], InsuranceStatus.None, p).Status);
    }

    [Fact]
    public void Inner_mongolia_self_paid_current_year_is_subsidised_from_next_year()
    {
        var record = Decide(IdentityTypes.InnerMongolia, ["TEKUN"], InsuranceStatus.Resident,
            new EnrolmentParameters(400m, SubsidyRatios: new Dictionary<string, decimal> { ["TEKUN"] = 1m }));

        Assert.Equal((2026, 400m), (record.Year, record.Amount!.Value));
    }
}
