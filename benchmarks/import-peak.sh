#!/usr/bin/env bash
# Peak resident memory and wall time of one import of the seed-shaped data set, each reader in a fresh process on one
# core (taskset -c CPU, CPU from CRMKIT_BENCH_CPU, default 0; .NET then reports Environment.ProcessorCount = 1).
# BenchmarkDotNet's MemoryDiagnoser gives allocated bytes, not peak; this gives the peak (Maximum resident set size
# of /usr/bin/time -v), and the process's CPU time, which a busy shared machine disturbs less than the wall time.
#   bash benchmarks/import-peak.sh [CUSTOMERS]        (default: CRMKIT_BENCH_CUSTOMERS, else 1000)
# The folder is generated once by the repository's generator (crmkit-seeds generate) under CRMKIT_BENCH_IMPORT_DIR, else
# $TMPDIR/crmkit-bench-import, and reused; the generation is not part of the measured process.
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-${CRMKIT_BENCH_CUSTOMERS:-1000}}
cpu=${CRMKIT_BENCH_CPU:-0}
if [ ! -x /usr/bin/time ]; then
  echo "import-peak: /usr/bin/time is missing (apt-get install time)" >&2
  exit 1
fi

dotnet build -c Release benchmarks/CrmKit.Benchmarks -v quiet -nologo >/dev/null
bench=benchmarks/CrmKit.Benchmarks/bin/Release/net10.0/CrmKit.Benchmarks.dll
dotnet "$bench" --import-seeds "$customers"
for reader in previous current; do
  log=$(mktemp)
  taskset -c "$cpu" /usr/bin/time -v dotnet "$bench" --import-once "$reader" "$customers" 2>"$log"
  grep -E 'Maximum resident set size|Elapsed \(wall clock\)|User time|System time' "$log" | sed "s/^[[:space:]]*/  $reader: /"
  rm -f "$log"
done
