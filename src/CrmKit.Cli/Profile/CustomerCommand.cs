using System.CommandLine;
using System.Text.Json;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using NodaTime;

namespace CrmKit.Cli.Profile;

/// <summary>
/// <c>crmkit customer QUERY</c>: one customer's whole profile — details, contacts (masked unless
/// <c>--show-contacts</c>), orders, segments with the reason for each, probability alive and predicted value, journey and
/// process states, consent history, due and recent care actions — found by id, phone, email or name
/// (<see cref="CustomerSearch"/>). Exit codes: 0 one customer shown, or several matches listed (with a hint to give
/// the id); 1 no customer matches, or the data was not read as asked (<see cref="ImportVerdict"/>: nothing usable read,
/// or more rows of a file rejected than <c>--max-rejected</c> allows — then after the output); 2 wrong usage.
/// </summary>
internal static class CustomerCommand
{
    /// <summary>The default of <c>--limit</c>: how many entries of each list of the profile are shown (the rest are counted).</summary>
    public const int DefaultLimit = 10;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build(TextWriter output, TextWriter error)
    {
        var query = new Argument<string>(CrmKitCommandLine.ArgumentName("query")) { Description = ProfileStrings.QueryArgumentDescription };
        var showContacts = new Option<bool>("--show-contacts") { Description = ProfileStrings.ShowContactsOptionDescription };
        var json = new Option<bool>("--json") { Description = ProfileStrings.CustomerJsonOptionDescription };
        var limit = new Option<int>("--limit") { Description = ProfileStrings.LimitOptionDescription, DefaultValueFactory = _ => DefaultLimit };
        var data = new ShopDataOptions();
        var command = new Command("customer", ProfileStrings.CustomerCommandDescription) { query, showContacts, json, limit };
        data.AddTo(command);
        command.SetAction(parsed =>
        {
            var shown = parsed.GetValue(limit);
            if (shown < 0)
            {
                throw new InvalidValueException("--limit", Display.Format(ProfileStrings.LimitNegative, shown));
            }

            var typed = parsed.GetValue(query)!;
            var settings = data.Settings(parsed);
            var read = data.Read(parsed, settings, error);
            if (!read.Verdict.Usable)
            {
                read.Verdict.Write(error);
                return CrmKitCommandLine.BadInput;
            }

            var shop = ShopAnalysis.Run(settings, read.DataSet, warnings: error);

            var found = CustomerSearch.Find(shop.Customers, typed);
            var reveal = parsed.GetValue(showContacts);
            if (found.Matches.Count == 0)
            {
                error.WriteLine($"crmkit: {Display.Format(ProfileStrings.NoMatch, typed, KindName(found.Kind))}");
                error.WriteLine(ProfileStrings.NoMatchHint);
                read.Verdict.Write(error);
                return CrmKitCommandLine.BadInput;
            }

            if (found.Matches.Count > 1)
            {
                WriteMatches(output, shop, found, typed, reveal, parsed.GetValue(json));
                read.Verdict.Write(error);
                return read.Verdict.ExitCode;
            }

            var customer = found.Matches[0];
            if (found.Kind == QueryKind.Id && CustomerLoading.MergedNote(customer, typed.Trim()) is { } note)
            {
                error.WriteLine($"crmkit: {note}");
            }

            var profile = CustomerProfile.Of(shop, customer);
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(profile.Json(reveal, shown), Indented));
            }
            else
            {
                profile.Write(output, reveal, shown);
            }

            read.Verdict.Write(error);
            return read.Verdict.ExitCode;
        });
        return command;
    }

    // A customer's orders as the profile counts them: placed up to the as-of instant.
    private static IEnumerable<Order> Placed(Customer customer, Instant asOf) => customer.History.Orders.Where(o => o.PlacedAt <= asOf);

    private static string KindName(QueryKind kind) => kind switch
    {
        QueryKind.Id => ProfileStrings.QueryKindId,
        QueryKind.Phone => ProfileStrings.QueryKindPhone,
        QueryKind.Email => ProfileStrings.QueryKindEmail,
        QueryKind.Name => ProfileStrings.QueryKindName,
        _ => throw new System.Diagnostics.UnreachableException($"Query kind {kind}."),
    };

    private static void WriteMatches(TextWriter output, ShopAnalysis shop, SearchResult found, string typed, bool reveal, bool json)
    {
        var zone = shop.Settings.Zone;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                query = typed,
                matchedBy = RunSummary.Name(found.Kind),
                asOf = shop.AsOf.ToString(),
                matches = found.Matches.Select(c => new
                {
                    id = CustomerProfile.Shown(c.Id.Value, reveal),
                    name = CustomerProfile.Shown(c.DisplayName, reveal),
                    phone = c.Phones.IsEmpty ? null : CustomerProfile.Phone(c.Phones[0], reveal),
                    orders = Placed(c, shop.AsOf).Count(),
                    lastOrderAt = Placed(c, shop.AsOf).Select(o => (Instant?)o.PlacedAt).Max()?.ToString(),
                }),
            }, Indented));
            return;
        }

        output.WriteLine(Display.Format(ProfileStrings.SeveralMatches, Display.Number(found.Matches.Count), typed, KindName(found.Kind)));
        output.WriteLine($"  {ProfileStrings.ColumnId,-10} {ProfileStrings.ColumnName,-28} {ProfileStrings.ColumnPhone,-18} {ProfileStrings.ColumnOrders,7}  {ProfileStrings.ColumnLastOrder}");
        foreach (var c in found.Matches)
        {
            var last = Placed(c, shop.AsOf).Select(o => (Instant?)o.PlacedAt).Max();
            var phone = c.Phones.IsEmpty ? "–" : CustomerProfile.Phone(c.Phones[0], reveal);
            output.WriteLine($"  {CustomerProfile.Shown(c.Id.Value, reveal),-10} {CustomerProfile.Shown(c.DisplayName, reveal),-28} {phone,-18} {Display.Number(Placed(c, shop.AsOf).Count()),7}  {(last is { } l ? Display.Date(l.InZone(zone).Date) : "–")}");
        }

        output.WriteLine();
        // The example id must be one the user can type: one that is not masked, else say how to see the masked ones.
        var example = found.Matches.FirstOrDefault(c => CustomerProfile.Shown(c.Id.Value, reveal) == c.Id.Value);
        output.WriteLine(example is null ? ProfileStrings.SeveralMatchesHintMasked : Display.Format(ProfileStrings.SeveralMatchesHint, example.Id.Value));
    }
}
