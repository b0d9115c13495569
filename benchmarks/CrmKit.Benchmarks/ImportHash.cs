using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmKit.Customers.Import;
using CrmKit.Customers.Serialization;

namespace CrmKit.Benchmarks;

/// <summary>
/// The behaviour check of a reader change (<c>--import-hash FOLDER|N</c>): reads the folder (a path, or N for the
/// generated seed folder of N customers) and prints one SHA-256 per part of the result: every customer serialised with
/// <see cref="CrmKitJson"/> (history included), every issue, every issue group, every guest sale and every file report.
/// Run it on two builds; equal lines mean the two readers produced the same data set.
/// </summary>
internal static class ImportHash
{
    public static int Run(string folderOrCount)
    {
        var folder = int.TryParse(folderOrCount, NumberStyles.None, CultureInfo.InvariantCulture, out var customers)
            ? Path.Combine(ImportSeeds.Root, $"customers-{customers}")
            : folderOrCount;
        var data = CustomerDataSet.ReadFolder(folder);
        Print("customers", data.Customers.Length, data.Customers.Select(c => CrmKitJson.Serialize(c)));
        Print("issues", data.Issues.Length, data.Issues.Select(i => CrmKitJson.Serialize(i)));
        Print("issue groups", data.IssueGroups.Length, data.IssueGroups.Select(g => CrmKitJson.Serialize(g)));
        Print("guest sales", data.GuestSales.Length, data.GuestSales.Select(g => CrmKitJson.Serialize(g)));
        Print("files", data.Files.Length, data.Files.Select(f => CrmKitJson.Serialize(f)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"issue count {data.IssueCount}"));
        return 0;
    }

    private static void Print(string part, int count, IEnumerable<string> items)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in items)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(item));
            hash.AppendData("\n"u8);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{part}: {count} {Convert.ToHexString(hash.GetHashAndReset())}"));
    }
}
