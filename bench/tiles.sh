#!/usr/bin/env bash
# Vector tiles (issues 5 and 8) on the scaled dataset: GET /tiles/incidents/14/{x}/{y}.mvt
# (wrk) next to pgbench running the very same SQL (backend/src/main/resources/org/gridmap/
# tiles/incidents.sql, with the same z/x/y and feature cap as pgbench variables) at the same
# concurrency, over a fixed list of tiles: the 3 x 3 block of z14 tiles at the centre of the
# district, the densest part of town (about 12,000 incidents a tile). Nothing is cached: the
# service computes every tile (the ETag is only compared when a client sends If-None-Match,
# which wrk does not). Prints time per tile, rates, the ratio HTTP / pgbench and the tiles'
# sizes; results go to bench/results/ with the machine's description.
#
# Usage: bench/tiles.sh [--database NAME | --url URL] [--seconds N] [--connections N] [--warmup N] [--zoom Z]
#   default database: gridmap_scaled (bench/scaled-data.sh), unless GRIDMAP_DATABASE_URL is set
#   BENCH_PORT  port for the service started here (default 18080)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
connections=4
warmup=15
zoom=14
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --zoom) zoom=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -n "${GRIDMAP_DATABASE_URL:-}" ] || bench_database=gridmap_scaled
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "${args[@]}"
bench_require wrk pgbench psql curl
bench_require_scaled
bench_start_service
url=$bench_url
work=$bench_work

# The tile at the centre of the grids' extent, and its 8 neighbours.
read -r minx miny maxx maxy < <(bench_extent)
read -r cx cy < <(awk -v z="$zoom" -v a="$minx" -v b="$miny" -v c="$maxx" -v d="$maxy" 'BEGIN {
  pi = atan2(0, -1); lon = (a + c) / 2; lat = (b + d) / 2 * pi / 180; n = 2 ^ z
  printf "%d %d\n", int((lon + 180) / 360 * n), int((1 - log(sin(lat) / cos(lat) + 1 / cos(lat)) / pi) / 2 * n) }')
x0=$((cx - 1))
y0=$((cy - 1))
max=$(grep -o 'MAX_FEATURES = [0-9_]*' backend/src/main/java/org/gridmap/tiles/TileLayer.java | tr -dc '0-9')

cat >"$work/tiles.lua" <<LUA
math.randomseed(20261123)
request = function()
  local k = math.random(0, 8)
  return wrk.format("GET", string.format("/tiles/incidents/$zoom/%d/%d.mvt", $x0 + k % 3, $y0 + math.floor(k / 3)))
end
LUA
{
  echo "\\set k random(0, 8)"
  echo "\\set z $zoom"
  echo "\\set x $x0 + :k % 3"
  echo "\\set y $y0 + :k / 3"
  echo "\\set maxFeatures $max"
  grep -v '^--' backend/src/main/resources/org/gridmap/tiles/incidents.sql | tr '\n' ' '
  echo ";"
} >"$work/tiles.pgbench"

sizes=""
for k in 0 4 8; do
  tx=$((x0 + k % 3))
  ty=$((y0 + k / 3))
  bytes=$(curl -fsS "$bench_base/tiles/incidents/$zoom/$tx/$ty.mvt" | wc -c)
  points=$(psql "$url" -Atc "SELECT count(*) FROM incident WHERE public_geom && ST_Transform(ST_TileEnvelope($zoom, $tx, $ty), 4326)")
  sizes="$sizes $zoom/$tx/$ty: $bytes bytes, $points incidents;"
done

wrk -t2 -c"$connections" -d"${warmup}s" --timeout 60s -s "$work/tiles.lua" "$bench_base" >/dev/null
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 60s --latency -s "$work/tiles.lua" "$bench_base" >"$work/wrk.txt"
http_rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
http_avg=$(awk '$1 == "Latency" {print $2; exit}' "$work/wrk.txt")
http_p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
http_errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt")
# -M simple: pgbench writes z, x, y and the cap into the text (as parameters it could not type
# the LIMIT), so each execution is planned with its values, as the service's unnamed
# statements with bound values are.
pgbench -n -M simple -c "$connections" -j 2 -T "$warmup" -f "$work/tiles.pgbench" "$url" >"$work/warmup.txt" 2>&1 ||
  { cat "$work/warmup.txt" >&2; exit 1; }
(cd "$work" && pgbench -n -M simple -c "$connections" -j 2 -T "$seconds" -l -f tiles.pgbench "$url" >pgbench.txt 2>&1) ||
  { cat "$work/pgbench.txt" >&2; exit 1; }
pg_rate=$(awk '/^tps/ {print $3; exit}' "$work/pgbench.txt")
pg_avg=$(awk '/^latency average/ {print $4 $5; exit}' "$work/pgbench.txt")
pg_p99=$(bench_pgbench_p99 "$work"/pgbench_log.*)
{
  bench_header "Vector tile benchmark"
  echo "incidents: $(psql "$url" -Atc "SELECT count(*) FROM incident"); tiles: z$zoom x $x0-$((x0 + 2)) y $y0-$((y0 + 2)), picked at random; connections: $connections; duration: ${seconds}s"
  echo "sizes:$sizes"
  echo "HTTP  GET /tiles/incidents/$zoom/x/y.mvt: $(awk -v r="$http_rate" -v c="$connections" 'BEGIN {printf "%.0f", 1000 * c / r}') ms/tile ($http_rate tiles/s, mean latency $http_avg, p99 $http_p99) ${http_errors:+($http_errors)}"
  echo "pgbench same SQL:                  $(awk -v r="$pg_rate" -v c="$connections" 'BEGIN {printf "%.0f", 1000 * c / r}') ms/tile ($pg_rate tps, latency average $pg_avg, p99 $pg_p99)"
  echo "ratio HTTP / pgbench:              $(awk -v h="$http_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h / p}')"
} | bench_result tiles
