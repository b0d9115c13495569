using System.Globalization;
using System.Text.RegularExpressions;
using CrmKit.Customers.Localization;
using CrmKit.Localization;

namespace CrmKit.Customers.Import;

/// <summary>
/// The cell-reading reasons of an import (a value that is not a date, an amount, one of a field's values, a phone number
/// or an email address) in the language of a culture that has messages, recognised from the invariant English
/// <see cref="ImportIssue.Reason"/> the readers write — as <c>ContactReason.Parse</c> recognises the contact policy's
/// reasons — so that no reader needs to change and <see cref="ImportIssue.Reason"/>, <see cref="Problem"/>, JSON and
/// the rejects file stay the invariant text. A reason no pattern knows is returned unchanged (English).
/// </summary>
internal static partial class ImportReasonText
{
    private const string FieldLeftEmpty = " The field was left empty; the row was kept.";
    private const string AttributeLeftEmpty = " The attribute was left empty; the row was kept.";
    private const string FieldLeftEmptyOnly = " The field was left empty.";
    private const string AttributeLeftEmptyOnly = " The attribute was left empty.";

    /// <summary>The reason in <paramref name="culture"/> (which has messages), or <paramref name="reason"/> itself when its shape is not known.</summary>
    public static string Translate(string reason, CultureInfo culture)
    {
        // A warning of a row rejected later by another field ends without "; the row was kept" (ImportTable).
        foreach (var (suffix, key) in new[]
        {
            (FieldLeftEmpty, "ImportReason_FieldLeftEmpty"), (AttributeLeftEmpty, "ImportReason_AttributeLeftEmpty"),
            (FieldLeftEmptyOnly, "ImportReason_FieldLeftEmptyOnly"), (AttributeLeftEmptyOnly, "ImportReason_AttributeLeftEmptyOnly"),
        })
        {
            if (reason.EndsWith(suffix, StringComparison.Ordinal))
            {
                var head = Head(reason[..^suffix.Length], culture);
                return head is null ? reason : MessageTable.Format(Messages.ResourceManager, key, culture, head);
            }
        }

        return Head(reason, culture) ?? reason;
    }

