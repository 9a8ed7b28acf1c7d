#!/usr/bin/env bash
# Scale-out check: two stateless instances of gridmap.jar behind nginx on one machine, and a
# streaming read replica that keeps reads answered while the primary restarts.
#
#   1. a fresh database gridmap_scaleout (scripts/postgis.sh --database gridmap_scaleout --fresh);
#   2. (unless --no-replica) a hot standby "15 replica" on port 5433, made with pg_basebackup
#      from the primary "15 main" (streaming replication, the whole cluster: every database);
#   3. instance A on 18281 and B on 18282 against that database (demo data on; with the replica,
#      GRIDMAP_READ_DATABASE_URL points both at it), nginx on 18280 in front of both (config
#      generated in a temporary directory: HTTP/1.1 upstream with keep-alive, proxy_buffering
#      off and a long read timeout for the server-sent events; installed from Debian if missing);
#   then the checks, each printed PASS/FAIL with its figures:
#   (a) dispatchers on B's event stream (directly, and through nginx) receive, live, reports
#       POSTed to A: how many and the delay from the POST to the event;
#   (b) a plan published on A (renaming one grid) changes B's in-memory lookup answer within
#       1 s: time from the publish's answer (the commit) to B's new answer, three plans in a
#       row (the first meets a JVM not warmed up; the median is judged);
#   (c) nginx spreads requests over both instances;
#   with the replica:
#   (d) replication: time from a report's 201 on A until B's incident list, which reads the
#       replica, shows it;
#   (e) the primary stopped (pg_ctlcluster 15 main stop -m fast, started again at once after
#       the probes: kept under 20 s): reads on both instances (past lookup, address search, /ogc
#       items, a vector tile, hotspots, assessment, the incident list, the in-memory lookup) are
#       answered, a report gets 503 with Retry-After;
#   (f) after the start: reports are accepted again, and the event stream resumes.
# Results go to bench/results/scaleout-*.txt. Exits non-zero when a check fails. Stops
# everything it started (instances, nginx, the replica cluster, which it drops) and starts the
# primary again if it is stopped, whatever happens. Localhost only; about 2-5 minutes, most
# of it pg_basebackup copying the cluster.
#
# Usage: bench/scaleout.sh [--no-replica] [--reports N]
#   as root (the replica and nginx need it); ports 18280-18282 and 5433 must be free.
#   SCALEOUT_KEEP_LOGS=1 keeps the instances' and nginx's logs in bench/results/scaleout-logs-*
#   (they are kept anyway when a check fails).
set -euo pipefail
cd "$(dirname "$0")/.."

with_replica=true
reports=20
while [ $# -gt 0 ]; do
  case "$1" in
    --no-replica) with_replica=false; shift ;;
    --reports) reports=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run as root: the replica cluster and nginx need it" >&2; exit 1; }

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_require psql curl python3
command -v nginx >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
}

PG_VERSION=15
PRIMARY=main
REPLICA=replica
REPLICA_PORT=5433
PROXY_PORT=18280
PORT_A=18281
PORT_B=18282
proxy="http://127.0.0.1:$PROXY_PORT"
base_a="http://127.0.0.1:$PORT_A"
base_b="http://127.0.0.1:$PORT_B"

work=$(mktemp -d)
chmod 755 "$work"
pids=()
primary_stopped=false
replica_made=false
failures=0
finished=false
results="$work/results.txt"
: >"$results"

