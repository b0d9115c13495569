using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using CrmKit.Benchmarks;

// dotnet run -c Release --project benchmarks/CrmKit.Benchmarks -- --filter '*'        (full runs; results in benchmarks/results/)
// dotnet run -c Release --project benchmarks/CrmKit.Benchmarks -- --filter '*' --job Dry --inProcess   (smoke run, as in .ci/run)
// The PostgreSQL benchmarks run only with a server: CRMKIT_BENCH_POSTGRES or CRMKIT_TEST_POSTGRES (source .ci/postgres start),
// or a Citus coordinator in CRMKIT_BENCH_CITUS (source .ci/citus start sets CRMKIT_TEST_CITUS).
// benchmarks/import-peak.sh uses two one-shot entries (no BenchmarkDotNet) to measure one import's peak resident memory:
//   --import-seeds N                       writes the seed folder of N customers if it is not there yet, prints its path
//   --import-once current|previous N       reads that folder once with the current or the previous reader
// and a behaviour check of reader changes (run on two builds, compare the lines):
//   --import-hash FOLDER|N                 SHA-256 of every customer (CrmKitJson), issue, issue group, guest sale and file report
// benchmarks/cold-start.sh uses a third: the crmkit tool's own entry point run N times in this one process, so the
// fit time a command reports (clv fit --json: fitMilliseconds) is seen cold (the first run) and warm (the later ones):
//   --cli-repeat N crmkit-arguments…
// For profiling the engine (dotnet-trace collect -- dotnet CrmKit.Benchmarks.dll --engine-once ...), without BenchmarkDotNet:
//   --engine-once ticket|throughput|replay|hotpath N   runs that benchmark's setup and then its body N times, printing each
//   time and the bytes allocated per event
if (args is ["--import-seeds", var size])
{
    Console.WriteLine(ImportSeeds.Folder(int.Parse(size, System.Globalization.CultureInfo.InvariantCulture)));
    return 0;
}

if (args is ["--import-once", var reader, var customers])
{
    return ImportOnce.Run(reader, int.Parse(customers, System.Globalization.CultureInfo.InvariantCulture));
}

if (args is ["--import-hash", var hashed])
{
    return ImportHash.Run(hashed);
}

if (args is ["--cli-repeat", var times, .. var cli])
{
    var entry = System.Reflection.Assembly.Load("crmkit").EntryPoint!;   // the tool (a project reference); its types are internal
    for (var i = 0; i < int.Parse(times, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        if (entry.Invoke(null, [cli]) is int code && code != 0)
        {
            return code;
        }
    }

    return 0;
}

if (args is ["--postgres-explain"])
{
    // The one-statement classification's plan on the PostgresBenchmarks data (CRMKIT_BENCH_DATABASE keeps one load).
    return PostgresBenchmarks.ExplainAsync(Console.Out).GetAwaiter().GetResult();
}

if (args is ["--engine-once", var which, var rounds])
{
    return EngineOnce.Run(which, int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
}

var benchmarks = typeof(PostgresBenchmarks).Assembly.GetTypes()
    .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), false)))
    .ToList();
if (Environment.GetEnvironmentVariable("CRMKIT_BENCH_POSTGRES") is null && Environment.GetEnvironmentVariable("CRMKIT_TEST_POSTGRES") is null
    && Environment.GetEnvironmentVariable("CRMKIT_BENCH_CITUS") is null)
{
    Console.WriteLine("PostgresBenchmarks left out: no PostgreSQL server (set CRMKIT_BENCH_POSTGRES or CRMKIT_BENCH_CITUS, or source .ci/postgres start).");
    benchmarks.Remove(typeof(PostgresBenchmarks));
}

BenchmarkSwitcher.FromTypes([.. benchmarks]).Run(args);
return 0;
