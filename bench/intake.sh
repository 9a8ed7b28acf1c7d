#!/usr/bin/env bash
# Report intake: sustained POST /api/v1/incidents (wrk, each report a random point over the
# grids, assigned by point-in-polygon) next to pgbench inserting the same rows with the
# service's own insert SQL (plus the timeline step) on the same database; then the delay from
# a report's commit to a dispatcher's server-sent event, and a 30,000-row CSV import.
#
# Usage: bench/intake.sh [--seconds N] [--connections N] [--warmup N]
#   GRIDMAP_DATABASE_URL  database to use (default: the local PostGIS of scripts/postgis.sh);
#                         the benchmark adds reports to it
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=16
warmup=60

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "$@"
bench_require wrk pgbench python3
bench_start_service
read -r minx miny maxx maxy < <(bench_extent)
matter=$(psql "$bench_url" -Atc "SELECT min(code) FROM matter")

# Commit to server-sent event first, on a quiet service: one listener, 200 reports one after
# another (the load below leaves a backlog of events that would be measured instead).
sse=$(python3 bench/sse_latency.py "$bench_base" "$matter" "$minx" "$miny" "$maxx" "$maxy" 200)

# HTTP: JSON reports at random points (fixed seed per wrk thread).
cat >"$bench_work/intake.lua" <<LUA
math.randomseed(20261123)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local lon = $minx + math.random() * ($maxx - $minx)
  local lat = $miny + math.random() * ($maxy - $miny)
  local body = string.format('{"matter":"$matter","description":"bench report","lon":%.7f,"lat":%.7f,"channel":"app"}', lon, lat)
  return wrk.format(nil, "/api/v1/incidents", nil, body)
end
LUA
wrk -t2 -c"$connections" -d"${warmup}s" -s "$bench_work/intake.lua" "$bench_base" >/dev/null
cpu_before=$(bench_cpu_us)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$bench_work/intake.lua" "$bench_base" >"$bench_work/wrk.txt"
http_cpu=$(bench_cpu_per_request "$cpu_before" "$(bench_cpu_us)" "$bench_work/wrk.txt")
http_rate=$(awk '/^Requests\/sec/ {print $2}' "$bench_work/wrk.txt")
http_p99=$(awk '$1 == "99%" {print $2}' "$bench_work/wrk.txt")
http_errors=$(awk '/Non-2xx|Socket errors/ {print}' "$bench_work/wrk.txt")

# pgbench: the service's insert.sql with its parameters filled in, and the report step.
{
  echo "\\set lon $minx + random(0, 10000000) * ($maxx - $minx) / 10000000.0"
  echo "\\set lat $miny + random(0, 10000000) * ($maxy - $miny) / 10000000.0"
  echo "BEGIN;"
  sed -e 's/--.*$//' backend/src/main/resources/org/gridmap/incident/insert.sql \
    | sed -e "s/:matter/'$matter'/g; s/:trackingCode/'PGB-' || upper(md5(random()::text))/; s/:reportedAt/now()/g" \
          -e "s/:description/'bench report'/; s/:address/NULL::text/; s/:channel/'app'/" \
          -e "s/:reporterName/NULL::text/; s/:reporterPhone/NULL::text/; s/:reporterEmail/NULL::text/" \
    | tr '\n' ' '
  echo
  echo "\\gset"
  echo "INSERT INTO incident_event (incident_id, action, to_status, actor, actor_role, note) VALUES (:id, 'report', 'reported', '居民', 'public', 'channel: app');"
  sed -e 's/--.*$//' backend/src/main/resources/org/gridmap/incident/duplicates.sql \
    | sed -e 's/:metres/50/g; s/:hours/72/g; s/:since/now() - interval '"'"'72 hours'"'"'/g; s/:reportedAt/now()/g' | tr '\n' ' '
  echo ";"
  echo "COMMIT;"
} >"$bench_work/intake.pgbench"
pgbench -n -M prepared -c "$connections" -j 2 -T 10 -f "$bench_work/intake.pgbench" "$bench_url" >"$bench_work/pgbench-warmup.txt" 2>&1 ||
  { cat "$bench_work/pgbench-warmup.txt" >&2; exit 1; }
(cd "$bench_work" && pgbench -n -M prepared -c "$connections" -j 2 -T "$seconds" -l -f intake.pgbench "$bench_url" >pgbench.txt 2>&1)
pg_rate=$(awk '/^tps/ {print $3; exit}' "$bench_work/pgbench.txt")
pg_p99=$(bench_pgbench_p99 "$bench_work"/pgbench_log.*)
ratio=$(awk -v h="$http_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h/p}')

# CSV import of 30,000 historical rows.
python3 - "$minx" "$miny" "$maxx" "$maxy" "$matter" >"$bench_work/import.csv" <<'PY'
import random, sys
minx, miny, maxx, maxy = map(float, sys.argv[1:5]); matter = sys.argv[5]
rnd = random.Random(20261123)
print("matter,description,lon,lat,reported_at,status,closed_at")
for i in range(30000):
    day = 1 + i % 28
    print(f"{matter},历史事件 {i},{rnd.uniform(minx, maxx):.7f},{rnd.uniform(miny, maxy):.7f},"
          f"2025-02-{day:02d}T08:00:00+08:00,closed,2025-02-{day:02d}T17:00:00+08:00")
PY
import_seconds=$( { /usr/bin/time -f %e curl -fsS -o "$bench_work/import.json" -H 'Content-Type: text/csv' \
  -H 'Accept: application/json' --data-binary "@$bench_work/import.csv" "$bench_base/api/v1/incidents/imports"; } 2>&1 )
import_rate=$(awk -v s="$import_seconds" 'BEGIN {printf "%.0f", 30000 / s}')

{
  bench_header "Intake benchmark"
  echo "connections: $connections; duration: ${seconds}s"
  echo "HTTP  POST /api/v1/incidents: $http_rate reports/s, p99 $http_p99 ${http_errors:+($http_errors)}"
  echo "pgbench same statements:      $pg_rate tps, p99 $pg_p99 (insert.sql, the report step, duplicates.sql, one transaction)"
  echo "ratio HTTP / pgbench:         $ratio"
  echo "CPU per report:               $http_cpu (JVM + PostgreSQL; wrk's own CPU not counted)"
  echo "report to SSE event:          $sse"
  echo "CSV import, 30,000 rows:      ${import_seconds}s ($import_rate rows/s): $(cat "$bench_work/import.json")"
} | bench_result intake
