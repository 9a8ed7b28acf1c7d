#!/usr/bin/env bash
# Lookup throughput: HTTP GET /api/v1/lookup (wrk) next to pgbench running the very same SQL
# (backend/src/main/resources/org/gridmap/lookup/lookup.sql) on the same database, with the
# same uniform random points over the grids' extent, at the same concurrency. Prints both
# rates, their p99 and the ratio, and writes them with the machine's description to
# bench/results/.
#
# Three runs of the service: (1) the database path (GRIDMAP_LOOKUP_INDEX=database) against
# pgbench; (2) the in-memory path (GRIDMAP_LOOKUP_INDEX=memory) against pgbench and against
# GET /api/v1/bench/constant, a constant body of the same size through the same stack
# (GRIDMAP_BENCH_ENDPOINTS=true, only here); (3) open-loop latency of the in-memory path at a
# fixed rate, 70 % of the rate measured in (2), with bench/openloop.c (one thread and epoll,
# latency counted from each request's due time, so queueing is not hidden).
# BENCH_DB_OPTIONS: extra JVM -D options for the database-path run (e.g. to try a statement
# cache: "-Dspring.r2dbc.properties.preparedStatementCacheQueries=256").
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
bench_require wrk pgbench gcc
command -v java >/dev/null || { echo "java is missing" >&2; exit 1; }
# (1) The database path.
GRIDMAP_LOOKUP_INDEX=database JAVA_TOOL_OPTIONS="${BENCH_DB_OPTIONS:-}" bench_start_service
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
cpu_before=$(bench_cpu_us)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/lookup.lua" "http://localhost:$port" >"$work/wrk.txt"
http_cpu=$(bench_cpu_per_request "$cpu_before" "$(bench_cpu_us)" "$work/wrk.txt")
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

# (2) The in-memory path, and the constant body beside it.
bench_stop_service
GRIDMAP_LOOKUP_INDEX=memory GRIDMAP_BENCH_ENDPOINTS=true bench_start_service
for _ in $(seq 1 60); do
  curl -fs "$bench_base/actuator/info" | grep -q '"grids"' && break
  sleep 1
done
index_info=$(curl -s "$bench_base/actuator/info" | sed -E 's/.*"gridIndex":\{([^}]*)\}.*/\1/')
source=$(curl -si "$bench_base/api/v1/lookup?lon=$minx&lat=$miny" | awk -F': ' 'tolower($1) == "x-lookup-source" {print $2}' | tr -d '\r')
[ "$source" = memory ] || { echo "the in-memory index did not answer (X-Lookup-Source: $source)" >&2; exit 1; }
wrk -t2 -c"$connections" -d"${warmup}s" -s "$work/lookup.lua" "http://localhost:$port" >/dev/null
cpu_before=$(bench_cpu_us)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/lookup.lua" "http://localhost:$port" >"$work/wrk-memory.txt"
mem_cpu=$(bench_cpu_per_request "$cpu_before" "$(bench_cpu_us)" "$work/wrk-memory.txt")
mem_rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk-memory.txt")
mem_p99=$(awk '$1 == "99%" {print $2}' "$work/wrk-memory.txt")
mem_errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk-memory.txt")
# The same client work as the lookups (wrk's Lua makes every request; on 2 cores wrk's own
# CPU counts): the same random query strings, sent to the constant endpoint, which ignores them.
sed -e 's|/api/v1/lookup?|/api/v1/bench/constant?|' "$work/lookup.lua" >"$work/constant.lua"
wrk -t2 -c"$connections" -d"$(( warmup / 2 + 1 ))s" -s "$work/constant.lua" "http://localhost:$port" >/dev/null
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/constant.lua" "http://localhost:$port" >"$work/wrk-constant.txt"
const_rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk-constant.txt")
const_bytes=$(curl -fs "http://localhost:$port/api/v1/bench/constant" | wc -c)

# (3) Open loop at 70 % of the closed-loop maximum.
open_rate=$(awk -v m="$mem_rate" 'BEGIN {printf "%d", m * 0.7}')
gcc -O2 -o "$work/openloop" bench/openloop.c
open_line=$("$work/openloop" 127.0.0.1 "$port" "$open_rate" "$seconds" "$minx" "$miny" "$maxx" "$maxy" || true)

{
  bench_header "Lookup benchmark"
  echo "grids: $(psql "$url" -Atc "select count(*) from grid where valid_to = 'infinity'"); connections: $connections; duration: ${seconds}s"
  echo "database path:   HTTP GET /api/v1/lookup: $http_rate req/s, p99 $http_p99 ${http_errors:+($http_errors)}${BENCH_DB_OPTIONS:+ (JVM options: $BENCH_DB_OPTIONS)}"
  echo "pgbench same SQL:                         $pg_rate tps, p99 $pg_p99"
  echo "ratio database path / pgbench:            $ratio   (target ≥ 0.6)"
  echo "in-memory path:  HTTP GET /api/v1/lookup: $mem_rate req/s, p99 $mem_p99 ${mem_errors:+($mem_errors)}"
  echo "constant body ($const_bytes bytes), same stack:  $const_rate req/s"
  echo "ratio in-memory / pgbench:                $(awk -v h="$mem_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h/p}')   (target ≥ 2)"
  echo "ratio in-memory / constant body:          $(awk -v h="$mem_rate" -v p="$const_rate" 'BEGIN {printf "%.2f", h/p}')   (target ≥ 0.8)"
  echo "CPU per lookup, JVM + PostgreSQL:  database path $http_cpu, in-memory path $mem_cpu (wrk's own CPU not counted)"
  echo "open loop at 70 % ($open_rate/s):           $open_line   (target p99 ≤ 5 ms)"
  echo "index: $index_info"
} | bench_result lookup
rm -rf "$work"
