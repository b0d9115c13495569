using System.CommandLine;
using System.Globalization;
using System.Text;
using CrmKit.Cli.Localization;
using CrmKit.Customers;
using CrmKit.Customers.Identity;
using CrmKit.Customers.Import;
using CsvHelper;

namespace CrmKit.Cli;

/// <summary>One decision of the merge step, with its evidence, as the summary, the JSON, the report and <c>--merges</c> show it.</summary>
/// <param name="Decision"><c>merged</c> or <c>sharedContact</c>.</param>
/// <param name="First">The record whose id sorts first.</param>
/// <param name="Second">The other record.</param>
/// <param name="Survivor">The customer both now are (merged), or <see langword="null"/> (kept apart).</param>
/// <param name="Evidence">What they have in common, in the order of <see cref="MatchEvidence"/>.</param>
/// <param name="Conflicts">What says they differ, in the order of <see cref="IdentityConflict"/>.</param>
/// <param name="Contacts">The shared phones and emails, masked.</param>
/// <param name="Names">The two names, masked, first then second.</param>
internal sealed record MergeDecision(string Decision, string First, string Second, string? Survivor, IReadOnlyList<MatchEvidence> Evidence, IReadOnlyList<IdentityConflict> Conflicts, IReadOnlyList<string> Contacts, IReadOnlyList<string> Names)
{
    /// <summary>The evidence spelled as the JSON and <c>--merges</c> spell enumerations (<c>samePhone</c>, <c>compatibleName</c> …), in every language.</summary>
    public IEnumerable<string> EvidenceCodes => Evidence.Select(RunSummary.Name);

    /// <summary>The conflicts spelled as the JSON and <c>--merges</c> spell them (<c>differentName</c>, <c>differentGender</c>, <c>differentBirthDate</c>).</summary>
    public IEnumerable<string> ConflictCodes => Conflicts.Select(RunSummary.Name);

    /// <summary>
    /// One line of the text summary in the invocation's language: <c>KH2 → KH1: same phone (+84 9** *** *78), same name</c>
    /// or <c>KH1 / KH2: same phone (…); different name, different gender (…)</c>; in Vietnamese
    /// <c>KH1 / KH2: cùng số điện thoại (…); khác tên, khác giới tính (…)</c>.
    /// </summary>
    public override string ToString()
    {
        var who = Survivor is null ? $"{First} / {Second}" : $"{(Survivor == First ? Second : First)} → {Survivor}";
        var evidence = string.Join(", ", Evidence.Select(Words));
        if (Contacts.Count > 0)
        {
            evidence += $" ({string.Join(", ", Contacts)})";
        }

        return Conflicts.Count == 0 ? $"{who}: {evidence}" : $"{who}: {evidence}; {string.Join(", ", Conflicts.Select(Words))} ({string.Join(" / ", Names)})";
    }

    // The summary's words: in English the code spaced out ("sameBirthDate" → "same birth date"), as the summary always
    // wrote it; in Vietnamese the word of DisplayNames.Of (the report's English keeps the code itself).
    private static string Words<T>(T value)
        where T : struct, Enum
        => UiLanguage.Current == UiLanguage.English
            ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(RunSummary.Name(value)).Replace('_', ' ')
            : DisplayNames.Of(value);
}

/// <summary>
/// What <c>crmkit run</c>'s merge step did: the policy (<c>--merge strong|none|all</c>), every merge and every shared
/// contact kept apart with its evidence.
/// </summary>
internal sealed class MergeOutcome
{
    /// <summary>How many decisions of each kind the text summary lists; the JSON, the report and <c>--merges</c> list all.</summary>
    public const int SummaryLines = 10;

    private MergeOutcome(DuplicateResolution resolution, IReadOnlyList<MergeDecision> merges, IReadOnlyList<MergeDecision> sharedContacts)
    {
        Resolution = resolution;
        Merges = merges;
        SharedContacts = sharedContacts;
    }

    /// <summary>The groups and shared contacts as the duplicate finder decided them.</summary>
    public DuplicateResolution Resolution { get; }

    /// <summary>Every pair joined, with its evidence, by survivor then ids.</summary>
    public IReadOnlyList<MergeDecision> Merges { get; }

    /// <summary>Every pair kept apart although it shares a phone or email, by ids.</summary>
    public IReadOnlyList<MergeDecision> SharedContacts { get; }

    /// <summary>The policy's name as <c>--merge</c> spells it.</summary>
    public string Policy => PolicyName(Resolution.Policy);

    /// <summary>The option <c>--merge</c>.</summary>
    public static Option<string> PolicyOption() => new Option<string>("--merge")
    {
        Description = Strings.HelpMergePolicy,
        DefaultValueFactory = _ => "strong",
    }.AcceptOnlyFromAmong("strong", "none", "all");

    /// <summary>The option <c>--merges</c>.</summary>
    public static Option<FileInfo> FileOption() => new("--merges") { Description = Strings.HelpMergesFile };

    /// <summary>The policy <c>--merge</c> names.</summary>
    public static MergePolicy ParsePolicy(string? name) => name switch
    {
        null or "strong" => MergePolicy.Strong,
        "none" => MergePolicy.None,
        "all" => MergePolicy.All,
        _ => throw new InvalidValueException("--merge", $"'{name}' is not a merge policy.", "Use strong, none or all."),
    };

