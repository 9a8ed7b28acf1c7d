#!/usr/bin/env bash
# GeoJSON serving (issue 8, target 4): pages of /ogc/collections/grids/items and
# /ogc/collections/incidents/items of --limits features (default 1,000 and 10,000, offset 0,
# so every page is full where the collection has that many features) measured with wrk as
# requests/s and MB/s of body, gzip off and gzip on (Accept-Encoding: gzip) separately, next to
#  - pgbench running the service's own SQL (backend/src/main/resources/org/gridmap/ogc/
#    grids.sql, incidents.sql, wrapped as FeatureRepository wraps them: the page ordered by
#    id, and the count) aggregated into the same FeatureCollection text the service sends
#    (checked byte for byte once, timeStamp aside); MB/s = output bytes x tps;
#  - MapServer 8 (Debian cgi-mapserver, OGC API Features, FastCGI processes from spawn-fcgi
#    behind nginx, gzip by nginx at the level Netty uses) serving the same tables through a
#    mapfile generated here (CONNECTIONTYPE POSTGIS, "oga_enable_request" "*"), same pages;
#  - the service's memory: VmRSS of the JVM (/proc/PID/status) and heap used
#    (/actuator/metrics/jvm.memory.used, exposed for this run only), sampled every 0.5 s; the
#    service is started afresh for each page size, so each maximum is that size's own.
# Prints rates, MB/s, the ratios Gridmap / pgbench (target >= 0.7) and Gridmap / MapServer
# (target >= 2) and the memory maxima, and writes them with the machine's description to
# bench/results/. Installs wrk, pgbench, cgi-mapserver, nginx and spawn-fcgi when missing.
# Run time: about (warmup + 2 x 6 x (seconds + 2)) per page size, ~8 min with the defaults.
#
# Usage: bench/ogc.sh [--database NAME | --url URL] [--seconds N] [--connections N] [--warmup N]
#                     [--limits "1000 10000"] [--no-mapserver]
#   default database: gridmap_scaled (bench/scaled-data.sh), unless GRIDMAP_DATABASE_URL is set;
#   the demo district (--database gridmap_bench_ogc, loaded on first start) has 146 grids, so
#   only its incident pages are full.
#   BENCH_PORT            port for the service started here (default 18080)
#   BENCH_MAPSERVER_PORT  port for nginx in front of MapServer (default BENCH_PORT + 1)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=15
connections=4
warmup=20
limits="1000 10000"
mapserver=true
collections="grids incidents"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --limits) limits=$2; shift 2 ;;
    --no-mapserver) mapserver=false; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -n "${GRIDMAP_DATABASE_URL:-}" ] || bench_database=gridmap_scaled
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "${args[@]}"
bench_require wrk pgbench psql curl python3
port=${BENCH_PORT:-18080}
ms_port=${BENCH_MAPSERVER_PORT:-$((port + 1))}
work=$(mktemp -d)
chmod 755 "$work"
ms_pids=()
mapserver_note=""

