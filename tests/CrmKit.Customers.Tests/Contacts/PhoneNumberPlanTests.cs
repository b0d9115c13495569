using System.Globalization;
using Oracle = PhoneNumbers;

namespace CrmKit.Customers.Tests;

/// <summary>
/// Vietnam's numbering plan in <see cref="PhoneNumber"/> checked against an independent, maintained source:
/// libphonenumber's metadata (Google; the C# port libphonenumber-csharp, a test-only dependency). CrmKit keeps its
/// own small parser (no runtime dependency, its own error messages and Excel forms) and checks allocation at the level
/// of mobile network codes and area codes; the oracle knows some finer sub-ranges, listed below as the only differences.
/// </summary>
public sealed class PhoneNumberPlanTests
{
    private static readonly Oracle.PhoneNumberUtil Util = Oracle.PhoneNumberUtil.GetInstance();

    /// <summary>Whether the oracle says "+84 <paramref name="nsn"/>" is a valid Vietnamese mobile or fixed-line number.</summary>
    private static bool OracleAccepts(string nsn)
    {
        var number = new Oracle.PhoneNumber.Builder().SetCountryCode(84).SetNationalNumber(ulong.Parse(nsn, CultureInfo.InvariantCulture)).Build();
        return Util.IsValidNumberForRegion(number, "VN")
               && Util.GetNumberType(number) is Oracle.PhoneNumberType.MOBILE or Oracle.PhoneNumberType.FIXED_LINE or Oracle.PhoneNumberType.FIXED_LINE_OR_MOBILE;
    }

    /// <summary>Whether CrmKit accepts the national form "0<paramref name="nsn"/>" as that Vietnamese number.</summary>
    private static bool CrmKitAccepts(string nsn) => PhoneNumber.TryParse("0" + nsn, out var p) && p.E164 == "+84" + nsn;

    [Fact]
    public void MobileNetworkCodesAndAreaCodes_AreThoseTheOracleHasNumbersIn()
    {
        var disagreements = new List<string>();
        for (var code = 0; code < 100; code++)
        {
            // A 2-digit mobile network code is allocated when the oracle has a valid 9-digit number in its block.
            var ab = code.ToString("D2", CultureInfo.InvariantCulture);
            var oracle = Enumerable.Range(0, 100).Any(cd => OracleAccepts($"{ab}{cd:D2}00000"));
            if (CrmKitAccepts($"{ab}1234567") != oracle && ab[0] != '1')
            {
                disagreements.Add($"0{ab} (9 digits): oracle {oracle}");
            }
        }

        for (var area = 200; area < 300; area++)
        {
            var nsn = $"{area}1234567";
            if (CrmKitAccepts(nsn) != OracleAccepts(nsn))
            {
                disagreements.Add($"0{area} (10 digits): oracle {OracleAccepts(nsn)}");
            }
        }

        Assert.Empty(disagreements);
        Assert.False(CrmKitAccepts("801234567")); // 080: no network code (the example)
        Assert.True(CrmKitAccepts("2838221234")); // 028 3: Ho Chi Minh City
    }

    /// <summary>
    /// Every 4-digit prefix, at every length a national significant number could have: CrmKit and the oracle agree
    /// except on sub-ranges finer than a network code. Known differences (libphonenumber 9.0.43):
    /// 052, 055, 089 and 099 are allocated network codes of which the oracle lists only part (0522/0523/0528, 0559,
    /// 0896–0899, 099 without 0992); the oracle's 9-digit 0121[0-3], 0140 and 0160 ranges are not accepted by CrmKit,
    /// whose 01 numbers are the pre-2018 11-digit mobiles (rejected with the new prefix as a hint). A change in the
    /// oracle's metadata that moves these fails the test, so the table is reviewed when the metadata changes.
    /// </summary>
    [Fact]
    public void EveryFourDigitPrefix_AgreesWithTheOracle_ExceptKnownSubRanges()
    {
        var crmKitOnly = new List<string>();
        var oracleOnly = new List<string>();
        foreach (var length in new[] { 7, 8, 9, 10, 11 })
        {
            for (var prefix = 1000; prefix < 10_000; prefix++) // a national significant number never starts with 0
            {
                var nsn = prefix.ToString("D4", CultureInfo.InvariantCulture) + new string('5', length - 4);
                var (ours, theirs) = (CrmKitAccepts(nsn), OracleAccepts(nsn));
                if (ours != theirs)
                {
                    (ours ? crmKitOnly : oracleOnly).Add($"0{nsn[..4]}/{length}");
                }
            }
        }

        // Written with the trunk prefix and the length of the national significant number; ten 4-digit prefixes that
        // share three digits are written as those three.
        static string[] Compress(List<string> prefixes) =>
        [
            .. prefixes.GroupBy(p => p[..4] + p[5..]).SelectMany(g => g.Count() == 10 ? [g.Key] : g.ToArray()),
        ];
        Assert.Equal(
            ["0520/9", "0521/9", "0524/9", "0525/9", "0526/9", "0527/9", "0529/9", "0550/9", "0551/9", "0552/9", "0553/9", "0554/9", "0555/9", "0556/9", "0557/9", "0558/9",
             "0890/9", "0891/9", "0892/9", "0893/9", "0894/9", "0895/9", "0992/9"],
            Compress(crmKitOnly));
        Assert.Equal(["01210/9", "01211/9", "01212/9", "01213/9", "0140/9", "0160/9"], Compress(oracleOnly));
    }

