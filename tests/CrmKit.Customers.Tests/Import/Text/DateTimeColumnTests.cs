using System.Globalization;
using CrmKit.Customers.Import;
using NodaTime.Text;

namespace CrmKit.Customers.Tests.Import;

public class DateTimeColumnTests
{
    private static readonly DateTimeZone Vietnam = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static DateTimeColumn Column(DateOrder configured = DateOrder.Auto, DateTimeZone? zone = null, string[]? patterns = null, bool excelSerials = false)
        => new("placed_at", configured, DateOrder.DayFirst, zone ?? Vietnam, patterns, excelSerials);

    private static Instant Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => Instant.FromUtc(y, mo, d, h, mi, s);

    public static TheoryData<string, string> IsoForms => new()
    {
        { "2025-08-28", "2025-08-27T17:00:00Z" },
        { "2025-08-28T19:09:00", "2025-08-28T12:09:00Z" },
        { "2025-08-28 19:09", "2025-08-28T12:09:00Z" },
        { "2025-08-28T19:09:00.250", "2025-08-28T12:09:00.25Z" },
        { "2025-08-28T19:09:00,123456789", "2025-08-28T12:09:00.123456789Z" },
        { "2025-08-28T19:09:00Z", "2025-08-28T19:09:00Z" },
        { "2025-08-28T19:09:00+07:00", "2025-08-28T12:09:00Z" },
        { "2025-08-28T19:09:00+0700", "2025-08-28T12:09:00Z" },
        { "2025-08-28T19:09:00+07", "2025-08-28T12:09:00Z" },
        { "2025-08-28 19:09:00 +0700", "2025-08-28T12:09:00Z" },
        { "2025-08-28 19:09:00 -05:30", "2025-08-29T00:39:00Z" },
        { "2025/8/28 7:09 PM", "2025-08-28T12:09:00Z" },
        { "20250828", "2025-08-27T17:00:00Z" },
        { "28/08/2025", "2025-08-27T17:00:00Z" },
        { "28-08-2025 19:09:05", "2025-08-28T12:09:05Z" },
        { "28.08.2025 7:09 CH", "2025-08-28T12:09:00Z" },
        { "28/8/25 12:15 SA", "2025-08-27T17:15:00Z" },
        { "28/8/25 12:15 am", "2025-08-27T17:15:00Z" },
        { "28/8/25 12:15 p.m.", "2025-08-28T05:15:00Z" },
    };

    [Theory]
    [MemberData(nameof(IsoForms))]
    public void ParseInstant_EveryBuiltInForm_IsRead(string text, string expected)
    {
        var result = Column().ParseInstant(text, 2);
        Assert.True(result.Success, result.Error);
        Assert.Equal(InstantPattern.ExtendedIso.Parse(expected).Value, result.Value);
    }

    [Fact]
    public void NeedsDecision_AmbiguousThenProving_KeepsRowsUntilTheMonthFirstProofAndReadsThemSo()
    {
        // The UCI Online Retail export: M/d/yy H:mm, ambiguous until 13 December.
        var column = Column();
        Assert.True(column.NeedsDecision("12/1/10 8:26", 2));
        Assert.True(column.NeedsDecision("12/9/10 9:00", 3));
        Assert.False(column.NeedsDecision("12/13/10 10:30", 4));
        Assert.Equal(DateOrder.MonthFirst, column.Order);
        Assert.Equal(ColumnFormatSource.Detected, column.OrderSource);
        Assert.Equal((4, "12/13/10 10:30"), (column.EvidenceLine!.Value, column.EvidenceText!));
        Assert.Equal(2, column.AmbiguousCount);
        Assert.Equal(Utc(2010, 12, 1, 1, 26), column.ParseInstant("12/1/10 8:26", 2).Value);
        Assert.Equal(new LocalDate(2010, 12, 9), column.ParseDate("12/9/10", 3).Value);
        Assert.Equal("placed_at: month first, detected from line 4 ('12/13/10 10:30')", column.Describe());
    }

    [Fact]
    public void NeedsDecision_SameDayAndMonth_IsNeutral()
    {
        var column = Column();
        Assert.False(column.NeedsDecision("5/5/2025", 2));
        Assert.False(column.IsDecided);
        Assert.Equal(new LocalDate(2025, 5, 5), column.ParseDate("5/5/2025", 2).Value);
    }