cleanup() {
  kill "${bench_pid:-}" 2>/dev/null || true
  if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
  if [ ${#ms_pids[@]} -gt 0 ]; then
    # mapserv processes waiting in accept() did not always end on the first TERM.
    kill "${ms_pids[@]}" 2>/dev/null || true
    sleep 1
    kill -KILL "${ms_pids[@]}" 2>/dev/null || true
  fi
  rm -rf "${bench_work:-}" "$work"
}
trap cleanup EXIT

# bench_start_service with the metrics endpoint exposed, and this script's cleanup on exit.
start_service() {
  MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE=health,info,metrics bench_start_service
  trap cleanup EXIT
  rss_ready=$(awk '/^VmRSS/ {print $2}' "/proc/$bench_pid/status")
}

stop_service() {
  bench_stop_service
  rm -rf "$bench_work"
}

# Prints "max_rss_kB max_heap_bytes" of the service so far, every 0.5 s, until killed.
sample_memory() {
  local rss heap max_rss=0 max_heap=0
  while true; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$bench_pid/status" 2>/dev/null || echo 0)
    heap=$(curl -fs --max-time 2 "$bench_base/actuator/metrics/jvm.memory.used?tag=area:heap" |
      grep -o '"value":[-0-9.Ee+]*' | head -1 | cut -d: -f2 || true)
    max_rss=$(awk -v a="$max_rss" -v b="${rss:-0}" 'BEGIN {print (b > a) ? b : a}')
    max_heap=$(awk -v a="$max_heap" -v b="${heap:-0}" 'BEGIN {printf "%.0f", (b + 0 > a + 0) ? b : a}')
    echo "$max_rss $max_heap"
    sleep 0.5
  done
}

# wrk against one URL: prints "requests/s errors"; $1 label, $2 URL, $3 Accept-Encoding.
measure() {
  local label=$1 target=$2 encoding=$3
  wrk -t2 -c"$connections" -d2s --timeout 60s -H "Accept-Encoding: $encoding" "$target" >/dev/null
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 60s --latency -H "Accept-Encoding: $encoding" "$target" >"$work/$label.wrk"
  local errors
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s;", $0}' "$work/$label.wrk" | tr -s ' ' | tr ' ' '_')
  echo "$(awk '/^Requests\/sec/ {print $2}' "$work/$label.wrk") ${errors:--}"
}

# Body bytes of one response: $1 URL, $2 Accept-Encoding; the encoding answered goes to $work/encoding.
body_bytes() {
  curl -fsS -H "Accept-Encoding: $2" -D "$work/headers" -o "$work/body" "$1"
  awk -F': ' 'tolower($1) == "content-encoding" {print $2}' "$work/headers" | tr -d '\r' >"$work/encoding"
  wc -c <"$work/body"
}

mbs() { awk -v r="$1" -v b="$2" 'BEGIN {printf "%.1f", r * b / 1e6}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }

# The pgbench script for one page: the collection's selection with its parameters as the
# service binds them for /items?limit=L&offset=0 (no bbox, no id, CRS84, valid now), the page
# and the count as FeatureRepository writes them, and the envelope the controller writes
# around them. The footer's links are the service's own, taken from $3 (one page it served)
# and embedded base64-encoded: pgbench would read ":18080" or ":MI" in a literal as a variable.
pgbench_script() {
  python3 - "$1" "$2" "$3" <<'PY'
import base64, re, sys
name, limit, served = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding="utf-8").read()
text = open(f"backend/src/main/resources/org/gridmap/ogc/{name}.sql", encoding="utf-8").read()
selection = " ".join(l for l in text.splitlines() if not l.lstrip().startswith("--"))
values = {"flip": "false", "at": "now()", "code": "NULL", "minx": "NULL", "miny": "NULL", "maxx": "NULL", "maxy": "NULL"}
selection = re.sub(r"(?<!:):([a-z]+)\b", lambda m: values[m.group(1)], selection)
links = served[served.rindex('"links":[') + len('"links":'):-1]
encoded = base64.b64encode(links.encode()).decode()
# One concat() around the aggregate: a chain of || would copy the multi-megabyte text once per
# operator (measured: about twice the database's CPU time for a 10,000-feature page).
print("SELECT concat('{\"type\":\"FeatureCollection\",\"features\":[', string_agg(p.feature, ','),"
      f" '],\"numberMatched\":' || (SELECT count(*) FROM ({selection}) c)"
      " || ',\"numberReturned\":' || count(*)"
      " || ',\"timeStamp\":' || rtrim(to_json(clock_timestamp() AT TIME ZONE 'UTC')::text, '\"') || 'Z\"'"
      f" || ',\"links\":' || convert_from(decode('{encoded}', 'base64'), 'UTF8') || '}}')"
      f" FROM (SELECT feature FROM ({selection}) s ORDER BY id LIMIT {limit} OFFSET 0) p;")
PY
}

# Whether two FeatureCollection texts are the same once their timeStamps are blanked.
same_json() {
  python3 - "$1" "$2" <<'PY'
import re, sys
a, b = (re.sub(r'"timeStamp":"[^"]*"', '"timeStamp":""', open(p, encoding="utf-8").read().rstrip("\n")) for p in sys.argv[1:])
if a == b:
    print("same")
else:
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    print(f"DIFFERENT ({len(a)} / {len(b)} characters; first difference at {i}: {a[i:i + 60]!r} / {b[i:i + 60]!r})")
PY
}

# MapServer 8 behind nginx: a mapfile with both layers on the same database, a MapServer
# config file that maps the alias GRIDMAP to it, $connections FastCGI processes (each keeps
# its database connection: CLOSE_CONNECTION=DEFER) and nginx on ms_port. Sets ms_base, or
# mapserver_note when it cannot run.
start_mapserver() {
  if ! command -v mapserv >/dev/null || ! command -v nginx >/dev/null || ! command -v spawn-fcgi >/dev/null; then
    if [ "$(id -u)" != 0 ]; then
      mapserver_note="MapServer skipped: cgi-mapserver, nginx and spawn-fcgi are needed (apt-get install)"
      return 0
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cgi-mapserver nginx spawn-fcgi >/dev/null
  fi
  local dir=$work/mapserver
  mkdir -p "$dir/tmp"
  ms_base="http://localhost:$ms_port/mapserv/GRIDMAP/ogcapi"
  cat >"$dir/gridmap.map" <<MAPFILE
MAP
  NAME "gridmap"
  EXTENT -180 -90 180 90
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "oga_enable_request" "*"
      "oga_onlineresource" "$ms_base"
      "oga_title" "Gridmap tables served by MapServer"
      "oga_max_limit" "10000"
    END
  END
  # The live grids with the attributes of grids.sql (staff as JSON text), rings CCW.
  LAYER
    NAME "grids"
    TYPE POLYGON
    STATUS ON
    TEMPLATE "void"
    CONNECTIONTYPE POSTGIS
    CONNECTION "$bench_url"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    DATA "geom FROM (SELECT g.code, g.name, g.grid_type AS type, g.households, g.population, g.community_code, c.name AS community_name, c.parent_code AS street_code, s.name AS street_name, g.service_hotline AS hotline, (SELECT coalesce(json_agg(json_build_object('role', st.role, 'name', st.name, 'phone', st.phone) ORDER BY st.sort_order, st.id), '[]'::json) FROM grid_staff st WHERE st.grid_code = g.code AND st.valid_from <= now() AND st.valid_to > now())::text AS staff, g.valid_from, ST_ForcePolygonCCW(g.geom) AS geom FROM grid g LEFT JOIN admin_area c ON c.code = g.community_code AND c.valid_from <= now() AND c.valid_to > now() LEFT JOIN admin_area s ON s.code = c.parent_code AND s.valid_from <= now() AND s.valid_to > now() WHERE g.valid_from <= now() AND g.valid_to > now()) AS sub USING UNIQUE code USING SRID=4326"
    PROJECTION "init=epsg:4326" END
    METADATA
      "oga_title" "grids"
      "gml_include_items" "all"
      "gml_featureid" "code"
      "gml_types" "auto"
      "oga_geometry_precision" "7"
    END
  END
  # The public view of incidents of incidents.sql: snapped point, no reporter.
  LAYER
    NAME "incidents"
    TYPE POINT
    STATUS ON
    TEMPLATE "void"
    CONNECTIONTYPE POSTGIS
    CONNECTION "$bench_url"
    PROCESSING "CLOSE_CONNECTION=DEFER"
    DATA "public_geom FROM (SELECT i.id, i.tracking_code, i.matter_code, m.name AS matter_name, m.name_en AS matter_name_en, d.name AS department_name, i.status, i.reported_at, i.updated_at, i.deadline, i.closed_at, i.grid_code, i.public_geom FROM incident i JOIN matter m ON m.code = i.matter_code JOIN department d ON d.code = i.department_code) AS sub USING UNIQUE id USING SRID=4326"
    PROJECTION "init=epsg:4326" END
    METADATA
      "oga_title" "incidents"
      "gml_include_items" "all"
      "gml_featureid" "id"
      "gml_types" "auto"
      "oga_geometry_precision" "7"
    END
  END
END
MAPFILE
  cat >"$dir/mapserver.conf" <<CONF
CONFIG
  ENV
    MS_MAP_NO_PATH "1"
  END
  MAPS
    GRIDMAP "$dir/gridmap.map"
  END
END
CONF
  local procs
  MAPSERVER_CONFIG_FILE=$dir/mapserver.conf spawn-fcgi -s "$dir/fcgi.sock" -M 0666 -F "$connections" \
    -P "$dir/fcgi.pid" -- "$(command -v mapserv)" >"$dir/spawn.log" 2>&1 ||
    { mapserver_note="MapServer skipped: spawn-fcgi failed: $(tr '\n' ' ' <"$dir/spawn.log")"; return 0; }
  mapfile -t procs <"$dir/fcgi.pid"
  ms_pids+=("${procs[@]}")
  cat >"$dir/nginx.conf" <<NGINX
user root;
worker_processes 1;
pid $work/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  fastcgi_temp_path $dir/tmp/fastcgi;
  proxy_temp_path $dir/tmp/proxy;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  # As the service: gzip for JSON from 2 KB on, at level 6 (Netty's default).
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 2048;
  gzip_types application/json application/geo+json;
  fastcgi_buffers 64 64k;
  server {
    listen 127.0.0.1:$ms_port;
    location /mapserv/ {
      fastcgi_split_path_info ^(/mapserv)(/.*)\$;
      include /etc/nginx/fastcgi_params;
      fastcgi_param PATH_INFO \$fastcgi_path_info;
      fastcgi_param SCRIPT_NAME /mapserv;
      fastcgi_read_timeout 120s;
      fastcgi_pass unix:$dir/fcgi.sock;
    }
  }
}
NGINX
  nginx -c "$dir/nginx.conf" -p "$dir" 2>"$dir/nginx.log" ||
    { mapserver_note="MapServer skipped: nginx did not start: $(tr '\n' ' ' <"$dir/nginx.log")"; return 0; }
  for _ in $(seq 1 20); do
    curl -fs "$ms_base/collections?f=json" >/dev/null 2>&1 && break
    sleep 0.5
  done
  if ! curl -fs "$ms_base/collections?f=json" | grep -q '"incidents"'; then
    mapserver_note="MapServer skipped: its OGC API did not list the collections: $(curl -s "$ms_base/collections?f=json" | head -c 300)"
  fi
}

returned() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))["numberReturned"])' "$1"; }