    // One sentence of a reader, translated, or null.
    private static string? Head(string reason, CultureInfo culture)
    {
        var table = Messages.ResourceManager;
        string F(string key, params object?[] args) => MessageTable.Format(table, key, culture, args);

        if (NotADatePattern().Match(reason) is { Success: true } date)
        {
            var key = date.Groups["time"].Success ? "ImportReason_NotADateTime" : "ImportReason_NotADate";
            return date.Groups["detail"].Success && DateDetail(date.Groups["detail"].Value, culture) is { } detail
                ? F(key + "Because", date.Groups["value"].Value, detail)
                : F(key, date.Groups["value"].Value);
        }

        if (ReadsBothOrdersPattern().Match(reason) is { Success: true } both)
        {
            return F("ImportReason_DateReadsBothOrders", both.Groups["value"].Value, Order(both.Groups["order"].Value, culture), Order(both.Groups["other"].Value, culture),
                both.Groups["line"].Value, both.Groups["evidence"].Value, both.Groups["name"].Value);
        }

        if (MixedOrdersPattern().Match(reason) is { Success: true } mixed)
        {
            return F("ImportReason_DateReadsBothOrdersMixed", mixed.Groups["value"].Value, Order(mixed.Groups["order"].Value, culture), Order(mixed.Groups["other"].Value, culture),
                mixed.Groups["line"].Value, mixed.Groups["evidence"].Value, mixed.Groups["line2"].Value, mixed.Groups["evidence2"].Value);
        }

        if (OnlyOtherOrderPattern().Match(reason) is { Success: true } only)
        {
            return only.Groups["line"].Success
                ? F("ImportReason_DateOnlyOtherOrderInColumn", only.Groups["value"].Value, Order(only.Groups["other"].Value, culture), Order(only.Groups["order"].Value, culture), only.Groups["line"].Value, only.Groups["evidence"].Value)
                : F("ImportReason_DateOnlyOtherOrder", only.Groups["value"].Value, Order(only.Groups["other"].Value, culture), Order(only.Groups["order"].Value, culture), only.Groups["name"].Value);
        }

        if (FieldCountPattern().Match(reason) is { Success: true } fields)
        {
            return fields.Groups["first"].Success
                ? F("ImportReason_FieldCountOverLines", fields.Groups["count"].Value, fields.Groups["header"].Value, fields.Groups["first"].Value, fields.Groups["last"].Value)
                : F("ImportReason_FieldCount", fields.Groups["count"].Value, fields.Groups["header"].Value);
        }

        if (MappedColumnMissingPattern().Match(reason) is { Success: true } mapped)
        {
            return F("ImportReason_MappedColumnMissing", mapped.Groups["names"].Value, mapped.Groups["field"].Value, mapped.Groups["header"].Value);
        }

        if (NotADateInFormsPattern().Match(reason) is { Success: true } forms)
        {
            return F("ImportReason_NotADateInForms", forms.Groups["value"].Value, forms.Groups["forms"].Value, forms.Groups["option"].Value);
        }

        if (NotAnAmountPattern().Match(reason) is { Success: true } amount)
        {
            return amount.Groups["detail"].Value == "it has no digits"
                ? F("ImportReason_NotAnAmountNoDigits", amount.Groups["value"].Value)
                : F("ImportReason_NotAnAmount", amount.Groups["value"].Value);
        }

        if (MoneyNotNumberPattern().Match(reason) is { Success: true } money)
        {
            return F("ImportReason_MoneyNotNumber", money.Groups["value"].Value);
        }

        if (NotOneOfPattern().Match(reason) is { Success: true } oneOf)
        {
            return oneOf.Groups["map"].Success
                ? F("ImportReason_NotOneOfMap", oneOf.Groups["value"].Value, oneOf.Groups["names"].Value, oneOf.Groups["map"].Value)
                : F("ImportReason_NotOneOf", oneOf.Groups["value"].Value, oneOf.Groups["names"].Value);
        }

        if (PhoneLengthPattern().Match(reason) is { Success: true } phone)
        {
            return F(phone.Groups["how"].Value == "short" ? "ImportReason_PhoneTooShort" : "ImportReason_PhoneTooLong", phone.Groups["value"].Value, phone.Groups["digits"].Value);
        }

        if (PhonePlanPattern().Match(reason) is { Success: true } plan)
        {
            return F(plan.Groups["what"].Value == "mobile network" ? "ImportReason_PhoneNotNetworkCode" : "ImportReason_PhoneNotAreaCode", plan.Groups["value"].Value, plan.Groups["prefix"].Value);
        }

        if (PhoneNotVietnamesePattern().Match(reason) is { Success: true } notVietnamese)
        {
            return F("ImportReason_PhoneNotVietnamese", notVietnamese.Groups["value"].Value);
        }

        if (PhoneNoPrefixPattern().Match(reason) is { Success: true } noPrefix)
        {
            return F("ImportReason_PhoneNoPrefix", noPrefix.Groups["value"].Value);
        }

        if (PhoneCharacterPattern().Match(reason) is { Success: true } character)
        {
            return F("ImportReason_PhoneCharacter", character.Groups["char"].Value, character.Groups["position"].Value);
        }

        if (PhoneLegacyPattern().Match(reason) is { Success: true } legacy)
        {
            return F("ImportReason_PhoneLegacy", legacy.Groups["value"].Value, legacy.Groups["old"].Value, legacy.Groups["new"].Value, legacy.Groups["converted"].Value);
        }

        if (PhoneNotE164Pattern().Match(reason) is { Success: true } e164)
        {
            return F("ImportReason_PhoneNotE164", e164.Groups["value"].Value);
        }

        return reason switch
        {
            "the number is empty." => F("ImportReason_PhoneEmpty"),
            "the number has no digits." => F("ImportReason_PhoneNoDigits"),
            "the number is in scientific notation (like 8.49E+10): a spreadsheet stored it as a number and dropped digits, which cannot be recovered. Format the phone column as text in the spreadsheet and export it again." => F("ImportReason_PhoneScientific"),
            "the row has no customer id, phone or email to know the customer by; the row was skipped." => F("ImportReason_RowWithoutCustomerIdPhoneEmail"),
            "the row has no phone or email to know the customer by; the row was skipped." => F("ImportReason_RowWithoutPhoneEmail"),
            "the address has no '@'." => F("ImportReason_EmailNoAt"),
            "the address has more than one '@'." => F("ImportReason_EmailManyAt"),
            _ when EmailDomainNoDotPattern().Match(reason) is { Success: true } domain => F("ImportReason_EmailDomainNoDot", domain.Groups["domain"].Value),
            _ when EmailDomainInvalidPattern().Match(reason) is { Success: true } domain => F("ImportReason_EmailDomainInvalid", domain.Groups["domain"].Value),
            _ => null,
        };
    }

    // "February 2025 has 28 days", "there is no month 13" …: the detail of a date, or null for one without a message.
    private static string? DateDetail(string detail, CultureInfo culture)
    {
        if (MonthDaysPattern().Match(detail) is { Success: true } days)
        {
            var month = Array.IndexOf(CultureInfo.InvariantCulture.DateTimeFormat.MonthNames, days.Groups["month"].Value) + 1;
            return month == 0 ? null : MessageTable.Format(Messages.ResourceManager, "ImportReason_MonthHasDays", culture, month, days.Groups["year"].Value, days.Groups["days"].Value);
        }

        if (NeitherMonthPattern().Match(detail) is { Success: true } neither)
        {
            return MessageTable.Format(Messages.ResourceManager, "ImportReason_NeitherIsMonth", culture, neither.Groups["a"].Value, neither.Groups["b"].Value);
        }

        return NoSuchPartPattern().Match(detail) is { Success: true } part
            ? MessageTable.Format(Messages.ResourceManager, $"ImportReason_No{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(part.Groups["part"].Value)}", culture, part.Groups["number"].Value)
            : null;
    }

