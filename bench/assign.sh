#!/usr/bin/env bash
# Bulk assignment of points to grids, end to end (from PostGIS and back into it): the
# in-memory index (org.gridmap.gridindex.BulkAssign: binary COPY out, assign in memory, binary
# COPY into a temporary table, one UPDATE … FROM joined on id) next to the best single SQL
# UPDATE … FROM (GiST on ST_Subdivide'd grid polygons, lowest code on shared edges), on the
# same points in fresh copies of the same table. Prints both times, the ratio and how many
# points the two assigned differently, and writes them with the machine's description to
# bench/results/.
#
# Usage: bench/assign.sh [--url postgresql://…] [--points N] [--source address|incident|random]
#   --url     database (default GRIDMAP_DATABASE_URL, else the local PostGIS of scripts/postgis.sh)
#   --points  how many points (default 1000000)
#   --source  where the points come from: address or incident (their first N rows) when the
#             table holds at least N, else (and with random) N uniform random points over the
#             grids' extent. Default: address if large enough, else random.
# The points are copied into scratch tables bench_assign_*, dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

points=1000000
source=
url=${GRIDMAP_DATABASE_URL:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=$2; shift 2 ;;
    --points) points=$2; shift 2 ;;
    --source) source=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_require psql
bench_url=${url:-$(scripts/postgis.sh)}
[ -f backend/target/gridmap.jar ] || mvn -q -B -DskipTests package
q() { PGOPTIONS='-c client_min_messages=warning' psql "$bench_url" -v ON_ERROR_STOP=1 -qAtX "$@"; }
trap 'q -c "DROP TABLE IF EXISTS bench_assign_source, bench_assign_run, bench_assign_sql, bench_grid_sub" >/dev/null 2>&1 || true' EXIT

if [ -z "$source" ]; then
  source=random
  [ "$(q -c "SELECT count(*) >= $points FROM (SELECT 1 FROM address LIMIT $points) a")" = t ] && source=address
fi
case "$source" in
  address | incident)
    [ "$(q -c "SELECT count(*) FROM (SELECT 1 FROM $source LIMIT $points) a")" -ge "$points" ] || source=random ;;
  random) ;;
  *) echo "--source must be address, incident or random" >&2; exit 2 ;;
esac
echo "preparing $points points from $source …" >&2
if [ "$source" = random ]; then
  q -c "DROP TABLE IF EXISTS bench_assign_source;
    CREATE TABLE bench_assign_source AS
    SELECT i::bigint AS id, ST_SetSRID(ST_MakePoint(e.x0 + random() * (e.x1 - e.x0), e.y0 + random() * (e.y1 - e.y0)), 4326) AS geom
    FROM (SELECT ST_XMin(x) x0, ST_XMax(x) x1, ST_YMin(x) y0, ST_YMax(x) y1
          FROM (SELECT ST_Extent(geom)::geometry x FROM grid WHERE valid_from <= now() AND valid_to > now()) g) e,
         generate_series(1, $points) i"
else
  q -c "DROP TABLE IF EXISTS bench_assign_source;
    CREATE TABLE bench_assign_source AS SELECT id, geom FROM $source ORDER BY id LIMIT $points"
fi
# The SQL side's best shape: grids cut into pieces of at most 64 vertices, GiST-indexed.
q -c "DROP TABLE IF EXISTS bench_grid_sub;
  CREATE TABLE bench_grid_sub AS SELECT code, ST_Subdivide(geom, 64) AS geom FROM grid
  WHERE valid_from <= now() AND valid_to > now();
  CREATE INDEX ON bench_grid_sub USING gist (geom); ANALYZE bench_grid_sub"
grids=$(q -c "SELECT count(*) FROM grid WHERE valid_from <= now() AND valid_to > now()")
pieces=$(q -c "SELECT count(*) FROM bench_grid_sub")

# A fresh copy of the points, laid out and indexed like address (id key, GiST, grid_code index).
fresh() {
  q -c "DROP TABLE IF EXISTS bench_assign_run;
    CREATE TABLE bench_assign_run AS SELECT id, NULL::text AS grid_code, geom FROM bench_assign_source;
    ALTER TABLE bench_assign_run ADD PRIMARY KEY (id);
    CREATE INDEX ON bench_assign_run USING gist (geom);
    CREATE INDEX ON bench_assign_run (grid_code)" -c "VACUUM ANALYZE bench_assign_run" >/dev/null
}
now_ms() { date +%s%3N; }

fresh
echo "SQL UPDATE … FROM …" >&2
t0=$(now_ms)
q -c "UPDATE bench_assign_run p SET grid_code = m.code
  FROM (SELECT r.id, min(s.code) AS code FROM bench_assign_run r JOIN bench_grid_sub s ON ST_Intersects(s.geom, r.geom)
        GROUP BY r.id) m
  WHERE p.id = m.id"
sql_ms=$(( $(now_ms) - t0 ))
q -c "DROP TABLE IF EXISTS bench_assign_sql; CREATE TABLE bench_assign_sql AS SELECT id, grid_code FROM bench_assign_run"

fresh
echo "in-memory index …" >&2
t0=$(now_ms)
memory_json=$(java -cp backend/target/gridmap.jar -Dloader.main=org.gridmap.gridindex.BulkAssign \
  org.springframework.boot.loader.launch.PropertiesLauncher --url "$bench_url" --table bench_assign_run)
memory_ms=$(( $(now_ms) - t0 ))
memory_inner=$(echo "$memory_json" | sed -E 's/.*"totalMs":([0-9]+).*/\1/')
differ=$(q -c "SELECT count(*) FROM bench_assign_run r JOIN bench_assign_sql s USING (id) WHERE r.grid_code IS DISTINCT FROM s.grid_code")
assigned=$(q -c "SELECT count(grid_code) FROM bench_assign_run")

{
  bench_header "Bulk assignment benchmark"
  echo "points: $points from $source ($assigned in a grid); grids: $grids ($pieces subdivided pieces for SQL)"
  echo "SQL UPDATE … FROM (GiST, ST_Subdivide 64):  ${sql_ms} ms"
  echo "in-memory index, whole program:          ${memory_ms} ms (JVM start included)"
  echo "in-memory index, connect to commit:      ${memory_inner} ms  $memory_json"
  echo "ratio SQL / in-memory (whole program):   $(awk -v s="$sql_ms" -v m="$memory_ms" 'BEGIN {printf "%.2f", s/m}')"
  echo "points assigned differently:             $differ"
} | bench_result assign