export PGOPTIONS='-c jit=off' # as the service's sessions (GRIDMAP_DB_SESSION_OPTIONS)
export PGCLIENTENCODING=UTF8
results=$work/results.txt
: >"$results"
memory=$work/memory.txt
: >"$memory"

for limit in $limits; do
  start_service
  url=$bench_url
  # Warm the JIT on every page of this size, half the warm-up each way.
  for c in $collections; do
    path="/ogc/collections/$c/items?limit=$limit&offset=0"
    wrk -t2 -c"$connections" -d"$((warmup / 4 + 1))s" --timeout 60s "$bench_base$path" >/dev/null
    wrk -t2 -c"$connections" -d"$((warmup / 4 + 1))s" --timeout 60s -H 'Accept-Encoding: gzip' "$bench_base$path" >/dev/null
  done
  max_rss=0
  max_heap=0
  for c in $collections; do
    path="/ogc/collections/$c/items?limit=$limit&offset=0"
    plain=$(body_bytes "$bench_base$path" identity)
    cp "$work/body" "$work/$c-$limit.json"
    features=$(returned "$work/$c-$limit.json")
    zipped=$(body_bytes "$bench_base$path" gzip)
    encoding=$(cat "$work/encoding")
    for mode in identity gzip; do
      bytes=$plain
      [ "$mode" = gzip ] && bytes=$zipped
      sample_memory >"$work/memory.samples" &
      sampler=$!
      read -r rate errors < <(measure "gridmap-$c-$limit-$mode" "$bench_base$path" "$mode")
      kill "$sampler"
      wait "$sampler" 2>/dev/null || true
      read -r rss heap < <(tail -1 "$work/memory.samples")
      max_rss=$(awk -v a="$max_rss" -v b="$rss" 'BEGIN {print (b > a) ? b : a}')
      max_heap=$(awk -v a="$max_heap" -v b="$heap" 'BEGIN {printf "%.0f", (b > a) ? b : a}')
      echo "gridmap $c $limit $mode $rate $bytes $plain $features $errors ${encoding:-none}" >>"$results"
    done
    # pgbench: the same SQL producing the same text, checked once.
    pgbench_script "$c" "$limit" "$work/$c-$limit.json" >"$work/$c-$limit.pgbench"
    psql "$url" -X -At -f "$work/$c-$limit.pgbench" >"$work/$c-$limit.sql.json"
    same_json "$work/$c-$limit.json" "$work/$c-$limit.sql.json" >"$work/same"
    same=$(cut -d' ' -f1 <"$work/same")
    [ "$same" = same ] || echo "$c limit=$limit: the SQL's text and the service's differ: $(cat "$work/same")" >>"$work/notes"
    sql_bytes=$(($(wc -c <"$work/$c-$limit.sql.json") - 1))
    pgbench -n -M extended -c "$connections" -j 2 -T 2 -f "$work/$c-$limit.pgbench" "$url" >/dev/null 2>&1
    pgbench -n -M extended -c "$connections" -j 2 -T "$seconds" -f "$work/$c-$limit.pgbench" "$url" >"$work/pgbench.txt" 2>&1 ||
      { cat "$work/pgbench.txt" >&2; exit 1; }
    pg_rate=$(awk '/^tps/ {print $3; exit}' "$work/pgbench.txt")
    echo "pgbench $c $limit identity $pg_rate $sql_bytes $sql_bytes $features - $same" >>"$results"
  done
  echo "$limit $rss_ready $max_rss $max_heap" >>"$memory"
  stop_service
