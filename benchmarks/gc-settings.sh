#!/usr/bin/env bash
# The whole job under each garbage-collector setting, as a user feels it: `crmkit run --no-report` (the built tool,
# Release) on the two-file folder of a generated data set, each a fresh process, the settings alternating in every round.
#   bash benchmarks/gc-settings.sh [CUSTOMERS] [RUNS]        (defaults: 100000 and 2)
# Settings (environment variables, which override the tool's runtimeconfig.json):
#   workstation-concurrent  DOTNET_gcServer=0                               (.NET's default for a console app)
#   workstation             DOTNET_gcServer=0 DOTNET_gcConcurrent=0
#   server                  DOTNET_gcServer=1                               (dynamic adaptation, DATAS, on: .NET's default)
#   server-static           DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0
# Prints, per run: wall time, the care-engine stage, CPU time (user + system) and peak resident memory (/usr/bin/time -v),
# with the load average; then the median per setting. The data set is the one benchmarks/mainjob-vs-pandas.sh makes
# (CRMKIT_BENCH_MAINJOB_DIR, default $TMPDIR/crmkit-bench-mainjob/customers-CUSTOMERS/two); it is generated once if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
customers=${1:-100000}
runs=${2:-2}
fail() { echo "gc-settings: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing (apt-get install time)"
[[ "$customers" =~ ^[0-9]+$ && "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || fail "usage: gc-settings.sh [CUSTOMERS] [RUNS]"

dotnet build -c Release src/CrmKit.Cli -v quiet -nologo >/dev/null
dotnet build -c Release src/CrmKit.Cli.Seeds -v quiet -nologo >/dev/null
crmkit=$repo/src/CrmKit.Cli/bin/Release/net10.0/crmkit
root=${CRMKIT_BENCH_MAINJOB_DIR:-${TMPDIR:-/tmp}/crmkit-bench-mainjob}/customers-$customers
two=$root/two
if [ ! -f "$two/orders.csv" ]; then
  echo "generating $customers customers into $root/full (once)" >&2
  rm -rf "$root/full.tmp" && mkdir -p "$root"
  "$repo/src/CrmKit.Cli.Seeds/bin/Release/net10.0/crmkit-seeds" generate --customers "$customers" --out "$root/full.tmp" >/dev/null
  mv "$root/full.tmp" "$root/full"
  mkdir -p "$two" && cp "$root/full/customers.csv" "$root/full/orders.csv" "$two/"
fi

names=(workstation-concurrent workstation server server-static)
settings=("DOTNET_gcServer=0" "DOTNET_gcServer=0 DOTNET_gcConcurrent=0" "DOTNET_gcServer=1" "DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in $(seq 1 "$runs"); do
  for i in "${!names[@]}"; do
    # shellcheck disable=SC2086
    env ${settings[$i]} /usr/bin/time -v "$crmkit" run --data "$two" --no-report --lang en >"$work/out" 2>"$work/time" \
      || fail "${names[$i]}: crmkit run failed (see $work/out)"
    wall=$(grep -o 'done in [0-9.]* s' "$work/out" | grep -o '[0-9.]*')
    engine=$(grep -o 'care engine [0-9.]* s' "$work/out" | grep -o '[0-9.]*')
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time")
    rss=$(awk -F': ' '/Maximum resident/ { printf "%.2f", $2 / 1048576 }' "$work/time")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${names[$i]}" "$run" "$wall" "$engine" "$cpu" "$rss" >>"$work/rows"
    printf 'run %s  %-24s  wall %6s s  engine %6s s  cpu %6s s  peak %s GB  load %s\n' \
      "$run" "${names[$i]}" "$wall" "$engine" "$cpu" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo
echo "median of $runs run(s), $customers customers (wall s, engine s, cpu s, peak GB):"
for name in "${names[@]}"; do
  for col in 3 4 5 6; do
    awk -F'\t' -v n="$name" -v c="$col" '$1 == n { print $c }' "$work/rows" | sort -n \
      | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s ", m }'
  done | awk -v n="$name" '{ printf "  %-24s wall %s  engine %s  cpu %s  peak %s\n", n, $1, $2, $3, $4 }'
done
