using System.Globalization;
using System.Collections.Immutable;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.CareProcess;

/// <summary>
/// The standard care processes of a retail shop, ready to use or to edit (each is exported to
/// <c>seeds/processes/ID.json</c>): the customer lifecycle and its activity dimension, pre-sale care, after-sale
/// care, the support ticket and the warranty case.
/// </summary>
public static class BuiltInProcesses
{
    // Purposes (docs/care-process.md, "Purpose of each built-in message"): a message the customer needs for an order,
    // a ticket or a warranty claim they started is a service message (Transactional: it goes unless they withdrew);
    // a message that promotes the shop — a welcome, a review request, a welcome back, a thank-you for a referral — is
    // direct marketing (UK ICO direct-marketing guidance; Decree 91/2020/NĐ-CP: advertising needs prior consent) and
    // goes only with a consent grant.
    private const ContactPurpose Service = ContactPurpose.Transactional;
    private const ContactPurpose Promotion = ContactPurpose.Marketing;

    /// <summary>Reach → acquisition → conversion → retention → loyalty, forward only, driven by the order count.</summary>
    public static ProcessDefinition CustomerLifecycle { get; } = BuiltInProcessTexts.WithVietnamese(new ProcessBuilder("customer-lifecycle", "Customer lifecycle", "reach")
        .Describe("The five relationship stages. Automatic paths only move forward: an order never takes a loyal customer back to conversion.")
        .Trigger("contact-captured", "The customer left contact details")
        .Trigger("order-placed", "A completed order; orderCount is the customer's number of completed orders", new TriggerParameter("orderCount", ValueKind.Number))
        .Trigger("referred-someone", "The customer referred a new customer")
        .State("reach", "Knows the shop")
        .State("acquisition", "Left contact details", onEntry: [new SendMessage(ContactChannel.Zalo, Promotion, "welcome")])
        .State("conversion", "First purchase", onEntry: [new SendMessage(ContactChannel.Zalo, Service, "thank-you-first-order")])
        .State("retention", "Bought again", onEntry: [new SetAttributeValue("stage", ProcessValue.Of("retention"))])
        .State("loyalty", "Repeat buyer and advocate", onEntry:
        [
            new SetAttributeValue("stage", ProcessValue.Of("loyalty")),
            new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "loyalty-welcome"),
        ])
        .On("reach", "contact-captured", "acquisition")
        .On("reach", "order-placed", "conversion")
        .On("acquisition", "order-placed", "conversion")
        .On("conversion", "order-placed", "retention", Number("orderCount", GuardOperator.GreaterThanOrEqual, 2, "second order or more"))
        .On("conversion", "order-placed", null, Number("orderCount", GuardOperator.LessThan, 2, "still one order"))
        .On("retention", "order-placed", "loyalty", Number("orderCount", GuardOperator.GreaterThanOrEqual, 5, "five orders or more"))
        .On("retention", "order-placed", null, Number("orderCount", GuardOperator.LessThan, 5, "fewer than five orders"))
        .On("retention", "referred-someone", "loyalty")
        .On("loyalty", "order-placed", null)
        .On("loyalty", "referred-someone", null, null, new SendMessage(ContactChannel.Zalo, Promotion, "referral-thanks"))
        .Build());

    /// <summary>Active → at risk → lapsed → win-back → reactivated: how recently the customer bought.</summary>
    public static ProcessDefinition CustomerActivity { get; } = BuiltInProcessTexts.WithVietnamese(new ProcessBuilder("customer-activity", "Customer activity", "active")
        .Describe("Activity beside the lifecycle: timers measure the time since the last order (each order re-enters a state and restarts its timer).")
        .Trigger("order-placed", "A completed order")
        .Trigger("win-back-sent", "A win-back offer went out")
        .State("active", "Bought within 90 days")
        .State("at-risk", "No order for 90 days", onEntry: [new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "we-miss-you")])
        .State("lapsed", "No order for 180 days", onEntry: [new CreateTask("Prepare a win-back offer", "marketing", Duration.FromDays(7))])
        .State("win-back", "Win-back offer sent")
        .State("reactivated", "Came back after lapsing", onEntry: [new SendMessage(ContactChannel.Zalo, Promotion, "welcome-back")])
        .On("active", "order-placed", "active")
        .After("active", Duration.FromDays(90), "at-risk")
        .On("at-risk", "order-placed", "active")
        .After("at-risk", Duration.FromDays(90), "lapsed")
        .On("lapsed", "win-back-sent", "win-back")
        .On("lapsed", "order-placed", "reactivated")
        .On("win-back", "order-placed", "reactivated")
        .After("win-back", Duration.FromDays(30), "lapsed")
        .On("reactivated", "order-placed", "active")
        .After("reactivated", Duration.FromDays(90), "at-risk")
        .Build());

    /// <summary>Collect information → classify → answer questions → introduce and close → nurture.</summary>
    public static ProcessDefinition PreSale { get; } = BuiltInProcessTexts.WithVietnamese(new ProcessBuilder("pre-sale", "Pre-sale care", "collect-information")
        .Describe("From a first contact to a sale: answer promptly (a reminder after 4 business hours without an answer), introduce what fits, nurture those not ready.")
        .Trigger("details-collected", "Name, phone and need recorded")
        .Trigger("classified", "The lead was classified (segment or need)", new TriggerParameter("segment", ValueKind.Text))
        .Trigger("question-answered", "A question was answered")
        .Trigger("need-clear", "The need is clear; products can be introduced")
        .Trigger("purchased", "The lead bought")
        .Trigger("not-now", "The lead is not ready")
        .Trigger("came-back", "The lead asked again")
        .State("collect-information", "Collect contact details and the need")
        .State("classify", "Classify the lead", onEntry: [new AssignStaff("sales")])
        .State("answer-questions", "Answer questions promptly")
        .State("introduce-and-close", "Introduce suitable products and close", onEntry: [new CreateTask("Send a tailored offer", "sales", Duration.FromDays(1))])
        .State("nurture", "Keep in touch", onEntry: [new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "nurture-tips")])
        .State("won", "Became a customer", final: true, onEntry: [new StartProcess("after-sale")])
        .On("collect-information", "details-collected", "classify")
        .On("classify", "classified", "answer-questions")
        .On("answer-questions", "question-answered", "answer-questions")
        .After("answer-questions", Duration.FromHours(4), "answer-questions", businessHours: true, guard: null, new CreateTask("Unanswered question: reply now", "sales"))
        .On("answer-questions", "need-clear", "introduce-and-close")
        .On("answer-questions", "not-now", "nurture")
        .On("introduce-and-close", "purchased", "won")
        .On("introduce-and-close", "not-now", "nurture")
        .On("nurture", "came-back", "answer-questions")
        .On("nurture", "purchased", "won")
        .After("nurture", Duration.FromDays(30), "nurture", businessHours: false, guard: null, new SendMessage(ContactChannel.Email, ContactPurpose.Marketing, "newsletter"))
        .Build());

    /// <summary>Follow-up → feedback → check-in → perks and referral ask, with complaint handling from any step.</summary>
    public static ProcessDefinition AfterSale { get; } = BuiltInProcessTexts.WithVietnamese(new ProcessBuilder("after-sale", "After-sale care", "caring")
        .Describe("After each purchase: thank, ask for feedback, check in, reward; a complaint at any step is handled first (ideally in one contact).")
        .Trigger("feedback-received", "The customer rated the purchase (1–5)", new TriggerParameter("rating", ValueKind.Number))
        .Trigger("checked-in", "Staff checked in with the customer")
        .Trigger("complaint-received", "The customer complained", new TriggerParameter("topic", ValueKind.Text))
        .Trigger("complaint-resolved", "The complaint was resolved")
        .State("caring", "Regular after-sale care", initialChild: "follow-up")
        .State("follow-up", "Thank and confirm delivery", parent: "caring", onEntry: [new SendMessage(ContactChannel.Zalo, Service, "order-follow-up")])
        .State("feedback", "Ask for feedback and a review", parent: "caring", onEntry: [new SendMessage(ContactChannel.Zalo, Promotion, "review-request")])
        .State("check-in", "Proactive check-in", parent: "caring", onEntry: [new CreateTask("Check in with the customer", "care", Duration.FromDays(3))])
        .State("perks", "Loyalty perks and referral ask", parent: "caring", onEntry:
        [
            new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "loyalty-perks"),
            new SendMessage(ContactChannel.Zalo, ContactPurpose.Marketing, "referral-ask"),
        ])
        .State("complaint", "Handle the complaint", onEntry: [new AssignStaff("care-lead"), new CreateTask("Resolve the complaint in one contact", "care-lead", Duration.FromDays(1))])
        .State("completed", "Care cycle done", final: true)
        .After("follow-up", Duration.FromDays(2), "feedback")
        .On("feedback", "feedback-received", "check-in", Number("rating", GuardOperator.GreaterThanOrEqual, 4, "rating 4 or 5"))
        .On("feedback", "feedback-received", "complaint", Number("rating", GuardOperator.LessThan, 4, "rating 3 or less"))
        .After("feedback", Duration.FromDays(7), "check-in")
        .On("check-in", "checked-in", "perks")
        .After("check-in", Duration.FromDays(30), "perks")
        .After("perks", Duration.FromDays(7), "completed")
        .On("caring", "complaint-received", "complaint")
        .On("complaint", "complaint-resolved", "check-in", null, new SendMessage(ContactChannel.Zalo, Service, "complaint-resolved"))
        .Build());

    /// <summary>New → open ⇄ pending / on-hold → solved → closed, with auto-close, reopen and follow-up tickets.</summary>
    public static ProcessDefinition SupportTicket { get; } = BuiltInProcessTexts.WithVietnamese(new ProcessBuilder("support-ticket", "Support ticket", "new")
        .Describe("A ticket from any channel. Pending waits for the customer (auto-solved after 7 days); solved closes after 4 days unless the customer replies; a reply to a closed ticket starts a follow-up ticket. SLA clocks: SlaPolicy.")
        .Trigger("assign", "Assigned to an agent", new TriggerParameter("agent", ValueKind.Text))
        .Trigger("agent-reply", "An agent replied")
        .Trigger("customer-reply", "The customer replied")
        .Trigger("wait-for-customer", "The agent needs something from the customer")
        .Trigger("put-on-hold", "Waiting for a third party")
        .Trigger("resume", "Work resumes")
        .Trigger("solve", "The agent solved the ticket")
        .State("new", "Not yet handled", onEntry: [new SendMessage(ContactChannel.Email, Service, "ticket-received")])
        .State("open", "Being worked on")
        .State("pending", "Waiting for the customer")
        .State("on-hold", "Waiting for a third party")
        .State("solved", "Solved; closes automatically", onEntry: [new SendMessage(ContactChannel.Email, Service, "satisfaction-survey")])
        .State("closed", "Closed for good", final: true)
        .On("new", "assign", "open", null, new AssignStaff("support"))
        .On("new", "agent-reply", "open")
        .On("new", "customer-reply", null)
        .On("open", "assign", null, null, new AssignStaff("support"))
        .On("open", "agent-reply", null)
        .On("open", "customer-reply", null)
        .On("open", "wait-for-customer", "pending")
        .On("open", "put-on-hold", "on-hold")
        .On("open", "solve", "solved")
        .On("pending", "customer-reply", "open")
        .On("pending", "solve", "solved")
        .After("pending", Duration.FromDays(7), "solved")
        .On("on-hold", "resume", "open")
        .On("on-hold", "customer-reply", null)
        .On("on-hold", "solve", "solved")
        .On("solved", "customer-reply", "open")
        .After("solved", Duration.FromDays(4), "closed")
        .On("closed", "customer-reply", null, null, new StartProcess("support-ticket"))
        .Build());

    /// <summary>Received → diagnosed → approved or rejected under warranty → repaired or replaced → returned.</summary>
    public static ProcessDefinition WarrantyCase { get; } = BuiltInProcessTexts.WithVietnamese(new ProcessBuilder("warranty-case", "Warranty / repair case", "received")
        .Describe("A product brought in for warranty or repair. The decision's reason is kept in the case data.")
        .Trigger("diagnosed", "A technician diagnosed the fault", new TriggerParameter("fault", ValueKind.Text))
        .Trigger("decide", "Warranty decision", new TriggerParameter("underWarranty", ValueKind.Boolean), new TriggerParameter("reason", ValueKind.Text))
        .Trigger("repaired", "The product was repaired")
        .Trigger("replaced", "The product was replaced")
        .Trigger("paid-repair-accepted", "The customer accepted a paid repair")
        .Trigger("handed-back", "The product was returned to the customer")
        .State("received", "Product received", onEntry: [new SendMessage(ContactChannel.Zalo, Service, "warranty-received")])
        .State("diagnosed", "Fault diagnosed", onEntry: [new AssignStaff("warranty")])
        .State("approved", "Covered by warranty", onEntry: [new SendMessage(ContactChannel.Zalo, Service, "warranty-approved")])
        .State("rejected", "Not covered", onEntry: [new SendMessage(ContactChannel.Zalo, Service, "warranty-rejected-with-reason")])
        .State("repaired", "Repaired", onEntry: [new SendMessage(ContactChannel.Zalo, Service, "ready-for-pickup")])
        .State("replaced", "Replaced", onEntry: [new SendMessage(ContactChannel.Zalo, Service, "ready-for-pickup")])
        .State("returned", "Returned to the customer", final: true, onEntry: [new StartProcess("after-sale")])
        .On("received", "diagnosed", "diagnosed")
        .On("diagnosed", "decide", "approved", Flag("underWarranty", true, "under warranty"))
        .On("diagnosed", "decide", "rejected", Flag("underWarranty", false, "not under warranty"))
        .On("approved", "repaired", "repaired")
        .On("approved", "replaced", "replaced")
        .On("rejected", "paid-repair-accepted", "approved")
        .On("rejected", "handed-back", "returned")
        .On("repaired", "handed-back", "returned")
        .On("replaced", "handed-back", "returned")
        .Build());

    /// <summary>All built-in processes, by id.</summary>
    public static ImmutableArray<ProcessDefinition> All { get; } = [CustomerLifecycle, CustomerActivity, PreSale, AfterSale, SupportTicket, WarrantyCase];

    /// <summary>A built-in process by id.</summary>
    /// <exception cref="ArgumentException">No such process (the message lists the ids).</exception>
    public static ProcessDefinition Get(string id)
        => All.FirstOrDefault(p => p.Id == id) ?? throw new ArgumentException($"No built-in process '{id}' (known: {string.Join(", ", All.Select(p => p.Id))}).", nameof(id));

    /// <summary>
    /// A text of the built-in processes — a name, description, state or trigger label, a guard's description, a task's
    /// title — in <paramref name="culture"/>'s language (<c>second order or more</c> → <c>từ đơn thứ hai trở đi</c>), or
    /// <see langword="null"/> when <paramref name="text"/> is not one of them or the language has no texts (English:
    /// the text is its own).
    /// </summary>
    /// <param name="text">The English text, as the built-in definition writes it.</param>
    /// <param name="culture">The language wanted.</param>
    public static string? Translate(string text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return text is not null && culture.TwoLetterISOLanguageName == BuiltInProcessTexts.Vietnamese
            && BuiltInProcessTexts.VietnameseTexts.TryGetValue(text, out var translated) ? translated : null;
    }

    private static Guard Number(string parameter, GuardOperator op, decimal value, string description)
        => new(description, GuardSource.Parameter, parameter, op, ProcessValue.Of(value));

    private static Guard Flag(string parameter, bool value, string description)
        => new(description, GuardSource.Parameter, parameter, GuardOperator.Equal, ProcessValue.Of(value));
}