done

if $mapserver; then
  start_mapserver
  if [ -z "$mapserver_note" ]; then
    for limit in $limits; do
      for c in $collections; do
        target="$ms_base/collections/$c/items?f=json&limit=$limit&offset=0"
        plain=$(body_bytes "$target" identity)
        if ! python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))["features"]' "$work/body" 2>/dev/null; then
          mapserver_note="$mapserver_note MapServer $c limit=$limit: no feature collection ($(head -c 200 "$work/body"));"
          continue
        fi
        features=$(returned "$work/body")
        zipped=$(body_bytes "$target" gzip)
        encoding=$(cat "$work/encoding")
        wrk -t2 -c"$connections" -d"$((warmup / 4 + 1))s" --timeout 60s "$target" >/dev/null
        for mode in identity gzip; do
          bytes=$plain
          [ "$mode" = gzip ] && bytes=$zipped
          read -r rate errors < <(measure "mapserver-$c-$limit-$mode" "$target" "$mode")
          echo "mapserver $c $limit $mode $rate $bytes $plain $features $errors ${encoding:-none}" >>"$results"
        done
      done
    done
  fi
else
  mapserver_note="MapServer not measured (--no-mapserver)"
fi

# One line per page and encoding: requests/s, MB/s of body (as sent, and as JSON), the ratios.
report() {
  local c limit mode
  for limit in $limits; do
    for c in $collections; do
      for mode in identity gzip; do
        awk -v c="$c" -v l="$limit" -v m="$mode" '
          $2 == c && $3 == l && $4 == m { rate[$1] = $5; sent[$1] = $6; json[$1] = $7; n[$1] = $8; errors[$1] = $9; enc[$1] = $10 }
          $2 == c && $3 == l && $1 == "pgbench" { pg = $5; pgjson = $7; same = $10 }
          END {
            if (!("gridmap" in rate)) exit
            g = rate["gridmap"] * json["gridmap"] / 1e6
            printf "%-9s limit=%-5s gzip %-3s: %4d features, %9d B sent (%9d B JSON) | Gridmap %8.1f req/s %7.1f MB/s sent %7.1f MB/s JSON", c, l, (m == "gzip") ? "on" : "off", n["gridmap"], sent["gridmap"], json["gridmap"], rate["gridmap"], rate["gridmap"] * sent["gridmap"] / 1e6, g
            if (m == "identity") printf " | pgbench %8.1f tps %7.1f MB/s, Gridmap/pgbench %.2f (SQL text %s)", pg, pg * pgjson / 1e6, (pg > 0) ? g / (pg * pgjson / 1e6) : 0, same
            if ("mapserver" in rate) {
              ms = rate["mapserver"] * json["mapserver"] / 1e6
              printf " | MapServer %d features %8.1f req/s %7.1f MB/s JSON, Gridmap/MapServer %.2f MB/s, %.2f features/s", n["mapserver"], rate["mapserver"], ms, (ms > 0) ? g / ms : 0, (rate["mapserver"] * n["mapserver"] > 0) ? rate["gridmap"] * n["gridmap"] / (rate["mapserver"] * n["mapserver"]) : 0
            }
            printf "\n"
            for (k in errors) if (errors[k] != "-") printf "  %s errors: %s\n", k, errors[k]
            if (m == "gzip") for (k in enc) if (k != "pgbench" && enc[k] != "gzip") printf "  %s did not compress (Content-Encoding: %s)\n", k, enc[k]
          }' "$results"
      done
    done
  done
}

