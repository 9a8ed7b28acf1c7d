#!/usr/bin/env bash
# Coverage and walking-area timings: HTTP GET /api/v1/coverage (method=circle and
# method=network, the whole database: no area) next to pgbench running the very same SQL
# (backend/src/main/resources/org/gridmap/station/coverage.sql with the service's values
# written in), one client each, since a coverage answer is one big query rather than many
# small ones; then the network walking area per station: GET /api/v1/stations/{code}/circle
# for every station over HTTP, and gridmap_network_area() alone for every station in SQL.
# Prints the figures and writes them with the machine's description to bench/results/.
#
# Usage: bench/coverage.sh [--seconds N] [--warmup N]
#   --seconds N            time spent on each measured figure (default 20; at least 3 runs)
#   --warmup N             requests of each kind before measuring (default 2)
#   GRIDMAP_DATABASE_URL   database to use (default: the local PostGIS of scripts/postgis.sh);
#                          a database that holds grids already (e.g. the scaled dataset) is
#                          used as it is, an empty one gets the demo district
#   BENCH_PORT             port for the service started here (default 18080)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=1
warmup=2
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "$@"
bench_require pgbench psql curl
bench_start_service
url=$bench_url
work=$bench_work

minutes=15
metres=1125 # 15 min at the default 4.5 km/h
snap=300    # GRIDMAP_NETWORK_SNAP_METRES default
buffer=100  # GRIDMAP_NETWORK_ACCESS_METRES default

# Seconds per request: repeats the URL until $seconds have passed (at least 3 times).
http_time() {
  local start now runs=0 total=0 t
  for _ in $(seq 1 "$warmup"); do curl -fs -o /dev/null "$1"; done
  start=$(date +%s.%N)
  while :; do
    t=$(curl -fs -o /dev/null -w '%{time_total}' "$1")
    total=$(awk -v a="$total" -v b="$t" 'BEGIN {print a + b}')
    runs=$((runs + 1))
    now=$(date +%s.%N)
    if [ "$runs" -ge 3 ] && awk -v s="$start" -v n="$now" -v d="$seconds" 'BEGIN {exit !(n - s >= d)}'; then break; fi
  done
  awk -v t="$total" -v r="$runs" 'BEGIN {printf "%.3f", t / r}'
}

# Seconds per transaction of pgbench running a SQL file with one client.
pg_time() {
  pgbench -n -c 1 -t "$warmup" -f "$1" "$url" >/dev/null 2>&1
  (cd "$work" && pgbench -n -c 1 -T "$seconds" -f "$1" "$url" >"$1.out" 2>&1) || { cat "$work/$1.out" >&2; exit 1; }
  awk '/^tps/ {printf "%.3f", 1 / $3; exit}' "$work/$1.out"
}

# The service's coverage SQL with the values the service binds written in. Lines stay lines:
# pgbench reads a statement up to its semicolon, and the SQL has comments at line ends.
coverage_sql() {
  grep -v '^--' backend/src/main/resources/org/gridmap/station/coverage.sql |
    sed -e "s/:metres/${metres}::float8/g; s/:snap/${snap}::float8/g; s/:buffer/${buffer}::float8/g" \
      -e "s/:method/'$1'/g; s/:area::text/NULL::text/g; s/:area/NULL::text/g; s/:overlaps/10/g"
  echo ";"
}

coverage_sql circle >"$work/circle.sql"
coverage_sql network >"$work/network.sql"
echo "SELECT count(area) FROM service_station s CROSS JOIN LATERAL gridmap_network_area(ST_X(s.geom), ST_Y(s.geom), ${metres}, ${snap}, ${buffer});" >"$work/areas.sql"

base="http://localhost:${BENCH_PORT:-18080}"
network=$(curl -fs "$base/api/v1/network")
available=$(printf '%s' "$network" | grep -o '"available":[a-z]*' | cut -d: -f2)

echo "coverage, method=circle ..." >&2
http_circle=$(http_time "$base/api/v1/coverage?minutes=$minutes&mode=walk&method=circle")
pg_circle=$(cd "$work" && pg_time circle.sql)
if [ "$available" = true ]; then
  echo "coverage, method=network ..." >&2
  http_network=$(http_time "$base/api/v1/coverage?minutes=$minutes&mode=walk&method=network")
  pg_network=$(cd "$work" && pg_time network.sql)
  echo "network walking area per station ..." >&2
  codes=$(psql "$url" -Atc "SELECT code FROM service_station ORDER BY code")
  stations=$(printf '%s\n' "$codes" | wc -l)
  start=$(date +%s.%N)
  for code in $codes; do curl -fs -o /dev/null "$base/api/v1/stations/$code/circle?minutes=$minutes&mode=walk"; done
  http_area=$(awk -v s="$start" -v n="$(date +%s.%N)" -v k="$stations" 'BEGIN {printf "%.3f", (n - s) / k}')
  sql_all=$(cd "$work" && pg_time areas.sql)
  sql_area=$(awk -v t="$sql_all" -v k="$stations" 'BEGIN {printf "%.4f", t / k}')
fi

# Speed ratio, as the other benchmarks print it: pgbench's time over HTTP's (1 = as fast as pgbench).
ratio() { awk -v h="$1" -v p="$2" 'BEGIN {printf "%.2f", p / h}'; }
{
  bench_header "Coverage benchmark"
  echo "data: $(psql "$url" -Atc "select count(*) from address") addresses, $(psql "$url" -Atc "select coalesce(sum(households), 0) from address") households, $(psql "$url" -Atc "select count(*) from service_station") stations, $(psql "$url" -Atc "select count(*) from road_edge") road edges; reach ${minutes} min walking = ${metres} m; ${seconds}s per figure, 1 client"
  echo "HTTP GET /api/v1/coverage method=circle:  ${http_circle} s per answer"
  echo "pgbench same SQL (circle):                ${pg_circle} s per answer"
  echo "speed ratio HTTP / pgbench (circle):      $(ratio "$http_circle" "$pg_circle")"
  if [ "$available" = true ]; then
    echo "HTTP GET /api/v1/coverage method=network: ${http_network} s per answer"
    echo "pgbench same SQL (network):               ${pg_network} s per answer"
    echo "speed ratio HTTP / pgbench (network):     $(ratio "$http_network" "$pg_network")"
    echo "network area per station, HTTP circle endpoint (circle + area + grid shares): ${http_area} s"
    echo "network area per station, gridmap_network_area() alone in SQL:              ${sql_area} s"
  else
    echo "network: unavailable ($network)"
  fi
} | bench_result coverage