    /// <summary>The policy's name as <c>--merge</c> spells it.</summary>
    public static string PolicyName(MergePolicy policy) => policy switch
    {
        MergePolicy.None => "none",
        MergePolicy.All => "all",
        MergePolicy.Strong => "strong",
        _ => throw new System.Diagnostics.UnreachableException($"Merge policy {policy} has no --merge name."),
    };

    /// <summary>Describes <paramref name="resolution"/> of <paramref name="customers"/> (the records before the merge).</summary>
    public static MergeOutcome Of(DuplicateResolution resolution, IEnumerable<Customer> customers)
    {
        var byId = new Dictionary<CustomerId, Customer>();
        foreach (var customer in customers)
        {
            byId.TryAdd(customer.Id, customer); // the first record of an id, as the duplicate finder reads them
        }

        var merges = resolution.Groups
            .SelectMany(g => g.Evidence.Select(m => Decision(m, byId, g.Survivor)))
            .ToList();
        var shared = resolution.SharedContacts.Select(m => Decision(m, byId, null)).ToList();
        return new MergeOutcome(resolution, merges, shared);
    }

    /// <summary>The summary's lines: the count, then up to <see cref="SummaryLines"/> decisions of each kind.</summary>
    public void Write(TextWriter output, int customersAfter)
    {
        output.WriteLine(Display.Plural(Resolution.MergedCount, Strings.RunMergedOne, Strings.RunMerged, Resolution.MergedCount, customersAfter, Policy, Resolution.Policy == MergePolicy.Strong ? Strings.RunMergedStrong : string.Empty));
        WriteList(output, Strings.RunMergeLabel, Merges);
        // No shared contact kept apart: no line (sixth trial: a line about 0 customers says nothing).
        if (SharedContacts.Count > 0)
        {
            output.WriteLine(Display.Plural(SharedContacts.Count, Strings.RunSharedOne, Strings.RunShared, SharedContacts.Count));
            WriteList(output, Strings.RunSharedLabel, SharedContacts);
        }
    }

    private static void WriteList(TextWriter output, string label, IReadOnlyList<MergeDecision> decisions)
    {
        foreach (var decision in decisions.Take(SummaryLines))
        {
            output.WriteLine($"             {label,-7} {decision}");
        }

        if (decisions.Count > SummaryLines)
        {
            output.WriteLine(Display.Format(Strings.RunMoreDecisions, decisions.Count - SummaryLines));
        }
    }

    /// <summary>The JSON object of the merge step.</summary>
    public object Json() => new
    {
        policy = Policy,
        merged = Resolution.MergedCount,
        merges = Merges.Select(JsonOf),
        sharedContacts = SharedContacts.Select(JsonOf),
    };

    /// <summary>Writes every decision to <paramref name="file"/> as CSV (UTF-8 with a BOM, for Excel).</summary>
    public void WriteCsv(FileInfo file)
    {
        file.Directory?.Create();
        using var writer = new StreamWriter(file.FullName, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "decision", "survivor", "first", "second", "evidence", "conflicts", "contacts", "names" })
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (var d in Merges.Concat(SharedContacts))
        {
            foreach (var field in new[] { d.Decision, d.Survivor ?? string.Empty, d.First, d.Second, string.Join(';', d.EvidenceCodes), string.Join(';', d.ConflictCodes), string.Join(';', d.Contacts), string.Join(" / ", d.Names) })
            {
                csv.WriteField(SpreadsheetSafety.Cell(field)); // ids and names from the shop's files (OWASP CSV injection)
            }

            csv.NextRecord();
        }
    }

    private static object JsonOf(MergeDecision d) => new
    {
        survivor = d.Survivor,
        first = d.First,
        second = d.Second,
        evidence = d.EvidenceCodes,
        conflicts = d.ConflictCodes,
        contacts = d.Contacts,
        names = d.Names,
    };

    private static MergeDecision Decision(DuplicateMatch match, Dictionary<CustomerId, Customer> byId, CustomerId? survivor)
    {
        var (a, b) = (byId[match.First], byId[match.Second]);
        // Personal data masked, ids too: a customer derived from orders alone is keyed by its phone or e-mail
        // (docs/importing.md), and such an id is as personal as the contact it came from.
        var contacts = a.Phones.Intersect(b.Phones).Select(PersonalData.MaskPhone)
            .Concat(a.Emails.Intersect(b.Emails).Select(e => PersonalData.MaskEmail(e.Value)))
            .ToList();
        return new MergeDecision(
            survivor is null ? "sharedContact" : "merged",
            PersonalData.Redact(match.First.Value),
            PersonalData.Redact(match.Second.Value),
            survivor is { } kept ? PersonalData.Redact(kept.Value) : null,
            Flags(match.Evidence),
            Flags(match.Conflicts),
            contacts,
            [PersonalData.MaskName(a.DisplayName), PersonalData.MaskName(b.DisplayName)]);
    }

    private static List<T> Flags<T>(T flags)
        where T : struct, Enum
        => [.. Enum.GetValues<T>().Where(f => Convert.ToInt32(f, CultureInfo.InvariantCulture) != 0 && flags.HasFlag(f))];
}
