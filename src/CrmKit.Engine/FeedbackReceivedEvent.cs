using System.Text.Json.Serialization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Engine;

/// <summary>Feedback (CSAT, NPS, CES, a rating) was received.</summary>
/// <param name="Feedback">The feedback; its customer must be the event's.</param>
public sealed record FeedbackReceivedEvent(Feedback Feedback) : CareEvent;
