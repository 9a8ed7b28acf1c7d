#!/usr/bin/env bash
# Map-layer throughput: the hotspot vector tiles (GET /tiles/hotspots/14/x/y.mvt, random z14
# tiles over the grids' extent, the last 365 days) and the grid choropleth (GET
# /api/v1/hotspots/grids, the whole district, the last 365 days), each with wrk next to
# pgbench running the very same SQL (hotspot-tile.sql with gi-star.sql included, and
# grid-rates.sql) on the same database, same tiles, same concurrency, and the same session
# settings as the service (JIT off, GRIDMAP_DB_SESSION_OPTIONS). Prints rates, p99 and the
# ratios, and writes them with the machine's description to bench/results/.
#
# Usage: bench/maplayers.sh [--seconds N] [--connections N] [--warmup N]
#   GRIDMAP_DATABASE_URL  database to use (default: the local PostGIS of scripts/postgis.sh)
#   BENCH_PORT            port for the service started here (default 18080)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=4
warmup=30
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "$@"
bench_require wrk pgbench
bench_start_service
url=$bench_url
work=$bench_work
port=${BENCH_PORT:-18080}
sql=backend/src/main/resources/org/gridmap/hotspot

read -r minx miny maxx maxy < <(bench_extent)
# The z14 tiles over the extent, and the cell edge and margin HotspotTileController uses.
read -r x0 x1 y0 y1 < <(python3 - "$minx" "$miny" "$maxx" "$maxy" <<'PY'
import math, sys
minx, miny, maxx, maxy = map(float, sys.argv[1:])
def tile(lon, lat, z=14):
    n = 2 ** z
    r = math.radians(lat)
    return int((lon + 180) / 360 * n), int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)
(xa, ya), (xb, yb) = tile(minx, maxy), tile(maxx, miny)
print(xa, xb, ya, yb)
PY
)
edge=$(awk 'BEGIN {printf "%.6f", 20 * 156543.03 / 2^14}')
margin=$(awk -v e="$edge" 'BEGIN {printf "%.6f", 4 * e}')
echo "z14 tiles x $x0–$x1, y $y0–$y1; $connections connections; ${seconds}s each" >&2

cat >"$work/tiles.lua" <<LUA
math.randomseed(20261123)
request = function()
  local x = math.random($x0, $x1)
  local y = math.random($y0, $y1)
  return wrk.format("GET", string.format("/tiles/hotspots/14/%d/%d.mvt", x, y))
end
LUA

# The service's SQL with its named parameters as pgbench variables or literal values.
composed() {
  python3 - "$sql" "$1" <<'PY'
import sys
folder, name = sys.argv[1:]
body = open(f"{folder}/gi-star.sql").read().strip()
text = open(f"{folder}/{name}").read().replace("-- @include gi-star.sql", body)
lines = [l for l in text.splitlines() if not l.lstrip().startswith("--")]
text = " ".join(lines)
for name, value in {":from": "(now() - interval '365 days')", ":to": "now()",
                    ":matters::text[]": "NULL::text[]", ":matters": "NULL::text[]",
                    ":statuses::text[]": "NULL::text[]", ":statuses": "NULL::text[]",
                    ":minx::float8": "NULL::float8", ":minx": "NULL", ":miny": "NULL", ":maxx": "NULL", ":maxy": "NULL"}.items():
    text = text.replace(name, value)
print(text + ";")
PY
}
{
  echo "\\set x random($x0, $x1)"
  echo "\\set y random($y0, $y1)"
  composed hotspot-tile.sql | sed -e "s/:az/14/g; s/:ax/:x/g; s/:ay/:y/g; s/:z\\b/14/g; s/:edge/$edge/g; s/:margin/$margin/g"
} >"$work/tiles.pgbench"
composed grid-rates.sql >"$work/rates.pgbench"

run() { # name, wrk target (lua script or path), pgbench file
  local name=$1 target=$2 file=$3 args
  if [[ $target == *.lua ]]; then args=(-s "$target" "http://localhost:$port"); else args=("http://localhost:$port$target"); fi
  wrk -H "$bench_auth" -t2 -c"$connections" -d"${warmup}s" "${args[@]}" >/dev/null
  wrk -H "$bench_auth" -t2 -c"$connections" -d"${seconds}s" --latency "${args[@]}" >"$work/$name-wrk.txt"
  PGOPTIONS='-c jit=off' pgbench -n -c "$connections" -j 2 -T 10 -f "$file" "$url" >/dev/null 2>&1
  (cd "$work" && PGOPTIONS='-c jit=off' pgbench -n -c "$connections" -j 2 -T "$seconds" -l --log-prefix="$name-log" \
    -f "$file" "$url" >"$name-pgbench.txt" 2>&1)
  local http_rate http_p99 errors pg_rate pg_p99
  http_rate=$(awk '/^Requests\/sec/ {print $2}' "$work/$name-wrk.txt")
  http_p99=$(awk '$1 == "99%" {print $2}' "$work/$name-wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/$name-wrk.txt")
  pg_rate=$(awk '/^tps/ {print $3; exit}' "$work/$name-pgbench.txt")
  [ -n "$pg_rate" ] || { cat "$work/$name-pgbench.txt" >&2; exit 1; }
  pg_p99=$(bench_pgbench_p99 "$work"/"$name"-log.*)
  echo "$name HTTP:    $http_rate req/s, p99 $http_p99 ${errors:+($errors)}"
  echo "$name pgbench: $pg_rate tps, p99 $pg_p99 (same SQL)"
  echo "$name ratio HTTP / pgbench: $(awk -v h="$http_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h/p}')"
}

{
  bench_header "Map-layer benchmark"
  echo "grids: $(psql "$url" -Atc "select count(*) from grid where valid_to = 'infinity'"); incidents in the last 365 days: $(psql "$url" -Atc "select count(*) from incident where reported_at >= now() - interval '365 days'"); connections: $connections; duration: ${seconds}s"
  run tiles "$work/tiles.lua" "$work/tiles.pgbench"
  run rates /api/v1/hotspots/grids "$work/rates.pgbench"
} | bench_result maplayers
