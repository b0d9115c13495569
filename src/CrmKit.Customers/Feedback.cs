using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace CrmKit.Customers;

/// <summary>
/// A customer's feedback on one scale: star rating 1–5, NPS 0–10, CSAT 1–5 or CES 1–7, optionally about an
/// order or a ticket.
/// </summary>
public sealed record Feedback : IJsonOnDeserialized
{
    /// <summary>Creates a piece of feedback; the score is checked against the scale of <paramref name="kind"/>.</summary>
    public Feedback(FeedbackId id, CustomerId customerId, Instant at, FeedbackKind kind, int score)
    {
        Id = id;
        CustomerId = customerId;
        At = at;
        Kind = kind;
        Score = score;
        CheckScore(kind, score);
        _constructed = true;
    }

    // Used by System.Text.Json, which then sets each property through its validating init accessor.
#pragma warning disable CS8618, CS9264
    [JsonConstructor]
    private Feedback()
    {
        // Kind and Score may come in any order; they are checked together in OnDeserialized.
    }
#pragma warning restore CS8618, CS9264

    private bool _constructed; // copied by `with`, so a changed Kind re-checks the existing score

    /// <summary>The feedback's identifier.</summary>
    [JsonRequired]
    public FeedbackId Id { get; init => field = Guard.Set(value, "feedback id"); }

    /// <summary>The customer.</summary>
    [JsonRequired]
    public CustomerId CustomerId { get; init => field = Guard.Set(value, "customer id"); }

    /// <summary>When it was given.</summary>
    [JsonRequired]
    public Instant At { get; init => field = Guard.Time(value, "feedback time"); }

    /// <summary>The scale. Changing it with <c>with</c> re-checks the score.</summary>
    [JsonRequired]
    public FeedbackKind Kind
    {
        get;
        init
        {
            field = Guard.Defined(value, "feedback kind");
            if (_constructed)
            {
                CheckScore(value, Score);
            }
        }
    }

    /// <summary>The score on the scale of <see cref="Kind"/>.</summary>
    [JsonRequired]
    public int Score { get; init => field = _constructed ? CheckScore(Kind, value) : value; }

    /// <summary>The customer's comment, if any.</summary>
    public string? Comment { get; init => field = Guard.TrimToNull(value); }

    /// <summary>The ids, time, kind and score, without the comment (free text may hold personal data).</summary>
    public override string ToString() => $"Feedback {Id} of {CustomerId} at {At} ({Kind} {Score})";

    /// <summary>The order it is about, if any.</summary>
    public OrderId? OrderId { get; init; }

    /// <summary>The ticket it is about, if any.</summary>
    public TicketId? TicketId { get; init; }

    /// <summary>The lowest and highest score of a scale.</summary>
    public static (int Min, int Max) ScaleOf(FeedbackKind kind) => kind switch
    {
        FeedbackKind.StarRating => (1, 5),
        FeedbackKind.Nps => (0, 10),
        FeedbackKind.Csat => (1, 5),
        FeedbackKind.Ces => (1, 7),
        _ => throw new InvalidValueException("feedback kind", $"{kind} is not a defined FeedbackKind."),
    };

    void IJsonOnDeserialized.OnDeserialized()
    {
        try
        {
            CheckScore(Kind, Score);
        }
        catch (InvalidValueException ex)
        {
            throw new JsonException(ex.Message, ex);
        }

        _constructed = true;
    }

    private static int CheckScore(FeedbackKind kind, int score)
    {
        var (min, max) = ScaleOf(kind);
        return Guard.InRange(score, min, max, $"{kind} score");
    }
}
