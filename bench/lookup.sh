#!/usr/bin/env bash
# Lookup throughput: HTTP GET /api/v1/lookup (wrk) next to pgbench running the very same SQL
# (backend/src/main/resources/org/gridmap/lookup/lookup.sql) on the same database, with the
# same uniform random points over the grids' extent, at the same concurrency. Prints both
# rates, their p99 and the ratio, and writes them with the machine's description to
# bench/results/.
#
# Usage: bench/lookup.sh [--seconds N] [--connections N] [--warmup N]
#   GRIDMAP_DATABASE_URL  database to use (default: the local PostGIS of scripts/postgis.sh)
#   BENCH_PORT            port for the service started here (default 18080)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=16
# The JIT needs about a minute of load on 2 cores before the service reaches steady state.
warmup=60
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "$@"
bench_require wrk pgbench
bench_start_service
url=$bench_url
work=$bench_work
port=${BENCH_PORT:-18080}

read -r minx miny maxx maxy < <(bench_extent)
echo "points: uniform over the grids' extent $minx,$miny – $maxx,$maxy; $connections connections; ${seconds}s each" >&2

# HTTP: each request a fresh random point (fixed seed per wrk thread).
cat >"$work/lookup.lua" <<LUA
math.randomseed(20261123)
request = function()
  local lon = $minx + math.random() * ($maxx - $minx)
  local lat = $miny + math.random() * ($maxy - $miny)
  return wrk.format("GET", string.format("/api/v1/lookup?lon=%.7f&lat=%.7f", lon, lat))
end
LUA
wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/lookup.lua" "http://localhost:$port" >/dev/null # warm-up
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/lookup.lua" "http://localhost:$port" >"$work/wrk.txt"
http_rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
http_p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
http_errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt")

# pgbench: the service's own SQL file, its $1/$2/$3 replaced by pgbench variables.
{
  echo "\\set lon $minx + random(0, 10000000) * ($maxx - $minx) / 10000000.0"
  echo "\\set lat $miny + random(0, 10000000) * ($maxy - $miny) / 10000000.0"
  grep -v '^--' backend/src/main/resources/org/gridmap/lookup/lookup.sql \
    | sed -e 's/\$1/:lon/; s/\$2/:lat/; s/\$3/now()/' | tr '\n' ' '
  echo ";"
} >"$work/lookup.pgbench"
pgbench -n -M prepared -c "$connections" -j 2 -T 10 -f "$work/lookup.pgbench" "$url" >/dev/null 2>&1 # warm-up
(cd "$work" && pgbench -n -M prepared -c "$connections" -j 2 -T "$seconds" -l -f lookup.pgbench "$url" >pgbench.txt 2>&1)
pg_rate=$(awk '/^tps/ {print $3; exit}' "$work/pgbench.txt")
pg_p99=$(bench_pgbench_p99 "$work"/pgbench_log.*)

ratio=$(awk -v h="$http_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h/p}')
{
  bench_header "Lookup benchmark"
  echo "grids: $(psql "$url" -Atc "select count(*) from grid where valid_to = 'infinity'"); connections: $connections; duration: ${seconds}s"
  echo "HTTP  GET /api/v1/lookup: $http_rate req/s, p99 $http_p99 ${http_errors:+($http_errors)}"
  echo "pgbench same SQL:         $pg_rate tps, p99 $pg_p99"
  echo "ratio HTTP / pgbench:     $ratio"
} | bench_result lookup
