#!/usr/bin/env bash
# Grid files: time to export the demo district's 146 grids as GeoJSON, GeoPackage and CSV
# (median of --runs downloads, next to ogr2ogr converting the exported GeoJSON to a
# GeoPackage: the same file work done by GDAL), to import a street's GeoPackage into a draft
# plan (parse, match, record, validate), and to preview a generated file of --grids square
# grids of --vertices vertices each (next to ogr2ogr reading the same file).
# Uses its own database gridmap_bench_gridfile, emptied first (never GRIDMAP_DATABASE_URL's).
#
# Usage: bench/gridfile.sh [--runs N] [--grids N] [--vertices N]
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
grids=2000
vertices=200
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --grids) grids=$2; shift 2 ;;
    --vertices) vertices=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_options "${args[@]+"${args[@]}"}"
bench_require curl python3 bc
command -v ogr2ogr >/dev/null || { echo "ogr2ogr is missing: apt-get install gdal-bin" >&2; exit 1; }
GRIDMAP_DATABASE_URL=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database gridmap_bench_gridfile --fresh)
export GRIDMAP_DATABASE_URL
bench_start_service

# Median wall time in seconds of a command run $runs times.
median() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3fs", a[int((NR+1)/2)]}'
}

{
  bench_header "grid files"
  # One download of each first: the GeoPackage library's start-up is not part of the figure.
  for format in geojson gpkg csv; do
    curl -fs "$bench_base/api/v1/grids/export?format=$format" -o "$bench_work/all.$format"
  done
  for format in geojson gpkg csv; do
    echo "export $format (146 grids, $(stat -c %s "$bench_work/all.$format") bytes): $(median curl -fs "$bench_base/api/v1/grids/export?format=$format" -o /dev/null)"
  done
  echo "ogr2ogr GeoJSON -> GeoPackage of the same grids: $(median ogr2ogr -overwrite -f GPKG "$bench_work/gdal.gpkg" "$bench_work/all.geojson")"

  # Import a street's grids into a new draft plan, unchanged: parse, match, one write, validate.
  curl -fs "$bench_base/api/v1/grids/export?format=gpkg&street=230304001" -o "$bench_work/street.gpkg"
  effective=$(TZ=Asia/Shanghai date -d '+30 days' +%F)
  plan=$(curl -fs -H 'Content-Type: application/json' "$bench_base/api/v1/plans" \
    -d "{\"name\":\"bench\",\"parent\":\"230304001\",\"effectiveDate\":\"$effective\",\"author\":\"bench\"}")
  id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$plan")
  etag=$(curl -fsI "$bench_base/api/v1/plans/$id" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
  import() {
    curl -fs -H "If-Match: $etag" -H "Accept: application/json" -F file=@"$bench_work/street.gpkg" -F author=bench "$bench_base/api/v1/plans/$id/imports"
  }
  features=$(import | python3 -c 'import json,sys; print(json.load(sys.stdin)["import"]["features"])')
  echo "import a street's GeoPackage ($features grids) into a draft, with validation: $(median import)"

  # Preview of a generated GeoJSON of $grids squares (circles of $vertices vertices) near Didao.
  python3 - "$grids" "$vertices" >"$bench_work/big.geojson" <<'PY'
import json, math, sys
n, v = int(sys.argv[1]), int(sys.argv[2])
side = math.ceil(math.sqrt(n))
features = []
for i in range(n):
    cx, cy = 130.70 + (i % side) * 0.004, 45.25 + (i // side) * 0.004
    ring = [[round(cx + 0.0019 * math.cos(2 * math.pi * k / v), 9), round(cy + 0.0019 * math.sin(2 * math.pi * k / v), 9)] for k in range(v)]
    ring.append(ring[0])
    code = "230304001%03d%03d" % (1 + i // 999, 1 + i % 999)
    features.append({"type": "Feature", "properties": {"code": code, "name": "网格%d" % i}, "geometry": {"type": "Polygon", "coordinates": [ring]}})
json.dump({"type": "FeatureCollection", "features": features}, sys.stdout)
PY
  preview() {
    curl -fs -F file=@"$bench_work/big.geojson" -F crs=EPSG:4326 "$bench_base/api/v1/grids/imports/preview"
  }
  echo "preview $grids grids x $vertices vertices ($(stat -c %s "$bench_work/big.geojson") bytes): $(median preview)"
  echo "ogr2ogr reading the same file into a GeoPackage: $(median ogr2ogr -overwrite -f GPKG "$bench_work/big.gpkg" "$bench_work/big.geojson")"
} | bench_result gridfile
