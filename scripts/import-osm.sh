#!/usr/bin/env bash
# Loads the streets of an OpenStreetMap extract (.osm XML; convert .pbf first with
# `osmium cat -o extract.osm extract.osm.pbf`) as Gridmap's road network, with Debian's
# osm2pgrouting (installed here when missing and run as root):
#
#   scripts/import-osm.sh extract.osm [--replace] [--conf /usr/share/osm2pgrouting/mapconfig.xml]
#
# osm2pgrouting writes its ways, already cut at every junction, into a scratch schema; their
# lines go into road_edge (origin 'osm', kind = the OSM tag id, name = the street name), the
# topology comes from gridmap_network_build_topology() as for every import, and the scratch
# schema is dropped. --replace removes the previous OSM edges first. The database is
# GRIDMAP_DATABASE_URL (default: the local PostGIS of scripts/postgis.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

file=${1:?usage: scripts/import-osm.sh extract.osm [--replace] [--conf mapconfig.xml]}
shift
replace=false
# mapconfig_for_pedestrian.xml of Debian 12 does not parse (invalid XML at line 29)
conf=/usr/share/osm2pgrouting/mapconfig.xml
while [ $# -gt 0 ]; do
  case "$1" in
    --replace) replace=true; shift ;;
    --conf) conf=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 1; }
if ! command -v osm2pgrouting >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "osm2pgrouting is missing: apt-get install osm2pgrouting" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq osm2pgrouting >/dev/null
fi
url=${GRIDMAP_DATABASE_URL:-$(scripts/postgis.sh)}
# postgresql://user:password@host:port/db
rest=${url#*://}
user=${rest%%:*}
rest=${rest#*:}
password=${rest%%@*}
rest=${rest#*@}
host=${rest%%:*}
rest=${rest#*:}
port=${rest%%/*}
db=${rest#*/}
db=${db%%\?*}

psql "$url" -qc "DROP SCHEMA IF EXISTS gridmap_osm_import CASCADE; CREATE SCHEMA gridmap_osm_import"
osm2pgrouting --file "$file" --conf "$conf" --schema gridmap_osm_import --clean \
  --dbname "$db" --username "$user" --password "$password" --host "$host" --port "$port" >&2
psql "$url" -v ON_ERROR_STOP=1 -v replace="$replace" <<'SQL'
BEGIN;
DELETE FROM road_edge WHERE origin = 'osm' AND :'replace' = 'true';
DELETE FROM road_vertex v WHERE NOT EXISTS (SELECT 1 FROM road_edge e WHERE e.source = v.id OR e.target = v.id);
INSERT INTO road_edge (name, kind, origin, geom)
SELECT w.name, w.tag_id::text, 'osm', (ST_Dump(w.the_geom)).geom
FROM gridmap_osm_import.ways w;
SELECT gridmap_network_build_topology() AS edges_linked;
COMMIT;
DROP SCHEMA gridmap_osm_import CASCADE;
SQL
