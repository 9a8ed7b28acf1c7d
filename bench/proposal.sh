#!/usr/bin/env bash
# Proposed grids: for every community and village of the demo district, how long POST
# /api/v1/proposals takes and how good the proposal is: grids, households per grid (smallest,
# largest, standard deviation, how many in 300–500) and compactness (mean and smallest
# Polsby-Popper 4πA/P²). One request per community, one after another, after --warmup requests
# on the first; then the median and max time. Proposals change nothing, so the database is
# only read. Uses its own database gridmap_bench_proposal (never GRIDMAP_DATABASE_URL's).
#
# Usage: bench/proposal.sh [--warmup N] [--target N]
#   BENCH_PORT  port for the service started here (default 18080)
set -euo pipefail
cd "$(dirname "$0")/.."

warmup=3
target=400
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_require psql curl python3
GRIDMAP_DATABASE_URL=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database gridmap_bench_proposal)
export GRIDMAP_DATABASE_URL
bench_start_service
communities=$(psql "$bench_url" -Atc "SELECT code FROM admin_area WHERE level = 'community' AND valid_to = 'infinity' ORDER BY code")
first=$(head -1 <<<"$communities")
body() { echo "{\"community\":\"$1\",\"targetHouseholds\":$target}"; }
for _ in $(seq 1 "$warmup"); do
  curl -fsS -o /dev/null -X POST "$bench_base/api/v1/proposals" -H 'Content-Type: application/json' -d "$(body "$first")"
done
for code in $communities; do
  seconds=$(curl -fsS -o "$bench_work/$code.json" -w '%{time_total}' -X POST "$bench_base/api/v1/proposals" \
    -H 'Content-Type: application/json' -d "$(body "$code")")
  echo "$code $seconds" >>"$bench_work/times.txt"
done

{
  bench_header "Proposed grids benchmark"
  echo "target $target households (300–500), $(wc -l <<<"$communities") communities and villages, one request at a time"
  python3 - "$bench_work" <<'PY'
import json, os, statistics, sys
work = sys.argv[1]
times = [line.split() for line in open(os.path.join(work, 'times.txt'))]
print(f"{'community':<13} {'name':<6} {'households':>10} {'grids':>5} {'min':>4} {'max':>4} {'stddev':>6} {'in range':>8} {'PP mean':>7} {'PP min':>6} {'atoms':>5} {'ms':>6}")
for code, seconds in times:
    p = json.load(open(os.path.join(work, code + '.json')))
    b, c, m = p['balance'], p['compactness'], p['method']
    print(f"{code:<13} {p['community']['name']:<6} {b['households']:>10} {b['grids']:>5} {b['smallest']:>4} {b['largest']:>4} "
          f"{b['stddev']:>6} {b['withinRange']:>4}/{b['grids']:<3} {c['mean']:>7} {c['min']:>6} {m['atoms']:>5} {float(seconds) * 1000:>6.0f}")
ms = sorted(float(s) * 1000 for _, s in times)
print(f"time per proposal: median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms")
PY
} | bench_result proposal