{
  bench_header "GeoJSON serving benchmark (OGC API Features)"
  echo "grids: $(psql "$bench_url" -Atc "SELECT count(*) FROM grid WHERE valid_from <= now() AND valid_to > now()"); incidents: $(psql "$bench_url" -Atc "SELECT count(*) FROM incident"); offset 0; connections: $connections; ${seconds}s per run; wrk -t2"
  echo "MB/s = requests/s x body bytes: 'sent' as on the wire (gzip on: compressed), 'JSON' the document it carries"
  report
  echo "Gridmap/pgbench targets >= 0.7 (gzip off); Gridmap/MapServer targets >= 2 (MB/s of JSON)."
  while read -r limit ready rss heap; do
    echo "memory limit=$limit: JVM VmRSS at ready $((ready / 1024)) MiB, max during the runs $((rss / 1024)) MiB; max heap used $(awk -v h="$heap" 'BEGIN {printf "%.0f", h / 1048576}') MiB"
  done <"$memory"
  [ -z "$mapserver_note" ] || echo "$mapserver_note"
  [ ! -f "$work/notes" ] || cat "$work/notes"
  echo "MapServer: $(mapserv -v 2>/dev/null | head -1 | cut -c1-24 || echo absent); its features carry the same columns under snake_case names (grids: staff as JSON text, no validTo)"
} | bench_result ogc
