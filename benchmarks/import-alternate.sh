#!/usr/bin/env bash
# One import of the seed-shaped data set per process, two builds of the benchmarks ALTERNATING (old, new, old, new …)
# on one core, so that both see the same load. Prints, per run, the tool's own line (read wall, process CPU, allocated
# bytes, GC pauses and collections, bytes held) and /usr/bin/time's peak resident set, user and system time.
#   bash benchmarks/import-alternate.sh OLD_BUILD_DIR NEW_BUILD_DIR [CUSTOMERS] [ROUNDS]
# The build folders are copies of benchmarks/CrmKit.Benchmarks/bin/Release/net10.0 (old: before the change). The
# folder of CUSTOMERS (default 100000) must exist (dotnet …/CrmKit.Benchmarks.dll --import-seeds CUSTOMERS, under
# CRMKIT_BENCH_IMPORT_DIR). CPU: CRMKIT_BENCH_CPU (default 0). Extra environment for both (DOTNET_…) passes through.
set -euo pipefail
old=$1
new=$2
customers=${3:-100000}
rounds=${4:-3}
cpu=${CRMKIT_BENCH_CPU:-0}
echo "load before: $(uptime)"
for round in $(seq 1 "$rounds"); do
  for build in old new; do
    dir=$old
    [ "$build" = new ] && dir=$new
    log=$(mktemp)
    line=$(taskset -c "$cpu" /usr/bin/time -v dotnet "$dir/CrmKit.Benchmarks.dll" --import-once current "$customers" 2>"$log")
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    user=$(awk -F': ' '/User time/ {print $2}' "$log")
    sys=$(awk -F': ' '/System time/ {print $2}' "$log")
    echo "round $round $build: $line; peak RSS ${peak} kB; user ${user} s, sys ${sys} s"
    rm -f "$log"
  done
done
echo "load after: $(uptime)"