    // "day first" as the culture names a date order (DateTimeColumn.NameOf), or the English words when it has none.
    private static string Order(string english, CultureInfo culture) => english switch
    {
        "day first" => MessageTable.Format(Messages.ResourceManager, "ImportReason_OrderDayFirst", culture),
        "month first" => MessageTable.Format(Messages.ResourceManager, "ImportReason_OrderMonthFirst", culture),
        "year first" => MessageTable.Format(Messages.ResourceManager, "ImportReason_OrderYearFirst", culture),
        _ => english,
    };

    [GeneratedRegex(@"^'(?<value>.*)' reads both (?<order>day first|month first|year first) and (?<other>day first|month first|year first), and this column has values that can only be read \k<other> \(line (?<line>\d+): (?<evidence>.*)\) though the date order is set to \k<order>; pass --date-order (?<name>\w+) if the file is written \k<other>\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ReadsBothOrdersPattern();

    [GeneratedRegex(@"^'(?<value>.*)' reads both (?<order>day first|month first) and (?<other>day first|month first), and this column has values that can only be read \k<order> \(line (?<line>\d+): (?<evidence>.*)\) and values that can only be read \k<other> \(line (?<line2>\d+): (?<evidence2>.*)\); correct the values written in the wrong order, or pass --date-order dmy or mdy to read the whole column in one order\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MixedOrdersPattern();

    [GeneratedRegex(@"^'(?<value>.*)' can only be read (?<other>day first|month first|year first), but (?:this column is (?<order>day first|month first|year first) \(line (?<line>\d+): (?<evidence>.*)\); pass --date-format to say which|the date order is set to (?<order>day first|month first|year first); pass --date-order (?<name>\w+) if the file is written \k<other>)\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex OnlyOtherOrderPattern();

    [GeneratedRegex(@"^the row has (?<count>\d+) fields but the header has (?<header>\d+)(?: \(it runs over lines (?<first>\d+)–(?<last>\d+)\))?; the row was skipped\.$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldCountPattern();

    [GeneratedRegex(@"^there is no month (?<a>\d+) and no month (?<b>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NeitherMonthPattern();

    [GeneratedRegex(@"^the mapping names the columns? (?<names>.*) for the required field '(?<field>[^']*)', but the header has none of them; the header has: (?<header>.*)\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MappedColumnMissingPattern();

    [GeneratedRegex(@"^'(?<value>.*)' is not a date(?<time>-time)?(?:: (?<detail>.*?))?\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NotADatePattern();

    [GeneratedRegex(@"^'(?<value>.*)' is not a date or date-time in the expected forms \((?<forms>.*)\); pass (?<option>--[a-z-]+).*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NotADateInFormsPattern();

    [GeneratedRegex(@"^(?<value>'.*') is not an amount: (?<detail>.*?)\.?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NotAnAmountPattern();

    [GeneratedRegex(@"^'(?<value>.*)' is an amount of money, not a number\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyNotNumberPattern();

    [GeneratedRegex(@"^'(?<value>.*)' is not one of:? (?<names>[^.]*)\.(?: Map it in the mapping file \((?<map>.*)\)\.)?$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NotOneOfPattern();

    [GeneratedRegex(@"^'(?<value>[^']*)' is too (?<how>short|long) for a Vietnamese number \((?<digits>\d+) digits with the leading 0\)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLengthPattern();

    [GeneratedRegex(@"^'(?<value>[^']*)': (?<prefix>\d+) is not an? (?<what>mobile network|area) code in Vietnam's numbering plan\.$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePlanPattern();

    [GeneratedRegex(@"^'(?<value>[^']*)' is neither a Vietnamese mobile number .*$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNotVietnamesePattern();

    [GeneratedRegex(@"^'(?<value>[^']*)' has neither a country code \('\+…' or '00…'\) nor the trunk prefix 0\. Write it as 0xxx… or \+cc xxx…\.$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNoPrefixPattern();

    [GeneratedRegex(@"^character '(?<char>.)' at position (?<position>\d+) is not allowed in a phone number\. Write digits, spaces, dots, dashes or brackets only, with an optional leading '\+'\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCharacterPattern();

    [GeneratedRegex(@"^'(?<value>[^']*)' is a pre-2018 11-digit mobile number\. Since 2018 the prefix (?<old>\d+) is (?<new>\d+): write (?<converted>\S+), or set ConvertLegacyVietnameseMobilePrefixes\.$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLegacyPattern();

    [GeneratedRegex(@"^'(?<value>[^']*)' is not an E\.164 number \(a country code and 8 to 15 digits in all\)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNotE164Pattern();

    [GeneratedRegex(@"^the domain '(?<domain>[^']*)' has no dot; a domain such as 'gmail\.com' is needed\.$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailDomainNoDotPattern();

    [GeneratedRegex(@"^the domain '(?<domain>[^']*)' (?:is not a valid domain name|does not end in a top-level domain such as '\.com' or '\.vn')\.$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailDomainInvalidPattern();

    [GeneratedRegex(@"^(?<month>[A-Z][a-z]+) (?<year>\d+) has (?<days>\d+) days$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDaysPattern();

    [GeneratedRegex(@"^there is no (?<part>year|month|day) (?<number>-?\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NoSuchPartPattern();
}
