using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// A starting set of care plans over the built-in segments (<c>CrmKit.Segmentation.BuiltInSegments</c>): VIP care,
/// loyal customers, new buyers, win-back for customers slipping away, and occasions for everyone.
/// </summary>
public static class BuiltInCarePlans
{
    private static readonly LocalTime Morning = new(9, 0);
    private static readonly LocalTime Late = new(10, 30);

    /// <summary>The plans.</summary>
    public static ImmutableArray<CarePlan> All { get; } =
    [
        new CarePlan("vip-care", "VIP care", 100)
        {
            Segments = ["vip", "champions"],
            Cadences =
            [
                new("birthday-gift", new(ContactChannel.Zalo, ContactPurpose.Marketing, "birthday-vip-gift"), new OccasionSchedule(Occasion.Birthday, 0, Morning)),
                new("tet-gift", new(ContactChannel.Zalo, ContactPurpose.Marketing, "tet-vip-gift"), new OccasionSchedule(Occasion.Tet, 7, Morning)),
                new("monthly-call", new(ContactChannel.PhoneCall, ContactPurpose.Marketing, "vip-check-in-call"), new EverySchedule(30, Late)),
            ],
        },
        new CarePlan("loyal-care", "Loyal customers", 80)
        {
            Segments = ["loyal-customers", "loyal", "cannot-lose-them"],
            Cadences =
            [
                new("birthday-voucher", new(ContactChannel.Sms, ContactPurpose.Marketing, "birthday-voucher"), new OccasionSchedule(Occasion.Birthday, 0, Morning)),
                new("tet-offer", new(ContactChannel.Email, ContactPurpose.Marketing, "tet-offer"), new OccasionSchedule(Occasion.Tet, 10, Morning)),
                new("anniversary", new(ContactChannel.Zalo, ContactPurpose.Marketing, "member-anniversary"), new OccasionSchedule(Occasion.JoinAnniversary, 0, Late)),
            ],
        },
        new CarePlan("new-buyer-care", "New buyers", 60)
        {
            Segments = ["new", "new-customers", "first-time-big-buyer"],
            Cadences =
            [
                new("thank-you", new(ContactChannel.Zalo, ContactPurpose.Transactional, "thank-you-first-order"), new AfterEventSchedule(CadenceEvent.FirstOrder, 1, Morning)),
                new("how-is-it", new(ContactChannel.Zalo, ContactPurpose.Marketing, "how-is-your-purchase"), new AfterEventSchedule(CadenceEvent.FirstOrder, 7, Late)),
            ],
        },
        new CarePlan("win-back", "Win back", 40)
        {
            Segments = ["at-risk", "about-to-sleep", "lapsed", "likely-churned"],
            Cadences =
            [
                new("we-miss-you", new(ContactChannel.Zalo, ContactPurpose.Marketing, "we-miss-you"), new AfterEventSchedule(CadenceEvent.LastOrder, 90, Late)),
                new("comeback-offer", new(ContactChannel.Sms, ContactPurpose.Marketing, "comeback-voucher"), new AfterEventSchedule(CadenceEvent.LastOrder, 120, Late)),
            ],
        },
        new CarePlan("occasions", "Occasions for everyone", 10)
        {
            Segments = ["vip", "high-value", "average-value", "low-value"],
            Cadences =
            [
                new("birthday-greeting", new(ContactChannel.Email, ContactPurpose.Marketing, "birthday-greeting"), new OccasionSchedule(Occasion.Birthday, 0, Morning)),
                new("tet-greeting", new(ContactChannel.Zalo, ContactPurpose.Marketing, "tet-greeting"), new OccasionSchedule(Occasion.Tet, 2, Morning)),
            ],
        },
    ];
}
