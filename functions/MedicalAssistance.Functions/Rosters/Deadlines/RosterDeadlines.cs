using MedicalAssistance.Functions.Calendar;
using MedicalAssistance.Functions.Departments;
using MedicalAssistance.Policy.Identities;

namespace MedicalAssistance.Functions.Rosters.Deadlines;

/// <summary>
/// Monthly push deadlines per profile and department kind (policy-rules.md "Deadlines and schedules"). A late batch is
/// accepted and flagged; the date that counts is the arrival date in Asia/Shanghai. Deadline days are inclusive
/// ("by the 15th": a push on the 15th is on time).
/// </summary>
public sealed class RosterDeadlines : IRosterDeadlines
{
    public DeadlineCheck Check(Department department, DateTimeOffset receivedAt)
    {
        var received = ChinaTime.DateOf(receivedAt);
        return (department.Profile, department.Kind) switch
        {
            // Tumxuk Art. 19(6): agriculture and rural affairs push by class by the 15th of each month.
            (IdentityTypes.Tumxuk, "rural-affairs" or "rural-revitalisation") => ByDay(received, 15, "每月15日前报送分类救助对象增减名单（图木舒克第19条第6项）"),
            // Tumxuk union: Art. 19(7) asks for the 5th, Art. 8(1) for the 15th; only a push after the 15th is overdue (TX-4).
            (IdentityTypes.Tumxuk, "union") => ByDay(received, 15, "每月5日前报送困难职工增减名单（第19条第7项），最迟15日（第8条第1项）；15日后报送为逾期"),
            // Baoshan Art. 28: the change list of month M is due by the 10th of month M+1. A batch names no month, so a push
            // after the 10th is late for the previous month's list (the list it is due to carry).
            (IdentityTypes.Baoshan, _) => ByDay(received, 10, "次月10日前报送上月动态管理对象变动名单（保山第28条）"),
            // Meizhou Art. 7(2): mid-year new enrolees reported by the 25th of each month.
            (IdentityTypes.Meizhou, _) => ByDay(received, 25, "每月25日前报送当月年中新增参保人员（梅州第7条第2项）"),
            (IdentityTypes.Jieyang, _) => new DeadlineCheck(false, null, "每月更新新增、死亡、停保人员，无固定截止日（揭阳五(一)2）"),
            (IdentityTypes.InnerMongolia, _) => new DeadlineCheck(false, null, "实时或按月比对身份信息，无固定截止日（内蒙古第7条）"),
            // Tumxuk civil affairs: no day-of-month deadline (the 5-working-day flagging is the agency's, see the ledger).
            _ => new DeadlineCheck(false, null, null),
        };
    }

    private static DeadlineCheck ByDay(DateOnly received, int day, string rule)
    {
        var deadline = new DateOnly(received.Year, received.Month, day);
        return new DeadlineCheck(received > deadline, deadline, rule);
    }
}