    /// <summary>One valid number per mobile network code and area code (from the oracle), as every user-facing form.</summary>
    public static TheoryData<string> ValidNumbers()
    {
        var data = new TheoryData<string>();
        foreach (var nsn in Enumerable.Range(0, 100).Select(c => $"{c:D2}9876543").Concat(Enumerable.Range(200, 100).Select(a => $"{a}7654321")).Where(OracleAccepts))
        {
            data.Add(nsn);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidNumbers))]
    public void EveryFormOfAVietnameseNumber_ParsesToTheOraclesE164(string nsn)
    {
        var expected = Util.Format(Util.Parse("0" + nsn, "VN"), Oracle.PhoneNumberFormat.E164);
        var grouped = nsn.Length == 9 ? $"{nsn[..3]} {nsn[3..6]} {nsn[6..]}" : $"{nsn[..3]} {nsn[3..6]} {nsn[6..]}";
        string[] forms =
        [
            "0" + nsn, "+84" + nsn, "+84 0" + nsn, "0084" + nsn, "00840" + nsn, "(+84) " + grouped, "0" + grouped.Replace(' ', '.'),
            "84" + nsn, "84 " + grouped, "840" + nsn, // the country code without '+'
            nsn, "'0" + nsn, // the trunk prefix lost in a spreadsheet; a text-forcing apostrophe is the importer's to strip
        ];
        foreach (var form in forms.Where(f => !f.StartsWith('\'')))
        {
            Assert.True(PhoneNumber.TryParse(form, PhoneNumberParseOptions.Default, out var p, out var error), $"{form}: {error}");
            Assert.Equal(expected, p.E164);
            Assert.Equal(nsn[0] == '2' ? PhoneLineKind.Fixed : PhoneLineKind.Mobile, p.LineKind);
        }
    }

    [Theory]
    [InlineData("0801234567", "'08******67': 080 is not a mobile network code in Vietnam's numbering plan.")]
    [InlineData("+84 80 123 4567", "'08******67': 080 is not a mobile network code in Vietnam's numbering plan.")]
    [InlineData("02411234567", "'02*******67': 0241 is not an area code in Vietnam's numbering plan.")]
    [InlineData("8.49123E+10", "the number is in scientific notation (like 8.49E+10): a spreadsheet stored it as a number and dropped digits, which cannot be recovered. Format the phone column as text in the spreadsheet and export it again.")]
    [InlineData("8,49E+10", "the number is in scientific notation (like 8.49E+10): a spreadsheet stored it as a number and dropped digits, which cannot be recovered. Format the phone column as text in the spreadsheet and export it again.")]
    public void Parse_UnallocatedOrMangled_SaysWhy(string text, string message)
        => Assert.Equal("Invalid phone number: " + message, Assert.Throws<InvalidValueException>(() => PhoneNumber.Parse(text)).Message);

    [Fact]
    public void AcceptMissingTrunkPrefix_Off_RejectsBareNationalNumbers_ButNotTheCountryCodeWithoutPlus()
    {
        var strict = new PhoneNumberParseOptions { AcceptMissingTrunkPrefix = false };
        Assert.False(PhoneNumber.TryParse("2838221234", strict, out _, out _));
        Assert.False(PhoneNumber.TryParse("912345678", strict, out _, out _));
        Assert.Equal("+842838221234", PhoneNumber.Parse("842838221234", strict).E164);
    }
}
