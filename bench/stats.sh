#!/usr/bin/env bash
# Assessment for a year: GET /api/v1/stats/grids over the twelve months that end with the
# month of the latest report (the demo: 2025-11-01 – 2026-11-01), next to pgbench running
# the very same SQL (backend/src/main/resources/org/gridmap/assessment/stats.sql, in a
# transaction with JIT off, as the service runs it) with the same values. Two figures each:
# the time of one request on an idle service (median of sequential requests; pgbench with
# one client) and the rate at --connections concurrent requests (wrk; pgbench with as many
# clients). Prints both with their ratios and writes them with the machine's description to
# bench/results/.
#
# Usage: bench/stats.sh [--seconds N] [--connections N] [--warmup N]
#   GRIDMAP_DATABASE_URL  database to use (default: the local PostGIS of scripts/postgis.sh)
#   BENCH_PORT            port for the service started here (default 18080)
#   BENCH_GROUPING        grids (default), workers, communities, streets or departments
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=4
warmup=20
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "$@"
bench_require wrk pgbench curl
bench_start_service
grouping=${BENCH_GROUPING:-grids}
zone=${GRIDMAP_TIME_ZONE:-Asia/Shanghai}

# The year: from the first of the month twelve months before the end, to the first of the
# month after the latest report, in the district's time zone (as the service reads dates).
read -r from to previous < <(psql "$bench_url" -Atc "
  WITH e AS (SELECT date_trunc('month', max(reported_at) AT TIME ZONE '$zone') + interval '1 month' AS t FROM incident)
  SELECT to_char(t - interval '1 year', 'YYYY-MM-DD'), to_char(t, 'YYYY-MM-DD'),
         to_char(((t - interval '1 year') AT TIME ZONE '$zone') - ((t AT TIME ZONE '$zone') - ((t - interval '1 year') AT TIME ZONE '$zone')),
                 'YYYY-MM-DD\"T\"HH24:MI:SSOF')
  FROM e" | tr '|' ' ')
path="/api/v1/stats/$grouping?from=$from&to=$to"
incidents=$(psql "$bench_url" -Atc "SELECT count(*) FROM incident
  WHERE reported_at >= '$from'::date AT TIME ZONE '$zone' AND reported_at < '$to'::date AT TIME ZONE '$zone'")
echo "period: $from – $to ($incidents incidents, and the year before); $connections connections; ${seconds}s each" >&2

# pgbench: the service's SQL file, comments removed, its optional area filters NULL, the
# other parameters pgbench variables (bound as values with -M extended, like R2DBC binds them).
{
  echo "BEGIN;"
  echo "SET LOCAL jit = off;"
  sed -e 's/--.*$//' backend/src/main/resources/org/gridmap/assessment/stats.sql \
    | sed -e 's/:street::text/NULL::text/g; s/:community::text/NULL::text/g' | tr '\n' ' '
  echo ";"
  echo "END;"
} >"$bench_work/stats.pgbench"
now=$(date -u +%FT%TZ)
pgvars=(-D "grouping=$grouping" -D "from=${from}T00:00:00" -D "to=${to}T00:00:00" -D "previousFrom=$previous" -D "now=$now")
# The service reads dates as midnight in the zone; so does this session.
export PGTZ=$zone

# One request at a time: median of sequential requests.
for _ in $(seq 1 3); do curl -fs -o /dev/null "$bench_base$path"; done
http_one=$(for _ in $(seq 1 15); do curl -fs -o /dev/null -w '%{time_total}\n' "$bench_base$path"; done |
  sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]*1000}')
pgbench -n -M extended -c 1 -t 3 "${pgvars[@]}" -f "$bench_work/stats.pgbench" "$bench_url" >/dev/null 2>&1 ||
  { pgbench -n -M extended -c 1 -t 1 "${pgvars[@]}" -f "$bench_work/stats.pgbench" "$bench_url" >&2; exit 1; }
(cd "$bench_work" && rm -f pgbench_log.* && pgbench -n -M extended -c 1 -t 15 -l "${pgvars[@]}" -f stats.pgbench "$bench_url" >pgbench1.txt 2>&1)
pg_one=$(cat "$bench_work"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1000}')

# Concurrent: wrk against pgbench at the same number of clients.
wrk -H "$bench_auth" -t2 -c"$connections" -d"${warmup}s" "$bench_base$path" >/dev/null
wrk -H "$bench_auth" -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency "$bench_base$path" >"$bench_work/wrk.txt"
http_rate=$(awk '/^Requests\/sec/ {print $2}' "$bench_work/wrk.txt")
http_p99=$(awk '$1 == "99%" {print $2}' "$bench_work/wrk.txt")
http_errors=$(awk '/Non-2xx|Socket errors/ {print}' "$bench_work/wrk.txt")
(cd "$bench_work" && rm -f pgbench_log.* && pgbench -n -M extended -c "$connections" -j 2 -T "$seconds" -l "${pgvars[@]}" -f stats.pgbench "$bench_url" >pgbench.txt 2>&1)
pg_rate=$(awk '/^tps/ {print $3; exit}' "$bench_work/pgbench.txt")
pg_p99=$(bench_pgbench_p99 "$bench_work"/pgbench_log.*)

{
  bench_header "Assessment benchmark (stats for a year)"
  echo "GET $path: $incidents incidents in the year; connections: $connections; duration: ${seconds}s"
  echo "one request  HTTP median ${http_one}ms; pgbench same SQL median ${pg_one}ms; speed ratio HTTP/pgbench $(awk -v h="$http_one" -v p="$pg_one" 'BEGIN {printf "%.2f", p/h}')"
  echo "concurrent   HTTP $http_rate req/s, p99 $http_p99 ${http_errors:+($http_errors)}; pgbench $pg_rate tps, p99 $pg_p99; ratio HTTP/pgbench $(awk -v h="$http_rate" -v p="$pg_rate" 'BEGIN {printf "%.2f", h/p}')"
} | bench_result stats
