#!/usr/bin/env bash
# Planning: how long validation and the impact report of a draft touching a whole street take,
# and how long publishing it takes. The draft is a street plan (by default the street with most
# grids: on the demo district 东兴街道 230304001, 34 grids in 5 communities) with one batch of
# reshapes that moves every vertex inside the communities by up to ~1 m (the same vertex the
# same way in every grid that has it, so the coverage stays exact) and keeps the community
# outlines: all the street's grids change. Validation and impact are timed one request after
# another (median and max over --rounds after --warmup rounds); then the plan is published
# effective today (the heavier path: addresses and open incidents move at once) and the
# publish is timed; then the district is put back as it was.
# By default it uses its own database gridmap_bench_plan, emptied first and loaded with the demo
# district (never GRIDMAP_DATABASE_URL's). With --database NAME or --url URL it runs on that
# database as it is, e.g. the scaled dataset (bench/scaled-data.sh: 2,000 grids, 1,000,000
# addresses), and puts it back afterwards; without --street it takes the street with most grids.
#
# Usage: bench/plan.sh [--rounds N] [--warmup N] [--street CODE] [--database NAME | --url URL]
#   BENCH_PORT  port for the service started here (default 18080)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=20
warmup=10
street=
given_database=
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --street) street=$2; shift 2 ;;
    --database) given_database=$2; shift 2 ;;
    --url) GRIDMAP_DATABASE_URL=$2; given_database=url; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_require psql curl
case "$given_database" in
  '') GRIDMAP_DATABASE_URL=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database gridmap_bench_plan --fresh) ;;
  url) ;;
  *) GRIDMAP_DATABASE_URL=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database "$given_database") ;;
