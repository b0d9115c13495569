using System.CommandLine;
using System.Globalization;
using CrmKit.Customers;
using CrmKit.Customers.Import;

namespace CrmKit.Cli.Seeds;

/// <summary>
/// <c>crmkit-seeds generate</c>: the repository's sample-data generator (run with
/// <c>dotnet run --project src/CrmKit.Cli.Seeds -- generate</c>). Exit codes and error reporting are crmkit's.
/// </summary>
internal static class SeedsCommandLine
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("crmkit-seeds: the CrmKit repository's sample data and the files generated from the code (not part of the crmkit tool).");
        root.Subcommands.Add(Generate(output));
        return CrmKitCommandLine.Invoke(root, args, output, error, "crmkit-seeds");
    }

    private static Command Generate(TextWriter output)
    {
        var outOption = new Option<DirectoryInfo>("--out") { Description = "Folder to write the CSV files to. Default: seeds/store of the repository." };
        var seedOption = new Option<int>("--seed") { Description = "Random seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => new StoreSettings().Seed };
        var customersOption = new Option<int>("--customers") { Description = "How many distinct customers (duplicate records come on top).", DefaultValueFactory = _ => new StoreSettings().Customers };
        var generate = new Command("generate", "Generate the synthetic Vietnamese shop data set (customers, two years of orders, interactions, tickets, feedback, consents) into the store folder; without --out, also the built-in segment catalogue as seeds/segments.json, the built-in care processes as seeds/processes/*.json and their diagrams in docs/care-process.md, and the built-in journeys as seeds/journeys/*.json.")
        {
            outOption, seedOption, customersOption,
        };
        generate.SetAction(parsed =>
        {
            var settings = new StoreSettings(parsed.GetValue(customersOption), parsed.GetValue(seedOption));
            if (settings.Customers < 1)
            {
                throw new InvalidValueException("--customers", $"{settings.Customers} is not a positive number.");
            }

            if (parsed.GetValue(outOption) is { } outFolder)
            {
                OutputFiles.CheckFolder(outFolder, "--out");
            }

            var folder = parsed.GetValue(outOption)?.FullName ?? SeedsFolder.Store();
            var customers = new StoreGenerator(settings).Generate();
            CustomerDataSet.From(customers).WriteFolder(folder);
            if (parsed.GetValue(outOption) is null)
            {
                var catalogFile = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder))!, "segments.json");
                File.WriteAllText(catalogFile, Segmentation.BuiltInSegments.Catalog.ToJson());
                output.WriteLine($"Wrote the built-in segment catalogue to {catalogFile}");
                foreach (var file in GeneratedFiles.Write(Path.GetDirectoryName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder)))!))
                {
                    output.WriteLine($"Wrote {file}");
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {customers.Count} customers and {customers.Sum(c => c.History.Orders.Count)} orders to {folder}"));
            return CrmKitCommandLine.Success;
        });
        return generate;
    }
}
