#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh into a NEW database, then checks it.
#
#   scripts/restore.sh DUMP_FILE TARGET_DATABASE_URL
#
# TARGET_DATABASE_URL (postgresql://user:password@host:port/newdb) names a database that
# must not exist yet: it is created (the user needs CREATEDB), given the extensions
# (postgis, btree_gist, pg_trgm, and pgrouting where installed), and the dump is restored
# into it with pg_restore, owned by that user, stopping at the first error. Creating
# extensions needs a superuser unless they already exist in template1: set
# GRIDMAP_ADMIN_DATABASE_URL to a superuser's URL on the same server, or run as root on the
# local cluster (runuser -u postgres). Nothing fires during the load: pg_dump puts triggers
# (the audit triggers among them) after the data, so no audit row is added and the
# append-only rules are not touched. Prints what it checked: tables, rows of the largest,
# the Flyway version.
set -euo pipefail

dump="${1:-}"
target="${2:-}"
[[ -f "$dump" && -n "$target" ]] || { sed -n '2,16s/^# \{0,1\}//p' "$0" >&2; exit 2; }

db="${target##*/}"
db="${db%%\?*}"
[[ "$db" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "restore.sh: database name must match [a-z_][a-z0-9_]*: '$db'" >&2; exit 2; }
server="${target%/*}/postgres"
log() { printf 'restore.sh: %s\n' "$*" >&2; }

if [[ "$(psql "$server" -X -Atq -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" != 0 ]]; then
	log "database $db exists already; restore only into a new one (drop it first if that is what you mean)"
	exit 1
fi
start=$(date +%s.%N)
psql "$server" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$db\"" >/dev/null

extensions="CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;"
routing="DO \$\$ BEGIN IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') THEN
CREATE EXTENSION IF NOT EXISTS pgrouting; END IF; END \$\$;"
if psql "$target" -X -q -v ON_ERROR_STOP=1 -c "$extensions" -c "$routing" >/dev/null 2>&1; then
	:
elif [[ -n "${GRIDMAP_ADMIN_DATABASE_URL:-}" ]]; then
	psql "${GRIDMAP_ADMIN_DATABASE_URL%/*}/$db" -X -q -v ON_ERROR_STOP=1 -c "$extensions" -c "$routing" >/dev/null
elif [[ $EUID -eq 0 ]] && command -v runuser >/dev/null; then
	port="$(psql "$target" -X -Atq -c 'SHOW port')"
	(cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d "$db" -c "$extensions" -c "$routing") >/dev/null
else
	log "cannot create the extensions in $db: set GRIDMAP_ADMIN_DATABASE_URL to a superuser's URL"
	exit 1
fi

# Everything but the extensions themselves (made above, by a superuser if need be) and
# their own table spatial_ref_sys, which PostGIS fills (the project adds no SRIDs).
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
pg_restore --list "$dump" | grep -v -E ' EXTENSION | COMMENT - EXTENSION | TABLE DATA public spatial_ref_sys ' >"$list"
pg_restore --use-list="$list" --no-owner --exit-on-error --dbname="$target" "$dump"
end=$(date +%s.%N)

tables="$(psql "$target" -X -Atq -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
version="$(psql "$target" -X -Atq -c "SELECT max(version::int) FROM flyway_schema_history WHERE success AND version IS NOT NULL")"
incidents="$(psql "$target" -X -Atq -c "SELECT count(*) FROM incident")"
audit="$(psql "$target" -X -Atq -c "SELECT count(*) FROM audit_log")"
printf 'restore.sh: restored %s into %s in %.1f s: %s tables, schema version %s, %s incidents, %s audit rows\n' \
	"$dump" "$db" "$(awk "BEGIN { print $end - $start }")" "$tables" "$version" "$incidents" "$audit" >&2
