#!/usr/bin/env bash
# Address search: p99 and rate of GET /api/v1/addresses?q= (wrk) for partial addresses as
# residents type them (a compound and building, or a village group), over the demo's 55,000
# addresses and again over about 1,000,000 (the demo's addresses repeated as 17 more phases of
# each compound: 幸福小区 → 幸福小区3期 …), next to pgbench running the same search SQL.
# Uses its own database gridmap_bench_address, emptied first (never GRIDMAP_DATABASE_URL's).
#
# Usage: bench/address.sh [--seconds N] [--connections N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
connections=8
warmup=30

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "$@"
bench_require wrk pgbench
GRIDMAP_DATABASE_URL=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database gridmap_bench_address --fresh)
export GRIDMAP_DATABASE_URL
bench_start_service

# The searches: 2,000 compound + building strings (village groups for rural addresses).
psql "$bench_url" -Atc "SELECT compound || coalesce(building, '') FROM address ORDER BY md5(id::text) LIMIT 2000" \
  >"$bench_work/queries.txt"
cat >"$bench_work/address.lua" <<LUA
local queries = {}
for line in io.lines("$bench_work/queries.txt") do
  queries[#queries + 1] = line:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
end
math.randomseed(20261123)
request = function()
  return wrk.format("GET", "/api/v1/addresses?limit=10&q=" .. queries[math.random(#queries)])
end
LUA
# pgbench: the same SQL; the query string is picked by number from a table of the same strings.
psql -q "$bench_url" -c "DROP TABLE IF EXISTS bench_query" \
  -c "CREATE TABLE bench_query (n serial PRIMARY KEY, q text)" \
  -c "\\copy bench_query (q) FROM '$bench_work/queries.txt'"
python3 - backend/src/main/resources/org/gridmap/address/search.sql >"$bench_work/address.pgbench" <<'PY'
import sys
sql = " ".join(line for line in open(sys.argv[1], encoding="utf-8").read().splitlines() if not line.startswith("--"))
like = "replace(replace(replace(:query, '\\', '\\\\'), '%', '\\%'), '_', '\\_')"
sql = sql.replace(":like", like).replace(":q ", ":query ").replace(":q,", ":query,").replace(":limit", "10")
print("\\set n random(1, 2000)")
print("SELECT q AS query FROM bench_query WHERE n = :n \\gset")
print(sql + ";")
PY

measure() { # label
  wrk -t2 -c"$connections" -d"${warmup}s" -s "$bench_work/address.lua" "$bench_base" >/dev/null
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$bench_work/address.lua" "$bench_base" >"$bench_work/wrk.txt"
  (cd "$bench_work" && rm -f pgbench_log.* && pgbench -n -M extended -c "$connections" -j 2 -T "$seconds" -l -f address.pgbench "$bench_url" >pgbench.txt 2>&1) ||
    { cat "$bench_work/pgbench.txt" >&2; exit 1; }
  echo "$1: HTTP $(awk '/^Requests\/sec/ {print $2}' "$bench_work/wrk.txt") req/s, p50 $(awk '$1 == "50%" {print $2}' "$bench_work/wrk.txt"), p99 $(awk '$1 == "99%" {print $2}' "$bench_work/wrk.txt"); pgbench same SQL $(awk '/^tps/ {print $3; exit}' "$bench_work/pgbench.txt") tps, p99 $(bench_pgbench_p99 "$bench_work"/pgbench_log.*)"
}

small=$(measure "$(psql "$bench_url" -Atc 'SELECT count(*) FROM address') addresses")
psql -q "$bench_url" <<'SQL'
-- About a million addresses: each compound gets 17 more phases (期), same buildings and points.
INSERT INTO address (address, compound, building, households, grid_code, geom)
SELECT replace(a.address, a.compound, a.compound || n || '期'), a.compound || n || '期', a.building, 1, a.grid_code, a.geom
FROM address a, generate_series(2, 18) AS n;
ANALYZE address;
SQL
large=$(measure "$(psql "$bench_url" -Atc 'SELECT count(*) FROM address') addresses")

{
  bench_header "Address search benchmark"
  echo "connections: $connections; duration: ${seconds}s; queries: 2,000 compound + building strings"
  echo "$small"
  echo "$large"
} | bench_result address
