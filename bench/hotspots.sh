#!/usr/bin/env bash
# Hotspot aggregation (issue 5) on the scaled dataset: GET /api/v1/hotspots (wrk) next to
# pgbench running the very same SQL (backend/src/main/resources/org/gridmap/hotspot/hotspots.sql with gi-star.sql,
# its parameters written in as the values the service binds) at the same concurrency, for
#   district  the grids' whole extent, 250 m cells (the endpoint's default), one year
#   street    the first street's extent (about 3 x 3 km), 50 m cells, the same year
# The year is the dataset's last (2025-11-01 to 2026-11-01, +08:00), not "the last 365 days",
# so reruns compare. Prints time per request, rates and the ratio HTTP / pgbench, and checks
# that both return the same cells. Results go to bench/results/ with the machine's description.
#
# Usage: bench/hotspots.sh [--database NAME | --url URL] [--seconds N] [--connections N] [--warmup N]
#   default database: gridmap_scaled (bench/scaled-data.sh), unless GRIDMAP_DATABASE_URL is set
#   BENCH_PORT  port for the service started here (default 18080)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
# Each district request is a full aggregation: about one per core keeps both sides busy.
connections=2
warmup=15
[ -n "${GRIDMAP_DATABASE_URL:-}" ] || bench_database=gridmap_scaled
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "$@"
bench_require wrk pgbench psql curl
bench_require_scaled
bench_start_service
url=$bench_url
work=$bench_work
from='2025-11-01T00:00:00+08:00'
to='2026-11-01T00:00:00+08:00'

# The SQL as the service runs it for a bbox and cell size: the edge in Web Mercator units is
# computed as HotspotController does (cellMetres / cos(mid latitude)), filters unset.
hotspot_sql() { # minx miny maxx maxy cellMetres
  local edge
  edge=$(awk -v a="$2" -v b="$4" -v c="$5" 'BEGIN {printf "%.17g", c / cos((a + b) / 2 * atan2(0, -1) / 180)}')
  local folder=backend/src/main/resources/org/gridmap/hotspot
  # hotspots.sql includes gi-star.sql where it says so (GiStar.java does the same)
  sed -e "/^-- @include gi-star.sql/{r $folder/gi-star.sql" -e 'd}' "$folder/hotspots.sql" | grep -v '^ *--' | sed -e "
    s/:minx/$1::float8/g; s/:miny/$2::float8/g; s/:maxx/$3::float8/g; s/:maxy/$4::float8/g
    s/:edge/$edge::float8/g; s/:from/'$from'::timestamptz/g; s/:to/'$to'::timestamptz/g
    s/:matters::text\[\]/NULL::text[]/g; s/:matters/NULL::text[]/g
    s/:statuses::text\[\]/NULL::text[]/g; s/:statuses/NULL::text[]/g" | tr '\n' ' '
  echo ";"
}

measure() { # label minx miny maxx maxy cellMetres
  local label=$1 path sql http_rate http_avg pg_rate pg_avg http_cells sql_cells
  shift
  path="/api/v1/hotspots?bbox=$1,$2,$3,$4&cellMetres=$5&from=${from/+/%2B}&to=${to/+/%2B}"
  hotspot_sql "$@" >"$work/$label.sql"
  http_cells=$(curl -fsS "$bench_base$path" | grep -o '"type":"Feature"' | wc -l)
  sql_cells=$(psql "$url" -Atf "$work/$label.sql" | wc -l)
  wrk -H "$bench_auth" -t1 -c"$connections" -d"${warmup}s" --timeout 120s "$bench_base$path" >/dev/null
  wrk -H "$bench_auth" -t1 -c"$connections" -d"${seconds}s" --timeout 120s --latency "$bench_base$path" >"$work/wrk-$label.txt"
  http_rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk-$label.txt")
  http_avg=$(awk '$1 == "Latency" {print $2; exit}' "$work/wrk-$label.txt")
  # Literal values: -M simple sends the text as it is, planned with its values like the
  # service's unnamed statements.
  pgbench -n -M simple -c "$connections" -j "$connections" -T "$warmup" -f "$work/$label.sql" "$url" >/dev/null 2>&1
  pgbench -n -M simple -c "$connections" -j "$connections" -T "$seconds" -f "$work/$label.sql" "$url" >"$work/pgbench-$label.txt" 2>&1 ||
    { cat "$work/pgbench-$label.txt" >&2; exit 1; }
  pg_rate=$(awk '/^tps/ {print $3; exit}' "$work/pgbench-$label.txt")
  pg_avg=$(awk '/^latency average/ {print $4 $5; exit}' "$work/pgbench-$label.txt")
  printf '%-8s bbox %s,%s,%s,%s, %s m cells: HTTP %s ms/request avg (%s req/s, %s cells); pgbench same SQL %s avg (%s tps, %s cells); ratio %s\n' \
    "$label" "$1" "$2" "$3" "$4" "$5" "$(awk -v r="$http_rate" -v c="$connections" 'BEGIN {printf "%.0f", 1000 * c / r}')" \
    "$http_rate" "$http_cells" "$pg_avg" "$pg_rate" "$sql_cells" "$(awk -v h="$http_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h / p}')"
  echo "         wrk: $(awk '/requests in/ {print $1 " requests in " $4}' "$work/wrk-$label.txt") mean latency $http_avg"
}

read -r minx miny maxx maxy < <(bench_extent)
read -r sminx sminy smaxx smaxy < <(psql "$url" -Atc "SELECT ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)
  FROM admin_area WHERE level = 'street' AND valid_to = 'infinity' ORDER BY code LIMIT 1" | tr '|' ' ')
district=$(measure district "$minx" "$miny" "$maxx" "$maxy" 250)
street=$(measure street "$sminx" "$sminy" "$smaxx" "$smaxy" 50)
{
  bench_header "Hotspot benchmark"
  echo "incidents: $(psql "$url" -Atc "SELECT count(*) FROM incident"), of them in the year $from – $to: $(psql "$url" -Atc "SELECT count(*) FROM incident WHERE reported_at >= '$from' AND reported_at < '$to'")"
  echo "connections: $connections; duration: ${seconds}s each (after ${warmup}s warm-up)"
  echo "$district"
  echo "$street"
} | bench_result hotspots
