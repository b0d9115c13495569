#!/usr/bin/env bash
# Cold start of the crmkit tool: the fit time `crmkit clv fit --json` reports (fitMilliseconds) in a fresh process,
# for each way of building and running the tool, against the warm figure (the same command run again and again in
# one process: the JIT's steady state).
#   bash benchmarks/cold-start.sh [RUNS]        (default 7 fresh processes per variant)
# The variants (each published once into a temporary folder; the environment variables are the runtime's own):
#   jit          dotnet publish -c Release                                 (what the tool package ships today)
#   jit-nopgo    the same, DOTNET_TieredPGO=0                              (no instrumented tier)
#   jit-noqjfl   the same, DOTNET_TC_QuickJitForLoops=0                    (methods with loops optimised at once)
#   jit-notiered the same, DOTNET_TieredCompilation=0                      (every method fully optimised at once)
#   r2r          dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true
#   r2r-nopgo    r2r, DOTNET_TieredPGO=0
#   r2r-composite dotnet publish -c Release -r linux-x64 --self-contained true -p:PublishReadyToRun=true
#                -p:PublishReadyToRunComposite=true   (the framework compiled into one image with the tool: no version
#                bubble between them, so the framework's generics over the tool's types are precompiled too)
#   aot          dotnet publish -c Release -r linux-x64 -p:PublishAot=true (reported as failing when it does not build or run)
# and the warm figure: `--cli-repeat 30` of the benchmark program (the tool's entry point thirty times in one
# process), median of the last twenty. Prints, per variant, min / median / max of fitMilliseconds and of the process
# wall time, and the median's ratio to the warm figure. The data: CDNOW_sample.txt (2,357 customers) in
# ../shared/data, or CRMKIT_CDNOW=FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=${1:-7}
cdnow=${CRMKIT_CDNOW:-$repo/../shared/data/CDNOW_sample.txt}
[ -f "$cdnow" ] || { echo "cold-start: $cdnow is missing (set CRMKIT_CDNOW)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "cold-start: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
rid=${CRMKIT_RID:-linux-x64}
fit=(clv fit --model bg-nbd --transactions "$cdnow" --format cdnow --json)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

publish() { # name, extra publish arguments…
  local name=$1
  shift
  if dotnet publish src/CrmKit.Cli -c Release -o "$work/$name" -v quiet -nologo "$@" >"$work/$name.publish.log" 2>&1; then
    echo "$work/$name/crmkit"
  else
    echo "cold-start: publishing $name failed (see below)" >&2
    grep -E "error|warning IL" "$work/$name.publish.log" | sort -u | head -5 >&2
    echo ""
  fi
}

jit=$(publish jit)
r2r=$(publish r2r -r "$rid" --self-contained false -p:PublishReadyToRun=true)
composite=$(publish r2r-composite -r "$rid" --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true)
aot=$(publish aot -r "$rid" -p:PublishAot=true)

dotnet build -c Release benchmarks/CrmKit.Benchmarks -v quiet -nologo >/dev/null
bench=benchmarks/CrmKit.Benchmarks/bin/Release/net10.0/CrmKit.Benchmarks.dll

# One fresh process: appends "fitMilliseconds wallMilliseconds" to $work/NAME.times.
measure() { # name, environment assignment or -, program
  local name=$1 setting=$2 program=$3 out
  out=$work/out.json
  if [ "$setting" = - ]; then setting=CRMKIT_COLD_START=1; fi
  local status=0
  env "$setting" /usr/bin/time -f '%e' -o "$work/wall" "$program" "${fit[@]}" >"$out" 2>"$work/err" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "cold-start: $name failed with exit code $status: $(head -c 300 "$work/err") $(head -c 300 "$out") $(cat "$work/wall" 2>/dev/null)" >&2
    return 1
  fi
  echo "$(grep -o '"fitMilliseconds":[0-9.]*' "$out" | cut -d: -f2) $(awk '{ printf "%.0f", $1 * 1000 }' "$work/wall")" >>"$work/$name.times"
}

variants=()
[ -n "$jit" ] && variants+=("jit - $jit" "jit-nopgo DOTNET_TieredPGO=0 $jit" "jit-noqjfl DOTNET_TC_QuickJitForLoops=0 $jit" "jit-notiered DOTNET_TieredCompilation=0 $jit")
[ -n "$r2r" ] && variants+=("r2r - $r2r" "r2r-nopgo DOTNET_TieredPGO=0 $r2r")
[ -n "$composite" ] && variants+=("r2r-composite - $composite")
[ -n "$aot" ] && variants+=("aot - $aot")
failed=()
for run in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    read -r name setting program <<<"$v"
    measure "$name" "$setting" "$program" || failed+=("$name")
  done
done

# The warm figure, in the same run: the entry point thirty times in one process.
dotnet "$bench" --cli-repeat 30 "${fit[@]}" | grep -o '"fitMilliseconds":[0-9.]*' | cut -d: -f2 | tail -20 | sort -g >"$work/warm"
warm=$(awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }' "$work/warm")

stat() { sort -g -k"$2" "$work/$1.times" | awk -v c="$2" '{ v[NR] = $c } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s / %s / %s", v[1], m, v[NR] }'; }
echo "crmkit clv fit --model bg-nbd on $(basename "$cdnow"), $runs fresh processes per variant, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "warm (same process, runs 11-30): median $warm ms (min $(head -1 "$work/warm"), max $(tail -1 "$work/warm"))"
echo
echo "| variant | fit time min / median / max (ms) | median ÷ warm | process wall time min / median / max (ms) |"
echo "|---|---|---|---|"
for v in "${variants[@]}"; do
  read -r name _ _ <<<"$v"
  [ -f "$work/$name.times" ] || continue
  med=$(stat "$name" 1 | awk -F' / ' '{ print $2 }')
  echo "| $name | $(stat "$name" 1) | $(awk -v a="$med" -v b="$warm" 'BEGIN { printf "%.1f", a / b }') | $(stat "$name" 2) |"
done
[ -z "$aot" ] && echo "| aot | did not publish | | |"
[ ${#failed[@]} -eq 0 ] || echo "failed runs: ${failed[*]}"
