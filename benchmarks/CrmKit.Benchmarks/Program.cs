using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/CrmKit.Benchmarks -- --filter '*'        (full runs; results in benchmarks/results/)
// dotnet run -c Release --project benchmarks/CrmKit.Benchmarks -- --filter '*' --job Dry --inProcess   (smoke run, as in .ci/run)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