    [Fact]
    public void ParseDate_ContradictingTheDetectedOrder_NamesTheDecidingLine()
    {
        var column = Column();
        column.NeedsDecision("25/12/2024", 3);
        Assert.Equal(
            "'12/25/2024' can only be read month first, but this column is day first (line 3: '25/12/2024'); pass --date-format to say which",
            column.ParseDate("12/25/2024", 9).Error);
    }

    [Fact]
    public void ParseDate_ContradictingTheConfiguredOrder_IsAnError()
        => Assert.Equal(
            "'25/12/2024' can only be read day first, but the date order is set to month first; pass --date-order dmy if the file is written day first",
            Column(DateOrder.MonthFirst).ParseDate("25/12/2024", 2).Error);

    // A configured order is checked against the column before a value readable both ways is read in it (fourth trial:
    // US dates under a day-first preset were rejected where they proved month first, and the rest read day first).
    [Fact]
    public void ConfiguredOrder_ContradictedByTheColumn_RejectsTheValuesReadableBothWaysToo()
    {
        var column = Column(DateOrder.DayFirst);
        Assert.True(column.NeedsDecision("05/04/2026", 2));          // waits: 5 April or 4 May
        Assert.False(column.NeedsDecision("06/15/2026", 3));         // month first only: contradicts day first
        Assert.Equal((DateOrder.DayFirst, ColumnFormatSource.Configured), (column.Order, column.OrderSource));
        Assert.Equal(
            "'05/04/2026' reads both day first and month first, and this column has values that can only be read month first (line 3: '06/15/2026') though the date order is set to day first; pass --date-order mdy if the file is written month first",
            column.ParseDate("05/04/2026", 2).Error);
        Assert.Equal(
            "'06/15/2026' can only be read month first, but the date order is set to day first; pass --date-order mdy if the file is written month first",
            column.ParseDate("06/15/2026", 3).Error);
        Assert.Equal(new LocalDate(2026, 4, 4), column.ParseDate("04/04/2026", 4).Value);    // the same either way
    }

    [Fact]
    public void ConfiguredOrder_ConfirmedByTheColumn_ReadsTheValuesReadableBothWaysInIt()
    {
        var column = Column(DateOrder.DayFirst);
        Assert.True(column.NeedsDecision("05/04/2026", 2));
        Assert.False(column.NeedsDecision("25/12/2024", 3));         // day first only: confirms
        Assert.False(column.NeedsDecision("06/07/2026", 4));         // decided: read at once
        Assert.Equal(new LocalDate(2026, 4, 5), column.ParseDate("05/04/2026", 2).Value);
        Assert.Equal(new LocalDate(2026, 7, 6), column.ParseDate("06/07/2026", 4).Value);
        Assert.Equal("placed_at: day first, configured", column.Describe());
    }

    [Fact]
    public void Describe_OnlyIsoValuesAdoptingASibling_SaysYearMonthDay()
    {
        var column = Column();
        Assert.False(column.NeedsDecision("1990-05-17", 2));
        Assert.False(column.NeedsDecision("1992-11-03", 3));
        column.Adopt(DateOrder.DayFirst, "the file's other date columns");
        column.Finish();
        Assert.Equal(new LocalDate(1990, 5, 17), column.ParseDate("1990-05-17", 2).Value);
        Assert.Equal("placed_at: year-month-day (ISO 8601)", column.Describe());
    }

    [Fact]
    public void Describe_OnlyIsoValuesNothingDecided_SaysYearMonthDay()
    {
        var column = Column();
        Assert.False(column.NeedsDecision("2025-06-05", 2));
        column.Finish();
        Assert.Equal("placed_at: year-month-day (ISO 8601)", column.Describe());
    }

    [Fact]
    public void Finish_NothingDecided_FallsBackToTheDefaultOrder()
    {
        var column = Column();
        Assert.True(column.NeedsDecision("05/06/2025", 2));
        column.Finish();
        Assert.Equal(DateOrder.DayFirst, column.Order);
        Assert.Equal(ColumnFormatSource.Defaulted, column.OrderSource);
        Assert.Equal(new LocalDate(2025, 6, 5), column.ParseDate("05/06/2025", 2).Value);
        Assert.Equal("placed_at: day first by default (nothing decided; 1 ambiguous value)", column.Describe());

        var american = new DateTimeColumn("date", DateOrder.Auto, DateOrder.MonthFirst, Vietnam);
        american.Finish();
        Assert.Equal(new LocalDate(2025, 5, 6), american.ParseDate("05/06/2025", 2).Value);
    }

