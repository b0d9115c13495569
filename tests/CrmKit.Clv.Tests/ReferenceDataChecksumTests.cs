using System.Security.Cryptography;

namespace CrmKit.Clv.Tests;

public class ReferenceDataChecksumTests
{
    // SHA-256 of the files as copied from lifetimes (tests/CrmKit.Testing/ReferenceData/README.md records the same
    // values, computed with sha256sum when the files were first taken from lifetimes/datasets at commit 4f2833f).
    public static TheoryData<string, string> Files => new()
    {
        { "CDNOW_master.txt", "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef" },
        { "CDNOW_sample.txt", "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a" },
        { "cdnow_customers_summary_with_transactions.csv", "7ddd11b55be3227edfc1d58675154e96971b0de3ad37ddd9280d1dba154b8b2f" },
        { "donations.csv", "82c25f26a201ff047e1cd5fe3d7967a45db92a025ecedee72ff8940e50104544" },
        { "sbg_cohorts.csv", "2c0020e013360518d82a349f2dc230c9444a2832eeb88192b72b50121935f5d3" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void File_Sha256_IsTheRecordedOne(string name, string sha256)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SharedData.File(name))));
        Assert.Equal(sha256, actual);
    }

    [Fact]
    public void Folder_HoldsExactlyTheCheckedFiles()
    {
        var data = Directory.GetFiles(SharedData.Folder).Select(Path.GetFileName).Where(n => n is not ("README.md" or "LICENSE-lifetimes.txt" or ".gitattributes")).Order(StringComparer.Ordinal);
        Assert.Equal(Files.Select(row => (string)row[0]).Order(StringComparer.Ordinal), data);
    }
}
