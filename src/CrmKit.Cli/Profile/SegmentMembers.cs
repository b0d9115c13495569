using System.CommandLine;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Import;
using CrmKit.Segmentation;
using NodaTime;

namespace CrmKit.Cli.Profile;

/// <summary>
/// <c>crmkit segment --members SEGMENT [--channel zalo|sms|email|phone] --out FILE.csv|FILE.xlsx</c>: a segment's
/// members as a list to act on — one row per member with id, name, phone (or, with <c>--channel email</c>, the email),
/// and the figures the segment's rule reads with their values (from the segmentation's explanation,
/// <see cref="Explanation.Value"/>). Membership is <c>crmkit run</c>'s: the CLV model is fitted on the whole shop, so
/// CLV-based segments (likely-churned, clv-top) and value tiers are those of the report. With <c>--channel</c>, only
/// members who consent to marketing on that channel at the as-of instant (<see cref="ConsentLedger.IsGrantedAt"/>) and
/// have its address are listed; how many are left out, and why, is stated.
/// </summary>
internal sealed class SegmentMembers
{
    /// <summary>The channels <c>--channel</c> accepts, by their command-line names.</summary>
    private static readonly Dictionary<string, ContactChannel> Channels = new(StringComparer.Ordinal)
    {
        ["zalo"] = ContactChannel.Zalo,
        ["sms"] = ContactChannel.Sms,
        ["email"] = ContactChannel.Email,
        ["phone"] = ContactChannel.PhoneCall,
    };

    private readonly Option<string> _members = new("--members") { Description = ProfileStrings.MembersOptionDescription, HelpName = "segment" };
    private readonly Option<string> _channel = new Option<string>("--channel") { Description = ProfileStrings.ChannelOptionDescription }.AcceptOnlyFromAmong([.. Channels.Keys]);
    private readonly Option<FileInfo> _out = new("--out") { Description = ProfileStrings.OutOptionDescription };
    private readonly Option<bool> _codes = ContactListFile.CodesOption();

