using MedicalAssistance.Contracts.Beneficiaries;
using MedicalAssistance.Portal.Pages.Records;

namespace MedicalAssistance.Portal.Tests.Records;

public sealed class ClaimAdjustmentsTests
{
    [Fact]
    public void Recomputations_of_one_claim_are_one_line_with_their_count_net_change_and_distinct_causes()
    {
        var claim = new BeneficiaryClaim("c2", new DateOnly(2025, 5, 10), "梅州市人民医院", "inpatient", "one-stop", 5000m, 3000m, 0m, 0m, null, "…");
        var records = new BeneficiaryRecords("110***********1234", false, [], [], true, [claim], [],
        [
            new BeneficiaryAdjustment(new DateOnly(2025, 6, 1), "c2", 1182m, "补录了更早的就诊，重新计算"),
            new BeneficiaryAdjustment(new DateOnly(2025, 6, 3), "c2", -1182m, "一笔结算被撤销，重新计算"),
            new BeneficiaryAdjustment(new DateOnly(2025, 6, 2), "c2", 20.5m, "补录了更早的就诊，重新计算"),
            new BeneficiaryAdjustment(new DateOnly(2025, 6, 3), "c1", -800m, "一笔结算被撤销，重新计算"),
        ], []);

        var lines = ClaimAdjustments.Of(records);

        Assert.Equal(2, lines.Count);
        var c2 = lines.Single(l => l.Subject == "2025-05-10 梅州市人民医院");
        Assert.Equal((new DateOnly(2025, 6, 3), 3, 20.5m), (c2.LastDate, c2.Count, c2.Net));
        Assert.Equal(["补录了更早的就诊，重新计算", "一笔结算被撤销，重新计算"], c2.ReasonsZh);
        // A reversed claim is no longer in the claim list: it is named by its id.
        Assert.Equal(("结算单 c1", -800m), (lines.Single(l => l.Count == 1).Subject, lines.Single(l => l.Count == 1).Net));
    }
}
