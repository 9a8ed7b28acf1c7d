#!/usr/bin/env bash
# Reports under database faults: the sequence of ReportFaultTest with a longer load between
# faults and the demo district loaded. A private PostgreSQL cluster (initdb in a temporary
# directory, its own port) behind a small TCP proxy, the service on a random port against
# it, 8 clients posting reports, each with its own Idempotency-Key and retrying the same key
# on 503 or a lost connection until accepted; one fault at a time, with recovery in between:
#   restart -m fast, restart -m immediate, pg_terminate_backend of every backend, the pool
#   exhausted (a lock holds every report past statement_timeout), every connection cut and
#   new ones refused for 1 s, every packet delayed 200 ms for 4 s, nothing passing for 10 s.
# Prints, per fault: reports accepted (201), stored, duplicated, lost, 503 answers, the
# longest request, how long the fault lasted, the time from its start to the first report
# accepted that was sent after it ended (and from its end), to the last error, and readiness
# DOWN and UP again. The shared cluster and databases are not touched. The service runs with
# the fault test's short timeouts (pool 6, acquire 2 s, statement 3 s, request 8 s) so that a
# fault's effect is over in seconds; docs/reliability.md explains the figures.
#
# Usage: bench/faults.sh [--seconds N] [--clients N] [--no-demo]
#   --seconds  load between faults (default 10); --clients N (default 8);
#   --no-demo  only a department and a matter instead of the demo district (faster start).
# Runs as root (the cluster's commands then run as the postgres user) or as a user that may
# run initdb; needs PostgreSQL 15 + PostGIS (scripts/postgis.sh installs them). 3-5 minutes.
# Results go to bench/results/faults-*.txt. Measure on a quiet machine: the recovery times
# include request latency, which CPU contention stretches.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=10
clients=8
demo=true
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --no-demo) demo=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

bin=${GRIDMAP_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bin/initdb" ] || [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
  echo "PostgreSQL 15 with PostGIS is not installed: run scripts/postgis.sh (as root) first" >&2
  exit 1
fi
# shellcheck source=scripts/build-tools.sh
. scripts/build-tools.sh
ensure_build_tools

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
table="$work/table.txt"
log="$work/mvn.log"

# The test needs no shared database; the other modules' tests are skipped (-Dtest names one
# class).
if ! mvn -B -ntp verify -pl backend -am \
  -Dtest=ReportFaultTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dgridmap.faults.settle-seconds="$seconds" -Dgridmap.faults.clients="$clients" \
  -Dgridmap.faults.demo="$demo" -Dgridmap.faults.results="$table" >"$log" 2>&1; then
  mkdir -p bench/results
  cp "$log" "bench/results/faults-failed-$(date -u +%Y%m%dT%H%M%SZ).log"
  grep -E 'Tests run|FAIL|expected|Expect' "$log" | head -40 >&2
  echo "the fault run failed; its log is in bench/results/faults-failed-*.log" >&2
  [ -s "$table" ] && cat "$table" >&2
  exit 1
fi

{
  echo "# faults, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "postgres: $("$bin/postgres" --version); demo district: $demo"
  cat "$table"
} | {
  mkdir -p bench/results
  tee "bench/results/faults-$(date -u +%Y%m%dT%H%M%SZ).txt"
}
