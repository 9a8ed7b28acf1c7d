# shellcheck shell=bash
# Shared by the benchmark scripts: tools, the database, the service under test, results.
# Source it from a script that has done `cd` to the repository root and `set -euo pipefail`.

# Reads --seconds N, --connections N and --warmup N into seconds, connections and warmup,
# whose defaults the calling script sets first. The database to run on: --database NAME (a
# local database of scripts/postgis.sh, e.g. gridmap_scaled from bench/scaled-data.sh; a
# script may set bench_database as its default) or --url postgresql://…; either becomes
# GRIDMAP_DATABASE_URL, which otherwise applies as it is.
bench_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --seconds) seconds=$2; shift 2 ;;
      --connections) connections=$2; shift 2 ;;
      --warmup) warmup=$2; shift 2 ;;
      --database) bench_database=$2; shift 2 ;;
      --url) GRIDMAP_DATABASE_URL=$2; bench_database=; export GRIDMAP_DATABASE_URL; shift 2 ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
  done
  if [ -n "${bench_database:-}" ]; then
    GRIDMAP_DATABASE_URL=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database "$bench_database")
    export GRIDMAP_DATABASE_URL
  fi
}

# Stops unless the database holds the scaled dataset (bench/scaled-data.sh).
bench_require_scaled() {
  local grids
  grids=$(psql "$GRIDMAP_DATABASE_URL" -Atc "SELECT count(*) FROM grid WHERE valid_to = 'infinity'" 2>/dev/null || echo 0)
  if [ "${grids:-0}" -lt 1000 ]; then
    echo "the database holds ${grids:-no} grids, not the scaled dataset: run bench/scaled-data.sh first" >&2
    exit 1
  fi
}

bench_require() {
  local tool package
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    case "$tool" in
      pgbench | psql) package=postgresql-client-15 ;;
      node) package=nodejs ;;
      *) package=$tool ;;
    esac
    [ "$(id -u)" = 0 ] || { echo "$tool is missing: apt-get install $package" >&2; exit 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  done
}

# Starts gridmap.jar on BENCH_PORT (default 18080) against GRIDMAP_DATABASE_URL (default: the
# local PostGIS of scripts/postgis.sh), demo data on, and waits until it is ready. Sets
# bench_url, bench_base and bench_work; stops the service and removes bench_work on exit.
# Then signs in as admin (GRIDMAP_ADMIN_PASSWORD, default bench-admin-password, which makes
# the first admin of an empty database): bench_token holds the token, bench_auth the wrk/curl
# header argument, and every curl of the script sends it (a .curlrc under CURL_HOME).
bench_start_service() {
  bench_url=${GRIDMAP_DATABASE_URL:-$(scripts/postgis.sh)}
  export GRIDMAP_DATABASE_URL=$bench_url
  [ -f backend/target/gridmap.jar ] || mvn -q -B -DskipTests package
  bench_work=$(mktemp -d)
  local port=${BENCH_PORT:-18080}
  bench_base="http://localhost:$port"
  # Load comes from this machine: not rate-limited.
  export GRIDMAP_ADMIN_PASSWORD=${GRIDMAP_ADMIN_PASSWORD:-bench-admin-password}
  GRIDMAP_RATE_LIMIT_EXEMPT=127.0.0.1 GRIDMAP_DEMO_DATA=true SERVER_PORT=$port java -jar backend/target/gridmap.jar >"$bench_work/service.log" 2>&1 &
  bench_pid=$!
  trap 'kill "$bench_pid" 2>/dev/null || true; rm -rf "$bench_work"' EXIT
  for _ in $(seq 1 180); do
    curl -fs "$bench_base/actuator/health/readiness" >/dev/null 2>&1 && { bench_sign_in "$bench_base"; return 0; }
    kill -0 "$bench_pid" 2>/dev/null || { cat "$bench_work/service.log" >&2; exit 1; }
    sleep 1
  done
  echo "the service did not become ready" >&2
  exit 1
}

# Signs in at $1 as admin with GRIDMAP_ADMIN_PASSWORD; sets bench_token and bench_auth and makes
# every later curl send the token (CURL_HOME/.curlrc).
bench_sign_in() {
  bench_token=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"name\":\"admin\",\"password\":\"$GRIDMAP_ADMIN_PASSWORD\"}" "$1/api/v1/session" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])') ||
    { echo "signing in as admin failed: set GRIDMAP_ADMIN_PASSWORD to the admin's password" >&2; exit 1; }
  bench_auth="Authorization: Bearer $bench_token"
  export bench_token
  mkdir -p "$bench_work/curl"
  printf 'header = "%s"\n' "$bench_auth" >"$bench_work/curl/.curlrc"
  export CURL_HOME="$bench_work/curl"
}

# The grids' extent as "minx miny maxx maxy".
bench_extent() {
  psql "$bench_url" -Atc "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
    FROM (SELECT ST_Extent(geom)::geometry e FROM grid WHERE valid_to = 'infinity') x" | tr '|' ' '
}

# p99 in ms of a pgbench per-transaction log (column 3 is microseconds).
bench_pgbench_p99() {
  cat "$@" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2fms", a[int(NR*0.99)]/1000}'
}

# Prints the header lines every result file starts with.
bench_header() {
  echo "# $1, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "postgres: $(psql "$bench_url" -Atc 'select version()' | cut -d, -f1); PostGIS $(psql "$bench_url" -Atc 'select postgis_lib_version()')"
}

# Writes stdin to bench/results/NAME-TIMESTAMP.txt and to the terminal.
bench_result() {
  mkdir -p bench/results
  tee "bench/results/$1-$(date -u +%Y%m%dT%H%M%SZ).txt"
}

# CPU time used so far, in microseconds, by the service (bench_pid) and by every PostgreSQL
# server process together: utime + stime from /proc/PID/stat. A backend that exits between two
# readings takes its time with it; the benchmarks keep their connections open while measuring.
# On a shared machine other databases' work counts too: measure on a quiet one.
bench_cpu_us() {
  local hz pids
  hz=$(getconf CLK_TCK)
  pids="$bench_pid $(pgrep -x postgres | tr '\n' ' ')"
  # shellcheck disable=SC2086 # one path per process; one that has exited meanwhile is skipped
  (cd /proc && cat $(printf '%s/stat ' $pids) 2>/dev/null || true) |
    awk -v hz="$hz" '{sub(/^.*\) /, ""); t += $12 + $13} END {printf "%.0f", t * 1e6 / hz}'
}

# CPU microseconds per request: bench_cpu_per_request BEFORE_US AFTER_US WRK_OUTPUT_FILE.
bench_cpu_per_request() {
  awk -v a="$1" -v b="$2" '/requests in/ {n = $1} END {printf "%.0f µs", n ? (b - a) / n : 0}' "$3"
}

# Stops the service bench_start_service started (to start it again with other settings).
bench_stop_service() {
  kill "$bench_pid" 2>/dev/null || true
  wait "$bench_pid" 2>/dev/null || true
}
