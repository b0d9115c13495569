using System.Runtime.InteropServices;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Segmentation;

/// <summary>
/// The flat, queryable shape that segment rules read: one row per customer with scalar profile columns and
/// child collections of orders, attributes and consent. The three evaluators (<see cref="RuleInterpreter"/>,
/// <see cref="RuleCompiler"/> and <see cref="RuleExpressions"/>) all read this shape, so a host can map its
/// own tables to it and run the same rules inside its database.
/// </summary>
/// <remarks>
/// <para>Properties are settable so that a query provider (for example Entity Framework Core) can
/// materialize and translate them. Build a record from a <see cref="Customer"/> with
/// <see cref="From(Customer, DateTimeZone, CustomerScores?)"/>.</para>
/// <para>Text columns that rules may match ignoring case and diacritics have a companion <c>…Key</c>
/// column holding <see cref="TextFold.ForMatching"/> of the value; hosts keep it in step (for example as a
/// generated column).</para>
/// </remarks>
public sealed class CustomerRecord
{
    /// <summary>The customer's identifier.</summary>
    public string Id { get; set; } = "";

    /// <summary>Individual or business.</summary>
    public CustomerKind Kind { get; set; }

    /// <summary>The gender, if stated.</summary>
    public Gender? Gender { get; set; }

    /// <summary>The birth (or founding) date, if known.</summary>
    public LocalDate? BirthDate { get; set; }

    /// <summary>The income tier, if recorded.</summary>
    public IncomeTier? IncomeTier { get; set; }

    /// <summary>The province or city, as written.</summary>
    public string? Province { get; set; }

    /// <summary>The province folded for matching (<see cref="TextFold.ForMatching"/>).</summary>
    public string? ProvinceKey { get; set; }

    /// <summary>Urban, suburban or rural, if known.</summary>
    public AreaType? Area { get; set; }

    /// <summary>The acquisition source, if known.</summary>
    public AcquisitionSource? Source { get; set; }

    /// <summary>The lifecycle stage.</summary>
    public LifecycleStage Stage { get; set; }

    /// <summary>When the customer was first recorded.</summary>
    public Instant CreatedAt { get; set; }

    /// <summary>The date the customer joined, in the shop's zone (the anniversary date).</summary>
    public LocalDate JoinedOn { get; set; }

    /// <summary>The customer's tags, as written.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>The tags folded for matching, in the same order as <see cref="Tags"/>.</summary>
    public List<string> TagKeys { get; set; } = [];

    /// <summary>Shop-defined attributes.</summary>
    public List<AttributeRecord> Attributes { get; set; } = [];

    /// <summary>The current consent decision per channel and purpose (at most one row for each pair).</summary>
    public List<ConsentRecord> Consents { get; set; } = [];

    /// <summary>Every order, in any status; rules ignore orders placed after the evaluation instant.</summary>
    public List<OrderRecord> Orders { get; set; } = [];

    /// <summary>The RFM recency score (1–5, 5 = most recent), or <see langword="null"/> if not scored.</summary>
    public int? RecencyScore { get; set; }

    /// <summary>The RFM frequency score (1–5), or <see langword="null"/> if not scored.</summary>
    public int? FrequencyScore { get; set; }

    /// <summary>The RFM monetary score (1–5), or <see langword="null"/> if not scored.</summary>
    public int? MonetaryScore { get; set; }

    /// <summary>
    /// The value tier relative to the shop (4 VIP, 3 high, 2 average, 1 low; see <see cref="ValueTierThresholds"/>), set
    /// by <see cref="Segmenter"/> for a population, or <see langword="null"/> if not ranked.
    /// </summary>
    public int? ValueTier { get; set; }

    /// <summary>The probability that the customer is still active, from a CLV model, if supplied.</summary>
    public double? ProbabilityAlive { get; set; }

    /// <summary>The expected number of purchases over the host's prediction horizon, if supplied.</summary>
    public double? ExpectedPurchases { get; set; }