esac
export GRIDMAP_DATABASE_URL
bench_start_service
if [ -z "$street" ]; then
  street=$(psql "$bench_url" -Atc "SELECT left(code, 9) FROM grid WHERE valid_to = 'infinity'
                                   GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
fi
api="$bench_base/api/v1"
today=$(TZ=Asia/Shanghai date +%F)

# A plan for the street, effective today.
created=$(curl -fsS -X POST "$api/plans" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"parent\":\"$street\",\"effectiveDate\":\"$today\",\"author\":\"bench\"}")
plan=$(sed -E 's/^\{"id":([0-9]+).*/\1/' <<<"$created")
etag="\"plan-$plan-1\""

# The batch of reshapes, written by PostGIS: every vertex of every live grid of the street that
# is not on its community's outline moves by a deterministic function of its coordinates.
psql "$bench_url" -Atq >"$bench_work/changes.json" <<SQL
WITH pts AS (
    SELECT g.code, (d).path AS path, (d).geom AS p, c.geom AS community
    FROM grid g
    JOIN admin_area c ON c.code = g.community_code AND c.valid_to = 'infinity'
    CROSS JOIN LATERAL ST_DumpPoints(g.geom) d
    WHERE left(g.code, 9) = '$street' AND g.valid_to = 'infinity'
),
moved AS (
    SELECT code, path,
           CASE WHEN ST_DWithin(p, ST_Boundary(community), 1e-9) THEN p
                ELSE ST_Translate(p, 1e-5 * sin(ST_X(p) * 1e5), 1e-5 * cos(ST_Y(p) * 1e5)) END AS p
    FROM pts
),
rings AS (
    SELECT code, path[1] AS polygon, path[2] AS ring, ST_MakeLine(p ORDER BY path[3]) AS line
    FROM moved GROUP BY code, path[1], path[2]
),
polygons AS (
    SELECT code, polygon,
           ST_MakePolygon((array_agg(line ORDER BY ring))[1],
                          coalesce((array_agg(line ORDER BY ring))[2:], ARRAY[]::geometry[])) AS shape
    FROM rings GROUP BY code, polygon
)
SELECT json_build_object('author', 'bench', 'changes', json_build_array(json_build_object(
           'kind', 'reshape',
           'grids', json_agg(json_build_object('grid', code, 'geometry', ST_AsGeoJSON(shape, 15)::json) ORDER BY code))))
FROM (SELECT code, ST_Multi(ST_Collect(shape ORDER BY polygon)) AS shape FROM polygons GROUP BY code) g;
SQL
grids=$(grep -o '"grid"' "$bench_work/changes.json" | wc -l)
curl -fsS -o /dev/null -X POST "$api/plans/$plan/changes" -H 'Content-Type: application/json' -H "If-Match: $etag" \
  --data-binary @"$bench_work/changes.json"
etag="\"plan-$plan-2\""

errors=$(curl -fsS "$api/plans/$plan/validation" | grep -o '"errors":[0-9]*' | head -1)
[ "$errors" = '"errors":0' ] || { echo "the bench draft is not valid ($errors)" >&2; exit 1; }

# Seconds per request, one after another.
time_requests() { # path count
  local i
  for i in $(seq 1 "$2"); do
    curl -fsS -o /dev/null -w '%{time_total}\n' "$api/plans/$plan/$1"
  done
}
summary() { # stdin: seconds per line → "median X ms, max Y ms (n)"
  sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms, max %.0f ms (%d requests)", a[int((NR+1)/2)]*1000, a[NR]*1000, NR}'
}
time_requests validation "$warmup" >/dev/null
time_requests impact "$warmup" >/dev/null
validation=$(time_requests validation "$rounds" | summary)
impact=$(time_requests impact "$rounds" | summary)
both=$(for _ in $(seq 1 "$rounds"); do
  a=$(curl -fsS -o /dev/null -w '%{time_total}' "$api/plans/$plan/validation")
  b=$(curl -fsS -o /dev/null -w '%{time_total}' "$api/plans/$plan/impact")
  awk -v a="$a" -v b="$b" 'BEGIN {print a + b}'
done | summary)

publish=$(curl -fsS -o "$bench_work/publish.json" -w '%{time_total}' -X POST "$api/plans/$plan/publish" \
  -H 'Content-Type: application/json' -H "If-Match: $etag" -d '{"author":"bench"}')
moved=$(grep -o '"addressesMoved":[0-9]*,"incidentsMoved":[0-9]*' "$bench_work/publish.json")

# Back to the district as it was.
psql -q "$bench_url" <<SQL
DELETE FROM grid_staff WHERE opened_by_plan = $plan;
UPDATE grid_staff SET valid_to = 'infinity', closed_by_plan = NULL WHERE closed_by_plan = $plan;
DELETE FROM grid WHERE opened_by_plan = $plan;
UPDATE grid SET valid_to = 'infinity', closed_by_plan = NULL WHERE closed_by_plan = $plan;
UPDATE address a SET grid_code = (SELECT g.code FROM grid g WHERE ST_Intersects(g.geom, a.geom)
                                  AND g.valid_from <= now() AND g.valid_to > now() ORDER BY g.code LIMIT 1)
WHERE ST_Intersects(a.geom, (SELECT changed_area FROM plan WHERE id = $plan));
SELECT gridmap_reassign_open_incidents(now(), 'bench', (SELECT changed_area FROM plan WHERE id = $plan));
SQL

{
  bench_header "Planning benchmark"
  echo "database: $(psql "$bench_url" -Atc "SELECT count(*) FROM grid WHERE valid_to = 'infinity'") live grids, $(psql "$bench_url" -Atc "SELECT count(*) FROM address") addresses, $(psql "$bench_url" -Atc "SELECT count(*) FROM incident") incidents"
  echo "draft: street $street, $grids grids reshaped in one batch; $(psql "$bench_url" -Atc "SELECT count(*) FROM address a JOIN admin_area s ON s.code = '$street' AND s.valid_to = 'infinity' AND ST_Intersects(s.geom, a.geom)") addresses in the street"
  echo "GET validation:          $validation"
  echo "GET impact:              $impact"
  echo "validation + impact:     $both (target < 1 s)"
  echo "POST publish (today):    $(awk -v s="$publish" 'BEGIN {printf "%.0f ms", s * 1000}') ($moved)"
} | bench_result plan