    [Fact]
    public void Finish_Configured_KeepsTheConfiguredOrder()
    {
        var column = Column(DateOrder.MonthFirst);
        Assert.True(column.NeedsDecision("05/06/2025", 2));           // waits for a value that confirms or contradicts
        column.Finish();
        Assert.Equal((DateOrder.MonthFirst, ColumnFormatSource.Configured), (column.Order, column.OrderSource));
        Assert.Equal(new LocalDate(2025, 5, 6), column.ParseDate("05/06/2025", 2).Value);
        Assert.Equal("placed_at: month first, configured", column.Describe());
    }

    [Fact]
    public void ParseDate_AmbiguousBeforeFinish_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Column().ParseDate("05/06/2025", 7));
        Assert.Equal("Column 'placed_at', line 7: '05/06/2025' is valid both day first and month first and the column's order is not decided yet; keep the row until the column is decided or call Finish() first.", ex.Message);
    }

    [Fact]
    public void ParseDate_YearFirstConfigured_ReadsTwoDigitYearFirst()
    {
        var column = Column(DateOrder.YearFirst);
        Assert.Equal(new LocalDate(2025, 8, 28), column.ParseDate("25/08/28", 2).Value);
        Assert.Equal(new LocalDate(2025, 8, 28), column.ParseDate("2025/08/28", 3).Value);
        Assert.Equal("'28/08/2025' is not a year-first date (yy/M/d): its year comes last", column.ParseDate("28/08/2025", 4).Error);
    }

    [Theory]
    [InlineData("1/2/00", 2000)]
    [InlineData("1/2/10", 2010)]
    [InlineData("1/2/69", 2069)]
    [InlineData("1/2/70", 1970)]
    [InlineData("1/2/99", 1999)]
    [InlineData("1/2/1969", 1969)]
    public void ParseDate_TwoDigitYear_00To69Are2000s70To99Are1900s(string text, int year)
    {
        var column = Column(DateOrder.DayFirst);
        column.Finish();
        Assert.Equal(new LocalDate(year, 2, 1), column.ParseDate(text, 2).Value);
    }

    [Theory]
    [InlineData("31/02/2025", "'31/02/2025' is not a date: February 2025 has 28 days")]
    [InlineData("29/02/2024 10:00", "")]
    [InlineData("31/04/2025", "'31/04/2025' is not a date: April 2025 has 30 days")]
    [InlineData("13/14/2024", "'13/14/2024' is not a date: there is no month 13 and no month 14")]
    [InlineData("32/13/2026", "'32/13/2026' is not a date: there is no month 13 and no month 32")] // seventh trial: said plainly, the smaller first
    [InlineData("13/13/2026", "'13/13/2026' is not a date: there is no month 13")]
    [InlineData("0/5/2025", "'0/5/2025' is not a date: there is no day 0")]
    [InlineData("2025-13-01", "'2025-13-01' is not a date: there is no month 13")]
    [InlineData("28/08/2025 25:00", "'28/08/2025 25:00' is not a date-time: 25 is not an hour (0–23)")]
    [InlineData("28/08/2025 13:00 PM", "'28/08/2025 13:00 PM' is not a date-time: 13 is not an hour of a 12-hour clock (1–12)")]
    [InlineData("28/08/2025 10:60", "'28/08/2025 10:60' is not a date-time: 60 is not a minute (0–59)")]
    [InlineData("2025-08-28T10:00+19:00", "'2025-08-28T10:00+19:00' is not a date-time: +19:00 is not a UTC offset (they lie within ±18:00)")]
    [InlineData("1 Dec 2010 8:26", "'1 Dec 2010 8:26' is not a date or date-time in the expected forms (ISO 8601, d/M/yyyy H:mm, yyyyMMdd); pass --date-format")]
    [InlineData("28/08/2025 8h26", "'28/08/2025 8h26' is not a date or date-time in the expected forms (ISO 8601, d/M/yyyy H:mm, yyyyMMdd); pass --date-format")]
    [InlineData("45123", "'45123' is not a date or date-time in the expected forms (ISO 8601, d/M/yyyy H:mm, yyyyMMdd); pass --date-format")]
    public void ParseInstant_NotADate_SaysWhyQuotingTheValue(string text, string error)
    {
        var result = Column().ParseInstant(text, 2);
        Assert.Equal(error.Length == 0 ? null : error, result.Error);
    }

    [Fact]
    public void ParseInstant_UnrecognisedForm_ListsTheExplicitPatternsAndTheDecidedOrder()
    {
        var column = Column(DateOrder.MonthFirst, patterns: ["dd MMM yyyy"], excelSerials: true);
        Assert.Equal(
            "'Dec 1 2010' is not a date or date-time in the expected forms (dd MMM yyyy, ISO 8601, M/d/yyyy H:mm, yyyyMMdd, Excel serial day numbers); pass --date-format",
            column.ParseInstant("Dec 1 2010", 2).Error);
        Assert.Equal(new LocalDate(2010, 12, 1), column.ParseDate("01 Dec 2010", 3).Value);
    }

    [Fact]
    public void ParseInstant_ExplicitPatterns_AreTriedFirstWithoutOrderDetection()
    {
        var column = Column(patterns: ["M/d/yy H:mm", "dd/MM/yyyy HH:mm:ss"]);
        Assert.False(column.NeedsDecision("12/1/10 8:26", 2));
        Assert.Equal(Utc(2010, 12, 1, 1, 26), column.ParseInstant("12/1/10 8:26", 2).Value);
        Assert.Equal(Utc(2025, 6, 5, 3, 4, 5), column.ParseInstant("05/06/2025 10:04:05", 3).Value);
        Assert.False(column.IsDecided);
    }

    [Fact]
    public void ParseDate_ExplicitTwoDigitYearPattern_FollowsTheCrmKitPivotNotNodaTimes()
    {
        var column = Column(patterns: ["M/d/yy"]);
        Assert.Equal(new LocalDate(2045, 1, 2), column.ParseDate("1/2/45", 2).Value);
        Assert.Equal(new LocalDate(1985, 1, 2), column.ParseDate("1/2/85", 2).Value);
        Assert.Equal(new LocalDate(2030, 1, 2), column.ParseDate("1/2/30", 2).Value);
    }

    [Fact]
    public void ParseInstant_ExplicitOffsetPattern_UsesTheOffset()
        => Assert.Equal(Utc(2025, 8, 28, 12, 9),
            Column(patterns: ["dd/MM/yyyy HH:mm o<+HH:mm>"]).ParseInstant("28/08/2025 19:09 +07:00", 2).Value);

    [Fact]
    public void Constructor_InvalidPattern_Throws()
        => Assert.StartsWith("'dd/QQ/yyyy' is not a NodaTime date or date-time pattern:",
            Assert.Throws<ArgumentException>(() => Column(patterns: ["dd/QQ/yyyy"])).Message, StringComparison.Ordinal);

    [Fact]
    public void Constructor_YearFirstDefault_Throws()
        => Assert.Throws<ArgumentException>(() => new DateTimeColumn("d", DateOrder.Auto, DateOrder.YearFirst, Vietnam));

    [Theory]
    [InlineData("1", 1900, 1, 1)]
    [InlineData("59", 1900, 2, 28)]
    [InlineData("61", 1900, 3, 1)]
    [InlineData("45536", 2024, 9, 1)]
    [InlineData("45536.0", 2024, 9, 1)]
    [InlineData("2958465", 9999, 12, 31)]
    public void ParseDate_ExcelSerial_Uses1900SystemWithItsLeapYearBug(string text, int y, int m, int d)
        => Assert.Equal(new LocalDate(y, m, d), Column(excelSerials: true).ParseDate(text, 2).Value);

    [Theory]
    [InlineData("45536.75", "2024-09-01T18:00:00")]
    [InlineData("45536,5", "2024-09-01T12:00:00")]
    [InlineData("40513.3513888889", "2010-12-01T08:26:00")]
    [InlineData("45536.99999999999", "2024-09-02T00:00:00")]
    public void ParseInstant_ExcelSerialWithFraction_IsTheTimeOfDayToTheMillisecond(string text, string local)
    {
        var expected = LocalDateTimePattern.ExtendedIso.Parse(local).Value.InZoneStrictly(Vietnam).ToInstant();
        Assert.Equal(expected, Column(excelSerials: true).ParseInstant(text, 2).Value);
    }

    [Theory]
    [InlineData("60", "'60' is not a date: Excel's day 60 is 29 February 1900, a day that did not exist (Excel counts 1900 as a leap year)")]
    [InlineData("0", "'0' is not a date: Excel serial day numbers start at 1 (1900-01-01)")]
    [InlineData("2958466", "'2958466' is not a date: Excel serial day numbers end at 2958465 (9999-12-31)")]
    [InlineData("45536.5", "'45536.5' is a date-time, not a date; this column takes a date such as 2025-08-28")]
    public void ParseDate_BadExcelSerial_SaysWhy(string text, string error)
        => Assert.Equal(error, Column(excelSerials: true).ParseDate(text, 2).Error);

    [Fact]
    public void ParseDate_EightDigitsWithExcelSerialsOn_IsStillYyyyMMdd()
        => Assert.Equal(new LocalDate(1997, 1, 1), Column(excelSerials: true).ParseDate("19970101", 2).Value);

    [Fact]
    public void ParseInstant_LocalTimeInDstGap_IsAnErrorAskingForTheOffset()
        => Assert.Equal(
            "'2025-03-30 01:30' does not exist in Europe/London: the clocks went forward from 01:00 to 02:00; write it with its UTC offset",
            Column(zone: London).ParseInstant("2025-03-30 01:30", 2).Error);

    [Fact]
    public void ParseInstant_LocalTimeInDstOverlap_IsAnErrorSuggestingBothOffsets()
        => Assert.Equal(
            "'26/10/2025 01:30' happened twice in Europe/London: the clocks went back from 02:00 to 01:00; write it with its UTC offset, +01:00 for the first time or +00:00 for the second",
            Column(zone: London).ParseInstant("26/10/2025 01:30", 2).Error);

    [Fact]
    public void ParseInstant_OverlapWithTheSuggestedOffset_IsRead()
    {
        var column = Column(zone: London);
        Assert.Equal(Utc(2025, 10, 26, 0, 30), column.ParseInstant("26/10/2025 01:30 +01:00", 2).Value);
        Assert.Equal(Utc(2025, 10, 26, 1, 30), column.ParseInstant("26/10/2025 01:30 +00:00", 2).Value);
    }

    [Fact]
    public void ParseInstant_DateAlone_IsTheStartOfThatDayInTheZone()
    {
        Assert.Equal(Utc(2025, 3, 29, 17, 0), Column().ParseInstant("30/03/2025", 2).Value);
        Assert.Equal(Utc(2025, 3, 30, 0, 0), Column(zone: London).ParseInstant("2025-03-30", 2).Value);
    }

    [Theory]
    [InlineData("2025-08-28 19:09")]
    [InlineData("2025-08-28T00:00:00+07:00")]
    [InlineData("28/08/2025 7:00 AM")]
    public void ParseDate_DateTime_IsAnError(string text)
        => Assert.Equal($"'{text}' is a date-time, not a date; this column takes a date such as 2025-08-28", Column().ParseDate(text, 2).Error);

    [Theory]
    [InlineData("1/5/1990 0:00")]
    [InlineData("1990-05-01 00:00:00")]
    public void ParseDate_MidnightWithoutOffset_IsTheDateExcelExported(string text)
    {
        var column = Column(DateOrder.DayFirst);
        column.Finish();
        Assert.Equal(new LocalDate(1990, 5, 1), column.ParseDate(text, 2).Value);
    }

    // Dates written day first, with at least one day above 12 somewhere in the column, all read back exactly,
    // however many ambiguous ones come before the proof.
    [Property(MaxTest = 300)]
    public Property ParseInstant_ColumnWithAProof_ReadsEveryValueBack()
        => Prop.ForAll(
            (from order in Gen.Elements(DateOrder.DayFirst, DateOrder.MonthFirst)
             from values in LocalDateTimes.NonEmptyListOf()
             from proof in Gen.Choose(13, 28)
             from at in Gen.Choose(0, values.Count)
             let withProof = values.Take(at).Append(new LocalDateTime(2024, 3, proof, 10, 0)).Concat(values.Skip(at)).ToArray()
             from form in Gen.Elements("dd/MM/yyyy HH:mm:ss", "d/M/yyyy H:mm:ss", "dd.MM.yy HH:mm:ss", "d-M-yyyy h:mm:ss tt")
             select (order, withProof, form)).ToArbitrary(),
            c =>
            {
                var pattern = c.order == DateOrder.DayFirst ? c.form : SwapDayAndMonth(c.form);
                var texts = c.withProof.Select(v => v.ToString(pattern, CultureInfo.InvariantCulture)).ToArray();
                var column = Column();
                var kept = new List<int>();
                var results = new Instant?[texts.Length];
                for (var i = 0; i < texts.Length; i++)
                {
                    if (column.NeedsDecision(texts[i], i + 2))
                    {
                        kept.Add(i);
                    }
                    else
                    {
                        results[i] = column.ParseInstant(texts[i], i + 2).Value;
                    }
                }

                column.Finish();
                foreach (var i in kept)
                {
                    results[i] = column.ParseInstant(texts[i], i + 2).Value;
                }

                var expected = c.withProof.Select(v => (Instant?)v.InZoneLeniently(Vietnam).ToInstant());
                return (results.SequenceEqual(expected) && column.Order == c.order).Label(string.Join(" | ", texts));
            });

    [Property(MaxTest = 300)]
    public Property ParseInstant_IsoWithOffset_RoundTrips()
        => Prop.ForAll(
            (from local in LocalDateTimes
             from millisecond in Gen.Choose(0, 999)
             from quarters in Gen.Choose(-14 * 4, 14 * 4)
             from form in Gen.Elements("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>", "uuuu-MM-dd HH:mm:ss o<+HHmm>", "uuuu-MM-dd'T'HH:mm:ss.fffo<+HH:mm>")
             let value = local.PlusMilliseconds(form.Contains("fff", StringComparison.Ordinal) ? millisecond : 0).WithOffset(Offset.FromSeconds(quarters * 15 * 60))
             select (Text: value.ToString(form, CultureInfo.InvariantCulture), Expected: value.ToInstant())).ToArbitrary(),
            c =>
            {
                var result = Column(zone: London).ParseInstant(c.Text, 2);
                return (result.Success && result.Value == c.Expected).Label($"{c.Text} -> {result}");
            });

    private static Gen<LocalDateTime> LocalDateTimes { get; } =
        from day in Gen.Choose(0, 365 * 40)
        from second in Gen.Choose(0, 86_399)
        select new LocalDate(1990, 1, 1).PlusDays(day).At(LocalTime.FromSecondsSinceMidnight(second));

    private static string SwapDayAndMonth(string pattern)
        => pattern.Replace("dd", "\0D", StringComparison.Ordinal).Replace("MM", "dd", StringComparison.Ordinal).Replace("\0D", "MM", StringComparison.Ordinal) switch
        {
            var p when p.Contains("d-M", StringComparison.Ordinal) => p.Replace("d-M", "M-d", StringComparison.Ordinal),
            var p when p.Contains("d/M", StringComparison.Ordinal) => p.Replace("d/M", "M/d", StringComparison.Ordinal),
            var p => p,
        };

    // The span path reads what ParseInstant reads, to the tick, for every year-first form, and declines the rest.
    [Theory]
    [MemberData(nameof(IsoForms))]
    public void TryReadYearFirstInstant_ReadsYearFirstFormsAsTheyAreWritten(string text, string expected)
    {
        var read = Column().TryReadYearFirstInstant($"  {text} ".AsSpan(), out var instant);

        if (text.StartsWith("2025-", StringComparison.Ordinal))
        {
            Assert.True(read);
        }

        if (read)
        {
            Assert.Equal(InstantPattern.ExtendedIso.Parse(expected).Value, instant);
        }
        else
        {
            Assert.False(text.StartsWith("2025-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void TryReadYearFirst_DeclinesWhatOnlyTheStringPathCanExplain()
    {
        Assert.False(Column(zone: London).TryReadYearFirstInstant("2025-03-30T01:30:00", out _)); // the clocks went forward over it
        Assert.False(Column().TryReadYearFirstInstant("05/08/2025", out _)); // day/month: the column's order decides
        Assert.False(Column().TryReadYearFirstInstant("2025-02-30", out _)); // no such day
        Assert.False(Column().TryReadYearFirstInstant("soon", out _));
        Assert.False(Column(patterns: ["dd MMM yyyy"]).TryReadYearFirstInstant("2025-08-28", out _)); // patterns come first
        Assert.True(Column().TryReadYearFirstDate("1992-12-12", out var date));
        Assert.Equal(new LocalDate(1992, 12, 12), date);
        Assert.True(Column().TryReadYearFirstDate("1992-12-12 00:00", out var midnight));
        Assert.Equal(new LocalDate(1992, 12, 12), midnight);
        Assert.False(Column().TryReadYearFirstDate("1992-12-12T08:00:00", out _)); // a date-time is no date
        Assert.True(Column().IsYearFirst("2024-11-01T08:04:00+07:00"));
        Assert.False(Column().IsYearFirst("01/11/2024"));
    }
}
