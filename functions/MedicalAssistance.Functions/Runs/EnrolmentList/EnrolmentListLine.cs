using MedicalAssistance.Functions.Persons;

namespace MedicalAssistance.Functions.Runs.EnrolmentList;

/// <summary>One line of a month's enrolment list: an exemption-ledger entry, the county it belongs to and how this list takes it in.</summary>
/// <param name="County">The county (县/区) code: the 行政区划代码 of the person's ID number (<see cref="IdNumber.RegionCode"/>).</param>
public sealed record EnrolmentListLine(string County, ExemptionEntry Entry, EnrolmentListing Listing);
