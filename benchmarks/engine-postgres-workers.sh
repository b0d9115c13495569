#!/usr/bin/env bash
# Events per second of the care engine on PostgreSQL with 1, 2 and 4 worker processes draining one inbox
# (docs/database.md). Each round: a fresh schema, CUSTOMERS × PER_CUSTOMER events seeded into crm_engine_inbox
# (orders and inbound messages), then N CrmKit.Engine.KillTestWorker processes in `drain` mode, timed from their start
# until the last one exits (the inbox is empty).
#   source .ci/postgres start; bash benchmarks/engine-postgres-workers.sh [CUSTOMERS] [PER_CUSTOMER] [WORKERS...]
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-2000}; per=${2:-10}; shift $(( $# > 2 ? 2 : $# )) || true
workers=("$@"); [ ${#workers[@]} -gt 0 ] || workers=(1 2 4)
server=${CRMKIT_ENGINE_POSTGRES:-${CRMKIT_TEST_POSTGRES:?set CRMKIT_ENGINE_POSTGRES or run: source .ci/postgres start}}
dotnet build -c Release tests/CrmKit.Engine.KillTestWorker -v q -nologo >/dev/null
worker=tests/CrmKit.Engine.KillTestWorker/bin/Release/net10.0/CrmKit.Engine.KillTestWorker.dll
echo "# $(date -u +%FT%TZ) $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $customers customers × $per events"
echo "| workers | events | seconds | events/s | load average after |"
echo "|---:|---:|---:|---:|---|"
for n in "${workers[@]}"; do
  export CRMKIT_ENGINE_POSTGRES="$server;Search Path=crm_bench_w$n"
  dotnet "$worker" reset
  dotnet "$worker" seed "$customers" "$per"
  start=$(date +%s.%N)
  pids=()
  for _ in $(seq "$n"); do dotnet "$worker" drain >/dev/null & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  events=$((customers * per))
  python3 -c "import sys; s=$end-$start; print(f'| $n | $events | {s:.1f} | {$events/s:.0f} | $(cut -d' ' -f1-3 /proc/loadavg) |')"
done