    /// <summary>Adds <c>--members</c>, <c>--channel</c> and <c>--out</c> to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_members);
        command.Options.Add(_channel);
        command.Options.Add(_out);
        command.Options.Add(_codes);
    }

    /// <summary>Whether <c>--members</c> was given; checks the options that go with it against <paramref name="catalog"/> (before any work).</summary>
    /// <exception cref="InvalidValueException">--members without --out or naming no segment of the catalogue, --out or --channel without --members, or an --out that is not .csv/.xlsx or cannot be written.</exception>
    public bool Requested(ParseResult parsed, SegmentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (parsed.GetValue(_members) is null)
        {
            foreach (var option in new Option[] { _channel, _out, _codes })
            {
                if (parsed.GetResult(option) is { Implicit: false })
                {
                    throw new InvalidValueException(option.Name, Display.Format(ProfileStrings.MembersOptionNeeded, option.Name));
                }
            }

            return false;
        }

        _ = SegmentOf(parsed, catalog);
        var file = parsed.GetValue(_out) ?? throw new InvalidValueException("--out", ProfileStrings.MembersNeedsOut, ProfileStrings.OutExtensionHint);
        ContactListFile.Check(file, "--out");
        return true;
    }

    /// <summary>Writes the members' list of the <c>--members</c> segment of <paramref name="shop"/> (classified as <c>crmkit run</c> classifies it) and a summary to <paramref name="output"/>.</summary>
    /// <exception cref="InvalidValueException">The segment is not in the shop's catalogue.</exception>
    public void Write(ParseResult parsed, ShopAnalysis shop, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var catalog = shop.Settings.Catalog;
        var zone = shop.Settings.Zone;
        var segment = SegmentOf(parsed, catalog);
        var members = shop.Customers.Where(c => shop.Segmentation.Memberships[c.Id].Contains(segment.Id)).OrderBy(c => c.Id.Value, StringComparer.Ordinal).ToList();

        ContactChannel? channel = parsed.GetValue(_channel) is { } name ? Channels[name] : null;
        var listed = members;
        int noConsent = 0, noAddress = 0;
        if (channel is { } ch)
        {
            var consenting = members.Where(c => c.Consents.IsGrantedAt(ch, ContactPurpose.Marketing, shop.AsOf)).ToList();
            noConsent = members.Count - consenting.Count;
            listed = [.. consenting.Where(c => ch == ContactChannel.Email ? !c.Emails.IsEmpty : !c.Phones.IsEmpty)];
            noAddress = consenting.Count - listed.Count;
        }

        // The figures: every condition the segment's rule reads, in the rule's order, with the member's value.
        var figures = listed.Select(c => Conditions(catalog.Explain(segment.Id, shop.Record(c.Id), shop.Context)).ToList()).ToList();
        var fields = figures.SelectMany(f => f.Select(x => x.Field)).Distinct(StringComparer.Ordinal).ToList();
        var labels = figures.SelectMany(f => f).GroupBy(x => x.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Label, StringComparer.Ordinal);
        var columns = new List<ContactListFile.Column> { new("customer_id"), new("name") };
        // The phone for zalo, sms and phone calls, the email for email, both without a channel.
        var phoneColumn = channel is not ContactChannel.Email;
        var emailColumn = channel is null or ContactChannel.Email;
        if (phoneColumn)
        {
            columns.Add(new("phone"));
        }

        if (emailColumn)
        {
            columns.Add(new("email"));
        }

        columns.AddRange(fields.Select(f => new ContactListFile.Column(f, Label: labels[f], Numeric: figures.SelectMany(x => x).Where(x => x.Field == f).All(x => x.Value is null || decimal.TryParse(x.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)))));
        var codes = parsed.GetValue(_codes);
        var rows = listed.Select((c, i) =>
        {
            var phone = c.Phones.IsEmpty ? null : ContactListFile.Phone(c.Phones[0]);
            var email = c.Emails.IsEmpty ? null : c.Emails[0].Value;
            var row = new List<object?> { c.Id.Value, c.DisplayName };
            if (phoneColumn)
            {
                row.Add(phone);
            }

            if (emailColumn)
            {
                row.Add(email);
            }

            var values = figures[i].GroupBy(x => x.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            row.AddRange(fields.Select((f, j) => Cell(values.GetValueOrDefault(f), columns[columns.Count - fields.Count + j].Numeric, codes)));
            return row.ToArray();
        }).ToList();

        var file = parsed.GetValue(_out)!;
        ContactListFile.Write(file, columns, rows, rows.Count, Display.Format(ProfileStrings.NoticePurposeMembers, segment.DisplayName()), segment.DisplayName(), output, error, codes);
        // The channel by name ("Zalo", "SMS"); in Vietnamese the segment by name with its id ("Khách VIP (vip)"), in English by id as always.
        var english = UiLanguage.Current == UiLanguage.English;
        output.WriteLine(Display.Plural(rows.Count, ProfileStrings.MembersWrittenOne, ProfileStrings.MembersWritten, Display.Number(rows.Count), english ? segment.Id : $"{segment.DisplayName()} ({segment.Id})", file.FullName));
        if (channel is { } chosen)
        {
            var channelName = DisplayNames.Of(chosen);
            output.WriteLine(Display.Plural(noConsent, ProfileStrings.MembersLeftOutConsentOne, ProfileStrings.MembersLeftOutConsent, Display.Number(noConsent), channelName, Display.DateTime(shop.AsOf, zone)));
            if (noAddress > 0)
            {
                output.WriteLine(Display.Plural(noAddress, ProfileStrings.MembersLeftOutAddressOne, ProfileStrings.MembersLeftOutAddress, Display.Number(noAddress), channelName));
            }
        }
    }

    private Segment SegmentOf(ParseResult parsed, SegmentCatalog catalog)
    {
        var id = parsed.GetValue(_members)!;
        if (catalog.Segments.FirstOrDefault(s => s.Id == id) is { } segment)
        {
            return segment;
        }

        var all = string.Join(", ", catalog.Segments.Select(s => s.Id));
        var nearest = Nearest(id, catalog);
        throw new InvalidValueException("--members", nearest.Count == 0
            ? Display.Format(ProfileStrings.UnknownSegment, id, all)
            : Display.Format(ProfileStrings.UnknownSegmentNearest, id, string.Join(", ", nearest.Select(s => $"'{s.Id}' ({s.DisplayName()})")), all));
    }

    /// <summary>
    /// The segments whose id or name (in the invocation's language or English) is nearest to <paramref name="name"/>,
    /// ignoring case and diacritics (the importer's rule for unknown names, <see cref="NearestNames"/>): 'khach vip' and
    /// 'vipp' both find vip; up to three, nearest first.
    /// </summary>
    internal static IReadOnlyList<Segment> Nearest(string name, SegmentCatalog catalog)
    {
        var byName = new Dictionary<string, Segment>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in catalog.Segments)
        {
            foreach (var text in new[] { segment.Id, segment.DisplayName(), segment.Name.Get(System.Globalization.CultureInfo.InvariantCulture) })
            {
                byName.TryAdd(text, segment);
            }
        }

        return [.. NearestNames.Of(name, byName.Keys, count: 6).Select(n => byName[n]).Distinct().Take(3)];
    }

    // A figure's cell: a number as a number; for people a yes/no figure (a consent) as the language's word, for --codes as the explanation writes it.
    private static object? Cell(string? value, bool numeric, bool codes)
        => value is null ? null
            : numeric ? decimal.Parse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
            : codes ? value
            : value switch { "true" => ProfileStrings.CellYes, "false" => ProfileStrings.CellNo, _ => value };

    private static IEnumerable<(string Field, string Label, string? Value)> Conditions(Explanation explanation)
        => explanation.Rule is Condition condition && explanation.Children.Count == 0
            ? [(condition.Field.ToString(), SegmentationText.FieldLabel(condition.Field), explanation.Value)]
            : explanation.Children.SelectMany(Conditions);
}
