#!/usr/bin/env bash
# The whole job side by side, as a user feels it: `crmkit run` (the built tool, Release) against the analyst's
# pandas + lifetimes script (../shared/bench/pandas_mainjob.py), each a fresh process, run in turn RUNS times.
#   bash benchmarks/mainjob-vs-pandas.sh [CUSTOMERS] [RUNS]        (defaults: 100000 and 3)
# Four programs per round, in this order:
#   no-report    crmkit run --data TWO --no-report      TWO: a folder holding only customers.csv and orders.csv
#   report       crmkit run --data TWO --report FILE    (the HTML report written too)
#   full         crmkit run --data FULL --no-report     FULL: all eight files of the generated data set
#   pandas       /usr/bin/python3 pandas_mainjob.py TWO
# and for each: min / median / max of the wall time and of the peak resident memory (Maximum resident set size of
# /usr/bin/time -v), the ratios of the medians to pandas and to no-report, and crmkit's own stage split of its
# median run. The machine is shared: compare within one run of this script, not across runs.
# The data set is generated once by the repository's generator (crmkit-seeds generate --customers CUSTOMERS) under
# CRMKIT_BENCH_MAINJOB_DIR (default $TMPDIR/crmkit-bench-mainjob) and reused; CRMKIT_BENCH_FULL=FOLDER uses an
# already generated eight-file folder instead. The generation is not measured.
# Needs: /usr/bin/time (apt-get install time), Python 3 with pandas, scipy and dill (Debian: apt-get install
# python3-pandas python3-scipy python3-dill), and the lifetimes/autograd sources in REF (default
# ../shared/reference/python). The pandas script is a reference for this benchmark only.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
customers=${1:-100000}
runs=${2:-3}
python=${PYTHON:-/usr/bin/python3}
pandas_script=${PANDAS_MAINJOB:-$repo/../shared/bench/pandas_mainjob.py}
export REF=${REF:-$repo/../shared/reference/python}

fail() { echo "mainjob-vs-pandas: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing (apt-get install time)"
[ -f "$pandas_script" ] || fail "the pandas script $pandas_script is missing (set PANDAS_MAINJOB)"
[ -d "$REF" ] || fail "REF=$REF is not a folder (it holds the lifetimes and autograd sources)"
"$python" -c 'import pandas, scipy, dill' 2>/dev/null || fail "$python cannot import pandas, scipy and dill (apt-get install python3-pandas python3-scipy python3-dill)"
[[ "$customers" =~ ^[0-9]+$ && "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || fail "usage: mainjob-vs-pandas.sh [CUSTOMERS] [RUNS]"

dotnet build -c Release src/CrmKit.Cli -v quiet -nologo >/dev/null
dotnet build -c Release src/CrmKit.Cli.Seeds -v quiet -nologo >/dev/null
crmkit=$repo/src/CrmKit.Cli/bin/Release/net10.0/crmkit
crmkit_seeds=$repo/src/CrmKit.Cli.Seeds/bin/Release/net10.0/crmkit-seeds

root=${CRMKIT_BENCH_MAINJOB_DIR:-${TMPDIR:-/tmp}/crmkit-bench-mainjob}/customers-$customers
full=${CRMKIT_BENCH_FULL:-$root/full}
two=$root/two
if [ ! -f "$full/orders.csv" ]; then
  [ -z "${CRMKIT_BENCH_FULL:-}" ] || fail "CRMKIT_BENCH_FULL=$full holds no orders.csv"
  echo "generating $customers customers into $full (once)" >&2
  rm -rf "$full.tmp"
  "$crmkit_seeds" generate --customers "$customers" --out "$full.tmp" >/dev/null
  mv "$full.tmp" "$full"
fi
if [ ! -f "$two/.complete" ] || [ "$full/orders.csv" -nt "$two/.complete" ]; then
  rm -rf "$two" && mkdir -p "$two"
  cp "$full/customers.csv" "$full/orders.csv" "$two/"
  touch "$two/.complete"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
programs=(no-report report full pandas)
command_of() {
  case $1 in
    no-report) echo "$crmkit run --data $two --no-report" ;;
    report) echo "$crmkit run --data $two --report $work/report.html" ;;
    full) echo "$crmkit run --data $full --no-report" ;;
    pandas) echo "$python $pandas_script $two" ;;
  esac
}

# One measured process: appends "wall_seconds rss_mb" to $work/NAME.times and keeps its output as $work/NAME.RUN.out.
measure() {
  local name=$1 run=$2 log=$work/time.log
  # shellcheck disable=SC2046
  if ! /usr/bin/time -v $(command_of "$name") >"$work/$name.$run.out" 2>"$log"; then
    cat "$work/$name.$run.out" "$log" >&2
    fail "$name exited with an error"
  fi
  awk -v out="$work/$name.times" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%.2f %.0f\n", s, rss >> out }' "$log"
}

echo "crmkit run vs pandas + lifetimes: $customers customers ($(tail -n +2 "$two/customers.csv" | wc -l) customer rows, $(tail -n +2 "$two/orders.csv" | wc -l) order rows), $runs rounds, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for run in $(seq 1 "$runs"); do
  for name in "${programs[@]}"; do
    measure "$name" "$run"
    echo "  round $run $name: $(tail -1 "$work/$name.times" | awk '{ printf "%s s, %s MB", $1, $2 }')" >&2
  done
done

stat() { # column of $work/NAME.times -> "min median max"
  sort -n -k"$2" "$work/$1.times" | awk -v c="$2" '{ v[NR] = $c } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", v[1], m, v[NR] }'
}
median() { stat "$1" "$2" | awk '{ print $2 }'; }

echo
echo "| program | command | wall time min / median / max (s) | peak RSS min / median / max (MB) | median time ÷ pandas | median time ÷ no-report |"
echo "|---|---|---|---|---|---|"
for name in "${programs[@]}"; do
  read -r tmin tmed tmax <<<"$(stat "$name" 1)"
  read -r rmin rmed rmax <<<"$(stat "$name" 2)"
  cmd=$(command_of "$name" | sed "s|$repo/||g; s|$work/|TMP/|g; s|$two|TWO|g; s|$full|FULL|g")
  echo "| $name | \`$cmd\` | $tmin / $tmed / $tmax | $rmin / $rmed / $rmax | $(awk -v a="$tmed" -v b="$(median pandas 1)" 'BEGIN { printf "%.2f", a / b }') | $(awk -v a="$tmed" -v b="$(median no-report 1)" 'BEGIN { printf "%.2f", a / b }') |"
done

echo
echo "Stage split of each crmkit program's median run (crmkit's own stopwatch), and the pandas script's:"
for name in "${programs[@]}"; do
  med=$(median "$name" 1)
  run=$(awk -v m="$med" '{ d = $1 - m; if (d < 0) d = -d; if (NR == 1 || d < best) { best = d; r = NR } } END { print r }' "$work/$name.times")
  if [ "$name" = pandas ]; then
    echo "  $name: $(grep -E '^import-libs' "$work/$name.$run.out")"
  else
    echo "  $name: $(grep -E 'done in' "$work/$name.$run.out" | sed 's/^ *//')"
  fi
done
