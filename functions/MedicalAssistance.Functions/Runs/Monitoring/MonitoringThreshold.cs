namespace MedicalAssistance.Functions.Runs.Monitoring;

/// <summary>
/// Body of <c>PUT /api/monitoring-thresholds/{profile}/{year}</c>: the yearly personal burden (policy-rules.md G-8) above which
/// a person is pushed to civil affairs and rural affairs as a high-expense early warning, where the documents leave the value
/// to the operator — Baoshan's local monitoring standard (Art. 26), Tumxuk's monthly push (Art. 19(一), no value stated),
/// Meizhou's and Jieyang's checks (no value stated). Inner Mongolia's thresholds come from the engine (Art. 8).
/// </summary>
/// <param name="BurdenThreshold">Yuan, to the fen; "exceeds" is strict, as Inner Mongolia's 超过 (IM-4).</param>
public sealed record MonitoringThreshold(decimal? BurdenThreshold);
