using CrmKit.Customers.Import;

namespace CrmKit.Customers.Tests.Import;

public class DelimiterDetectorTests
{
    [Theory]
    [InlineData("customer_id,name,phone\nKH1,An,0912\nKH2,Bình,0913\n", ',')]
    [InlineData("Mã KH;Tên;Tổng tiền\nKH1;An;1.250.000,50\nKH2;Bình;99,5\n", ';')]
    [InlineData("id\tname\tnote\n1\tAn\ta, b; c\n2\tBình\t|\n", '\t')]
    [InlineData("id|name\n1|An, Bình\n", '|')]
    [InlineData("\uFEFFid;name\r\n1;An\r\n", ';')]
    public void Detect_ConsistentSplit_FindsTheDelimiter(string text, char expected)
        => Assert.Equal(expected, DelimiterDetector.Detect(text).Delimiter);

    [Fact]
    public void Detect_QuotedDelimitersAndQuotedLineBreaks_AreInsideFields()
    {
        const string text = "order_id;note;total\n"
            + "DH1;\"Giao giờ hành chính; gọi trước\";125.000\n"
            + "DH2;\"dòng một\ndòng hai; vẫn trong ô\r\ndòng ba\";99.000\n"
            + "DH3;\"nói \"\"cảm ơn\"\"; xong\";1.000\n";
        var detection = DelimiterDetector.Detect(text);
        Assert.Equal(new DelimiterDetection(';', 3, 4, null), detection);
        Assert.True(detection.Found);
    }

    [Fact]
    public void Detect_QuotedCommasInACommaFile_DoNotMakeSemicolonWin()
        => Assert.Equal(',', DelimiterDetector.Detect("name,address\n\"Trần Thị Hà\",\"12 Lê Lợi, Q.1; TP.HCM\"\n\"An\",\"3; 4\"\n").Delimiter);

    [Fact]
    public void Detect_BothFit_TheOneGivingMoreFieldsWinsThenTheOrder()
    {
        Assert.Equal(';', DelimiterDetector.Detect("a;b;c,d\n1;2;3,4\n").Delimiter);
        Assert.Equal(',', DelimiterDetector.Detect("a,b;c\n1,2;3\n").Delimiter);
    }

    [Fact]
    public void Detect_NoneFits_ExplainsEachCandidate()
    {
        var detection = DelimiterDetector.Detect("a,b;c\n1,2;3\n\n4|5\n", isWholeText: true);
        Assert.Null(detection.Delimiter);
        Assert.Equal(
            "no delimiter fits the first lines: ',': line 4 has 1 field but the header has 2; ';': line 4 has 1 field but the header has 2; "
            + "tab: the header has 1 field; '|': the header has 1 field",
            detection.Problem);
    }

    [Fact]
    public void Detect_LineNumbers_CountTheLineBreaksInsideQuotes()
        => Assert.StartsWith(
            "no delimiter fits the first lines: ',': line 5 has 1 field but the header has 2;",
            DelimiterDetector.Detect("a,b\r\n\"x\r\ny\r\nz\",2\r\n1\r\n").Problem,
            StringComparison.Ordinal);

    [Fact]
    public void Detect_SampleCutMidRecord_LeavesTheLastRecordOut()
    {
        const string text = "a;b;c\n1;2;3\n4;5";
        Assert.Equal(new DelimiterDetection(';', 3, 2, null), DelimiterDetector.Detect(text));
        Assert.Null(DelimiterDetector.Detect(text, isWholeText: true).Delimiter);
    }

    [Fact]
    public void Detect_OnlyAHeader_TakesTheSplitWithMostFields()
        => Assert.Equal(new DelimiterDetection('\t', 4, 1, null), DelimiterDetector.Detect("a\tb\tc\td,e", isWholeText: true));

    [Fact]
    public void Detect_MaxRecords_LimitsTheSample()
        => Assert.Equal(',', DelimiterDetector.Detect("a,b\n1,2\n3,4,5\n", maxRecords: 2).Delimiter);

    [Fact]
    public void Detect_Empty_HasNoRecords()
        => Assert.Equal("the text has no records", DelimiterDetector.Detect("\n\n", isWholeText: true).Problem);
}
