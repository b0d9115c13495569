using CrmKit.CareProcess;
using CrmKit.Customers;

namespace CrmKit.Engine.Tests;

/// <summary>
/// The purpose of every message the built-in processes send, pinned to the table in docs/care-process.md
/// ("Purpose of each built-in message"): promotion and review requests are marketing and need a consent grant.
/// </summary>
public sealed class BuiltInMessagePurposeTests
{
    private static readonly Dictionary<string, ContactPurpose> Documented = new()
    {
        ["welcome"] = ContactPurpose.Marketing,
        ["thank-you-first-order"] = ContactPurpose.Transactional,
        ["loyalty-welcome"] = ContactPurpose.Marketing,
        ["referral-thanks"] = ContactPurpose.Marketing,
        ["we-miss-you"] = ContactPurpose.Marketing,
        ["welcome-back"] = ContactPurpose.Marketing,
        ["nurture-tips"] = ContactPurpose.Marketing,
        ["newsletter"] = ContactPurpose.Marketing,
        ["order-follow-up"] = ContactPurpose.Transactional,
        ["review-request"] = ContactPurpose.Marketing,
        ["loyalty-perks"] = ContactPurpose.Marketing,
        ["referral-ask"] = ContactPurpose.Marketing,
        ["complaint-resolved"] = ContactPurpose.Transactional,
        ["ticket-received"] = ContactPurpose.Transactional,
        ["satisfaction-survey"] = ContactPurpose.Transactional,
        ["warranty-received"] = ContactPurpose.Transactional,
        ["warranty-approved"] = ContactPurpose.Transactional,
        ["warranty-rejected-with-reason"] = ContactPurpose.Transactional,
        ["ready-for-pickup"] = ContactPurpose.Transactional,
        ["win-back-offer"] = ContactPurpose.Marketing,
        ["comeback-voucher"] = ContactPurpose.Marketing,
        ["vip-welcome"] = ContactPurpose.Marketing,
        ["birthday-greeting"] = ContactPurpose.Marketing,
        ["tet-greeting"] = ContactPurpose.Marketing,
    };

    private static IEnumerable<SendMessage> Sends(ProcessDefinition process)
        => process.Model.States.SelectMany(s => s.OnEntry.Concat(s.OnExit))
            .Concat(process.Model.Transitions.SelectMany(t => t.Effects))
            .OfType<SendMessage>();

    [Fact]
    public void BuiltInSends_HaveTheDocumentedPurpose_ForEveryTemplate()
    {
        var actual = BuiltInJourneys.Processes.SelectMany(Sends)
            .GroupBy(m => m.Template)
            .ToDictionary(g => g.Key, g => Assert.Single(g.Select(m => m.Purpose).Distinct()));
        Assert.Equal(Documented.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("after-sale", "review-request")]
    [InlineData("customer-activity", "welcome-back")]
    public void PromotionalSends_AreMarketing_SoTheyNeedAConsentGrant(string process, string template)
    {
        var send = Assert.Single(Sends(BuiltInJourneys.Processes.Single(p => p.Id == process)), m => m.Template == template);
        Assert.Equal(ContactPurpose.Marketing, send.Purpose);
    }
}