    /// <summary>The predicted (discounted) customer value, if supplied.</summary>
    public double? PredictedValue { get; set; }

    /// <summary>
    /// Builds the record of a customer. Order amounts are the orders' totals (in their currency; a shop
    /// segments in one currency); product tags are the folded tags of every line.
    /// </summary>
    /// <param name="customer">The customer.</param>
    /// <param name="shopZone">The shop's zone, which gives the date the customer joined.</param>
    /// <param name="scores">RFM scores and CLV figures, if the host has them.</param>
    public static CustomerRecord From(Customer customer, DateTimeZone shopZone, CustomerScores? scores = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(shopZone);
        var record = new CustomerRecord
        {
            Id = customer.Id.Value,
            Kind = customer.Kind,
            Gender = customer.Gender,
            BirthDate = customer.BirthDate,
            IncomeTier = customer.IncomeTier,
            Province = customer.Location?.Province,
            ProvinceKey = customer.Location is { } l ? TextFold.ForMatching(l.Province) : null,
            Area = customer.Location?.Area,
            Source = customer.Source,
            Stage = customer.Stage,
            CreatedAt = customer.CreatedAt,
            JoinedOn = customer.CreatedAt.InZone(shopZone).Date,
            Tags = [.. customer.Tags],
            TagKeys = [.. customer.Tags.Select(TextFold.ForMatching)],
            Attributes = [.. customer.Attributes.Select(a => AttributeRecord.From(a.Key, a.Value))],
            Consents = [.. customer.Consents.Current.Select(c => new ConsentRecord { Channel = c.Channel, Purpose = c.Purpose, Granted = c.Status == ConsentStatus.Granted })],
            Orders = [.. customer.History.Orders.Select(OrderRecord.From)],
        };
        record.Apply(scores);
        return record;
    }

    /// <summary>Sets the RFM scores and CLV figures (clears them when <paramref name="scores"/> is null).</summary>
    public void Apply(CustomerScores? scores)
    {
        RecencyScore = scores?.Rfm?.Recency;
        FrequencyScore = scores?.Rfm?.Frequency;
        MonetaryScore = scores?.Rfm?.Monetary;
        ProbabilityAlive = scores?.Value?.ProbabilityAlive;
        ExpectedPurchases = scores?.Value?.ExpectedPurchases;
        PredictedValue = scores?.Value?.PredictedValue;
    }

    /// <summary>A deep copy (orders, attributes, consents and tags copied too).</summary>
    public CustomerRecord Clone()
    {
        var copy = (CustomerRecord)MemberwiseClone();
        copy.Tags = [.. Tags];
        copy.TagKeys = [.. TagKeys];
        copy.Attributes = [.. Attributes.Select(a => a.Clone())];
        copy.Consents = [.. Consents.Select(c => c.Clone())];
        copy.Orders = [.. Orders.Select(o => o.Clone())];
        return copy;
    }

    /// <summary>
    /// A shallow copy with its own order list holding the same <see cref="OrderRecord"/> objects, and the same tag,
    /// attribute and consent lists: for copy-on-write holders (the care engine's stored states) that never change a
    /// list or an element in place (they replace it, or take a <see cref="Clone"/> first).
    /// </summary>
    /// <param name="room">Orders the caller will add (the list is made that much larger, so adding does not grow it).</param>
    internal CustomerRecord CloneSharingOrders(int room = 0)
    {
        var copy = (CustomerRecord)MemberwiseClone();
        copy.Orders = new List<OrderRecord>(Orders.Count + room);
        copy.Orders.AddRange(CollectionsMarshal.AsSpan(Orders));
        return copy;
    }

    /// <summary>The position of the order with this id in <see cref="Orders"/>, else −1 (a loop: no delegate, no closure).</summary>
    internal int IndexOfOrder(string id)
    {
        for (var i = 0; i < Orders.Count; i++)
        {
            if (Orders[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override string ToString() => $"CustomerRecord {Id} ({Orders.Count} orders)";
}
