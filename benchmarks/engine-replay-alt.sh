#!/usr/bin/env bash
# The care engine's replay inside `crmkit run`, two builds alternating (old, new, old, new, ...), one process at a time.
#   bash benchmarks/engine-replay-alt.sh OLD_DIR NEW_DIR DATA_DIR [ROUNDS] [OUT_DIR]
# OLD_DIR and NEW_DIR hold a built tool each (dotnet build -c Release src/CrmKit.Cli -o DIR at the two commits).
# Prints per run the load average at its start, the summary's "care engine W s (cpu C s)" stage, and the whole process's
# wall, CPU and peak resident memory (/usr/bin/time); the summaries are kept in OUT_DIR (default /tmp/engine-replay-alt).
set -euo pipefail
old=$1 new=$2 data=$3 rounds=${4:-2} out=${5:-/tmp/engine-replay-alt}
mkdir -p "$out"
for i in $(seq 1 "$rounds"); do
  for side in old new; do
    dir=$old; [ "$side" = new ] && dir=$new
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "wall %e user %U sys %S rss %M" "$dir/crmkit" run --data "$data" --no-report > "$out/$side-$i.txt" 2> "$out/$side-$i.time"
    stage=$(grep -o "care engine [0-9.]* s (cpu [0-9.]* s)" "$out/$side-$i.txt")
    echo "round $i $side load $load | $stage | $(tail -1 "$out/$side-$i.time")"
  done
done
