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
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
port=${BENCH_PORT:-18080}

for tool in wrk pgbench; do
  if ! command -v "$tool" >/dev/null; then
    [ "$(id -u)" = 0 ] || { echo "$tool is missing: apt-get install wrk postgresql-contrib" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
done

url=${GRIDMAP_DATABASE_URL:-$(scripts/postgis.sh)}
export GRIDMAP_DATABASE_URL=$url
[ -f backend/target/gridmap.jar ] || mvn -q -B -DskipTests package

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The service, with the demo district loaded if the database is empty.
GRIDMAP_DEMO_DATA=true SERVER_PORT=$port java -jar backend/target/gridmap.jar >"$work/service.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 1
done

read -r minx miny maxx maxy < <(psql "$url" -Atc \
  "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
   FROM (SELECT ST_Extent(geom)::geometry e FROM grid WHERE valid_to = 'infinity') x" | tr '|' ' ')
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
pg_p99=$(cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2fms", a[int(NR*0.99)]/1000}')

ratio=$(awk -v h="$http_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h/p}')
mkdir -p bench/results
result="bench/results/lookup-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# Lookup benchmark, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "postgres: $(psql "$url" -Atc 'select version()' | cut -d, -f1); $(psql "$url" -Atc 'select postgis_lib_version()' | sed 's/^/PostGIS /')"
  echo "grids: $(psql "$url" -Atc "select count(*) from grid where valid_to = 'infinity'"); connections: $connections; duration: ${seconds}s"
  echo "HTTP  GET /api/v1/lookup: $http_rate req/s, p99 $http_p99 ${http_errors:+($http_errors)}"
  echo "pgbench same SQL:         $pg_rate tps, p99 $pg_p99"
  echo "ratio HTTP / pgbench:     $ratio"
} | tee "$result"
