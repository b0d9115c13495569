using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using CrmKit.Benchmarks;

// dotnet run -c Release --project benchmarks/CrmKit.Benchmarks -- --filter '*'        (full runs; results in benchmarks/results/)
// dotnet run -c Release --project benchmarks/CrmKit.Benchmarks -- --filter '*' --job Dry --inProcess   (smoke run, as in .ci/run)
// The PostgreSQL benchmarks run only with a server: CRMKIT_BENCH_POSTGRES or CRMKIT_TEST_POSTGRES (source .ci/postgres start).
var benchmarks = typeof(PostgresBenchmarks).Assembly.GetTypes()
    .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), false)))
    .ToList();
if (Environment.GetEnvironmentVariable("CRMKIT_BENCH_POSTGRES") is null && Environment.GetEnvironmentVariable("CRMKIT_TEST_POSTGRES") is null)
{
    Console.WriteLine("PostgresBenchmarks left out: no PostgreSQL server (set CRMKIT_BENCH_POSTGRES, or source .ci/postgres start).");
    benchmarks.Remove(typeof(PostgresBenchmarks));
}

BenchmarkSwitcher.FromTypes([.. benchmarks]).Run(args);