cleanup() {
  set +e
  # The shared primary first: it must never stay stopped.
  if $primary_stopped; then
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PRIMARY" start
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  # After a failed check (or with SCALEOUT_KEEP_LOGS=1), keep the instances' and nginx's logs.
  if [ "$failures" != 0 ] || [ "$finished" != true ] || [ -n "${SCALEOUT_KEEP_LOGS:-}" ]; then
    keep=bench/results/scaleout-logs-$(date -u +%Y%m%dT%H%M%SZ)
    mkdir -p "$keep" && cp -r "$work"/*.log "$work/nginx" "$keep/" 2>/dev/null && echo "logs kept in $keep" >&2
  fi
  if $replica_made; then
    pg_dropcluster --stop "$PG_VERSION" "$REPLICA"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s scaleout: %s\n' "$(date -u +%T)" "$*" >&2; }
ms_now() { date +%s%3N; }
check() { # name PASS|FAIL figures
  printf '%-4s %s: %s\n' "$2" "$1" "$3" | tee -a "$results"
  [ "$2" = PASS ] || failures=$((failures + 1))
}
field() { # key line → value of key=value in line
  tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}

# --- 1. Database ---
url=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database gridmap_scaleout --fresh)
bench_url=$url

# --- 2. Replica: a hot standby of the whole primary cluster ---
replica_url=
if $with_replica; then
  if pg_lsclusters --no-header | awk -v v=$PG_VERSION -v c=$REPLICA '$1 == v && $2 == c {f=1} END {exit !f}'; then
    log "dropping cluster $PG_VERSION/$REPLICA left by an earlier run"
    pg_dropcluster --stop "$PG_VERSION" "$REPLICA"
  fi
  if pg_isready -q -h localhost -p "$REPLICA_PORT"; then
    echo "port $REPLICA_PORT is taken" >&2
    exit 1
  fi
  log "creating $PG_VERSION/$REPLICA on port $REPLICA_PORT with pg_basebackup from $PG_VERSION/$PRIMARY"
  pg_createcluster --encoding UTF8 --locale C.UTF-8 -p "$REPLICA_PORT" "$PG_VERSION" "$REPLICA" >/dev/null
  replica_made=true
  replica_dir=/var/lib/postgresql/$PG_VERSION/$REPLICA
  find "$replica_dir" -mindepth 1 -delete
  # Debian's postgresql.conf includes conf.d: hot_standby is on by default; feedback keeps
  # vacuum on the primary from cancelling long analytics queries on the replica.
  echo "hot_standby_feedback = on" >"/etc/postgresql/$PG_VERSION/$REPLICA/conf.d/replica.conf"
  started=$(ms_now)
  # As postgres over the Unix socket: Debian's pg_hba allows local replication by peer.
  # -R writes standby.signal and primary_conninfo; -X stream copies the WAL made meanwhile.
  (cd / && runuser -u postgres -- pg_basebackup -p 5432 -D "$replica_dir" -R -X stream -c fast)
  basebackup_ms=$(($(ms_now) - started))
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$REPLICA" start
  for _ in $(seq 1 60); do pg_isready -q -h localhost -p "$REPLICA_PORT" && break; sleep 1; done
  replica_url=${url/:5432\//:$REPLICA_PORT/}
  in_recovery=$(psql "$replica_url" -Atc 'SELECT pg_is_in_recovery()')
  [ "$in_recovery" = t ] || { echo "the replica is not in recovery" >&2; exit 1; }
  size=$(du -sh "$replica_dir" | cut -f1)
  log "replica streaming ($size copied in $((basebackup_ms / 1000)) s)"
fi

# --- 3. Two instances and nginx ---
[ -f backend/target/gridmap.jar ] || mvn -q -B -ntp -DskipTests package
export GRIDMAP_ADMIN_PASSWORD=${GRIDMAP_ADMIN_PASSWORD:-bench-admin-password}
start_instance() { # name port
  GRIDMAP_DATABASE_URL=$url GRIDMAP_READ_DATABASE_URL=$replica_url GRIDMAP_DEMO_DATA=true SERVER_PORT=$2 \
    GRIDMAP_DB_POOL_MAX=8 GRIDMAP_RATE_LIMIT_EXEMPT=127.0.0.1 GRIDMAP_TRUSTED_PROXIES=127.0.0.1 \
    java -Xmx768m -jar backend/target/gridmap.jar >"$work/$1.log" 2>&1 &
  pids+=($!)
}
wait_ready() { # base pid name
  for _ in $(seq 1 240); do
    curl -fs "$1/actuator/health/readiness" >/dev/null 2>&1 &&
      [ "$(curl -fs "$1/actuator/info" | grep -o '"generation":[0-9]*')" != "" ] && return 0
    kill -0 "$2" 2>/dev/null || { tail -50 "$work/$3.log" >&2; exit 1; }
    sleep 1
  done
  echo "$3 did not become ready" >&2
  exit 1
}
# A first: it migrates the database and loads the demo district; B then finds them there.
start_instance a "$PORT_A"
wait_ready "$base_a" "${pids[-1]}" a
bench_work=$work bench_sign_in "$base_a"
start_instance b "$PORT_B"
wait_ready "$base_b" "${pids[-1]}" b
log "instances A ($PORT_A) and B ($PORT_B) ready"

mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  log_format balanced '\$remote_addr "\$request" \$status \$upstream_addr \$request_time';
  access_log $work/nginx/access.log balanced;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  client_max_body_size 64m;
  upstream gridmap {
    server 127.0.0.1:$PORT_A;
    server 127.0.0.1:$PORT_B;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://gridmap;
      # HTTP/1.1 with keep-alive to the instances; server-sent events pass through as they
      # are written (no buffering) and may stay open for hours.
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
NGINX
nginx -t -q -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx.conf"
nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 20); do curl -fs "$proxy/actuator/health" >/dev/null 2>&1 && break; sleep 0.5; done

read -r minx miny maxx maxy < <(bench_extent)
matter=$(psql "$url" -Atc "SELECT min(code) FROM matter")
IFS='|' read -r grid community lon lat < <(psql "$url" -Atc "
  SELECT code, community_code, ST_X(p), ST_Y(p)
  FROM (SELECT code, community_code, ST_PointOnSurface(geom) p FROM grid
        WHERE valid_to = 'infinity' ORDER BY code LIMIT 1) g")

# --- (a) a report on A reaches dispatchers on B, directly and through nginx ---
log "(a) $reports reports on A, dispatchers listening on B and on nginx"
line=$(timeout 120 python3 bench/scaleout.py stream "$base_a" "$base_b,$proxy" "$matter" "$minx" "$miny" "$maxx" "$maxy" "$reports" || true)
sent=$(field sent "$line")
figures="$(field l0_received "$line")/$sent received on B, POST→event median $(field l0_median_ms "$line") ms, max $(field l0_max_ms "$line") ms; through nginx $(field l1_received "$line")/$sent, median $(field l1_median_ms "$line") ms, max $(field l1_max_ms "$line") ms"
if [ "$(field l0_received "$line")" = "$sent" ] && [ "$(field l1_received "$line")" = "$sent" ]; then
  check "(a) report on A streams to a dispatcher on B" PASS "$figures"
else
  check "(a) report on A streams to a dispatcher on B" FAIL "$figures"
fi

# --- (b) a publish on A refreshes B's in-memory index ---
# Three plans one after another: the first after start-up meets B's index code not yet
# compiled by the JIT; all three are printed, the median is judged.
log "(b) 3 publishes on A, polling B's lookup"
today=$(TZ=Asia/Shanghai date +%F)
line=$(timeout 180 python3 bench/scaleout.py publish "$base_a" "$base_b" "$grid" "$community" "$lon" "$lat" "$today" 3 || true)
if [ "$(field seen "$line")" = yes ]; then
  median=$(field median_ms "$line")
  figures="B answered the new name $(field after_commit_ms "$line" | sed 's/,/, /g') ms after each publish's answer (median $median ms; $(field after_request_ms "$line" | sed 's/,/, /g') ms after the request; publish $(field publish_ms "$line" | sed 's/,/, /g') ms), B's build $(field build_ms "$line" | sed 's/,/, /g') ms, answered from $(field source "$line" | cut -d, -f1), B's index generations $(field generations "$line" | sed 's/,/, /g')"
  if [ "$median" -le 1000 ] && [ "$(field source "$line" | tr ',' '\n' | sort -u)" = memory ]; then
    check "(b) publish on A refreshes B's lookup index" PASS "$figures"
  else
    check "(b) publish on A refreshes B's lookup index" FAIL "$figures (target: median ≤ 1000 ms, from memory)"
  fi
else
  check "(b) publish on A refreshes B's lookup index" FAIL "B never answered the new name within 10 s ($line)"
fi

# --- (c) nginx spreads requests over both ---
for _ in $(seq 1 40); do
  curl -fsS -o /dev/null -D - "$proxy/api/v1/lookup?lon=$lon&lat=$lat" | sed -n 's/^X-Upstream: *//ip' | tr -d '\r'
done | sort | uniq -c >"$work/spread.txt"
on_a=$(awk -v u="127.0.0.1:$PORT_A" '$2 == u {print $1}' "$work/spread.txt")
on_b=$(awk -v u="127.0.0.1:$PORT_B" '$2 == u {print $1}' "$work/spread.txt")
figures="40 lookups through nginx: ${on_a:-0} on A, ${on_b:-0} on B"
if [ "${on_a:-0}" -ge 10 ] && [ "${on_b:-0}" -ge 10 ]; then
  check "(c) nginx spreads requests over both" PASS "$figures"
else
  check "(c) nginx spreads requests over both" FAIL "$figures"
fi

if $with_replica; then
  # --- (d) replication delay: a report written on the primary, listed by B from the replica ---
  line=$(timeout 120 python3 bench/scaleout.py lag "$base_a" "$base_b" "$matter" "$minx" "$miny" "$maxx" "$maxy" 10 || true)
  replay_lag=$(psql "$url" -Atc "SELECT coalesce(replay_lag::text, 'idle') FROM pg_stat_replication
                                 WHERE application_name = '$PG_VERSION/$REPLICA'")
  figures="a report on A listed by B (read from the replica) $(field median_ms "$line") ms after its 201 (median of $(field seen "$line")/$(field rounds "$line"); all: $(field all_ms "$line" | sed 's/,/, /g') ms; polled every 5 ms); pg_stat_replication replay_lag $replay_lag; base backup $((basebackup_ms / 1000)) s for $size"
  if [ "$(field seen "$line")" = "$(field rounds "$line")" ] && [ -n "$(field seen "$line")" ]; then
    check "(d) streaming replication" PASS "$figures"
  else
    check "(d) streaming replication" FAIL "$figures"
  fi

  # --- (e) the primary stopped: reads answered by the replica, writes 503 ---
  tile=$(python3 -c "
import math; lon, lat, z = $lon, $lat, 14
n = 2 ** z; x = int((lon + 180) / 360 * n)
y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n)
print(f'{z}/{x}/{y}')")
  today_utc=$(date -u +%F)
  reads=(
    "/api/v1/lookup?lon=$lon&lat=$lat&asOf=2026-01-01"
    "/api/v1/lookup?lon=$lon&lat=$lat"
    "/api/v1/addresses?q=%E5%B0%8F%E5%8C%BA&limit=5"
    "/ogc/collections/grids/items?limit=10"
    "/tiles/grids/$tile.mvt"
    "/api/v1/hotspots?bbox=$minx,$miny,$maxx,$maxy&cellMetres=500"
    "/api/v1/stats/grids?from=2026-01-01&to=$today_utc"
    "/api/v1/incidents?limit=5"
  )
  log "(e) stopping the primary $PG_VERSION/$PRIMARY"
  stop_started=$(ms_now)
  primary_stopped=true
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PRIMARY" stop -m fast
  stopped_ms=$(ms_now)
  # All probes at once, so that the shared primary is down for as short a time as possible.
  n=0
  probes=()
  for path in "${reads[@]}"; do
    for base in "$base_a" "$base_b"; do
      n=$((n + 1))
      (code=$(curl -s -m 8 -o /dev/null -w '%{http_code} %{time_total}' "$base$path" || echo "000 0")
        echo "$code $base$path" >"$work/read-$n.txt") &
      probes+=($!)
    done
  done
  write_headers=$(curl -s -m 8 -o "$work/write.json" -D - -w 'time_total=%{time_total}\n' -X POST "$proxy/api/v1/incidents" \
    -H 'Content-Type: application/json' \
    -d "{\"matter\":\"$matter\",\"description\":\"while the primary is down\",\"lon\":$lon,\"lat\":$lat,\"channel\":\"app\"}" | tr -d '\r')
  wait "${probes[@]}"
  cat "$work"/read-*.txt >"$work/reads.txt"
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PRIMARY" start
  primary_stopped=false
  started_ms=$(ms_now)
  log "primary started again, $(((started_ms - stop_started) / 1000)) s after the stop began"
  ok=$(awk '$1 == 200' "$work/reads.txt" | wc -l)
  total=$(wc -l <"$work/reads.txt")
  slowest=$(awk '{print $2}' "$work/reads.txt" | sort -n | tail -1)
  write_status=$(head -1 <<<"$write_headers" | awk '{print $2}')
  retry_after=$(sed -n 's/^retry-after: *//ip' <<<"$write_headers")
  write_ms=$(sed -n 's/^time_total=//p' <<<"$write_headers" | awk '{printf "%.0f", $1 * 1000}')
  figures="$ok/$total reads answered 200 on A and B (slowest $(awk -v s="$slowest" 'BEGIN {printf "%.0f", s * 1000}') ms); report POST → $write_status in $write_ms ms, Retry-After ${retry_after:-none}; primary down $(((started_ms - stop_started) / 1000)) s (stop took $(((stopped_ms - stop_started) / 1000)) s)"
  if [ "$ok" = "$total" ] && [ "$write_status" = 503 ] && [ -n "$retry_after" ]; then
    check "(e) primary stopped: reads from the replica, writes 503" PASS "$figures"
  else
    awk '$1 != 200' "$work/reads.txt" >&2
    check "(e) primary stopped: reads from the replica, writes 503" FAIL "$figures"
  fi

  # --- (f) recovery: writes accepted again, the stream resumes ---
  recovered=
  statuses=()
  for _ in $(seq 1 60); do
    status=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -X POST "$proxy/api/v1/incidents" -H 'Content-Type: application/json' \
      -d "{\"matter\":\"$matter\",\"description\":\"after the restart\",\"lon\":$lon,\"lat\":$lat,\"channel\":\"app\"}")
    statuses+=("$status")
    if [ "$status" = 201 ]; then recovered=$(($(ms_now) - started_ms)); break; fi
    sleep 0.5
  done
  line=$(timeout 60 python3 bench/scaleout.py resume "$base_a" "$base_b" "$matter" "$minx" "$miny" "$maxx" "$maxy" 40 || true)
  figures="first report accepted ${recovered:-never} ms after the primary's start (answers: ${statuses[*]}); a report on A reached B's stream $(field seconds "$line") s after that ($(field posted "$line") posted)"
  if [ -n "$recovered" ] && [ "$(field resumed "$line")" = yes ]; then
    check "(f) after the restart: writes and the stream recover" PASS "$figures"
  else
    check "(f) after the restart: writes and the stream recover" FAIL "$figures"
  fi
fi

{
  bench_header "Scale-out check"
  echo "setup: 2 instances (-Xmx768m, pool 8) behind nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), database gridmap_scaleout (demo district)$($with_replica && echo ", reads on hot standby $PG_VERSION/$REPLICA (port $REPLICA_PORT)")"
  cat "$results"
  echo "failures: $failures"
} | bench_result scaleout
finished=true
[ "$failures" = 0 ]
