#!/usr/bin/env bash
# Backs up the Gridmap database with pg_dump (custom format: compressed, restorable table by
# table, in parallel with pg_restore -j).
#
#   scripts/backup.sh [DATABASE_URL] [DIRECTORY]
#
# DATABASE_URL defaults to GRIDMAP_DATABASE_URL (postgresql://user:password@host:port/db);
# DIRECTORY to ./backups. Writes DIRECTORY/<db>-<UTC timestamp>.dump and prints its path,
# size and the time taken. The dump is one consistent snapshot (one transaction), taken
# while the service runs. Restore with scripts/restore.sh; see docs/operations.md.
set -euo pipefail

url="${1:-${GRIDMAP_DATABASE_URL:-}}"
dir="${2:-backups}"
[[ -n "$url" ]] || { echo "backup.sh: give a database URL or set GRIDMAP_DATABASE_URL" >&2; exit 2; }
command -v pg_dump >/dev/null || { echo "backup.sh: pg_dump is not installed (Debian: postgresql-client-15)" >&2; exit 2; }

db="${url##*/}"
db="${db%%\?*}"
mkdir -p "$dir"
file="$dir/$db-$(date -u +%Y%m%dT%H%M%SZ).dump"
start=$(date +%s.%N)
# --no-owner/--no-acl are left to the restore; the dump keeps them (audit_log's revoked
# privileges are part of its append-only guarantee).
pg_dump --format=custom --compress=6 --file="$file.partial" "$url"
mv "$file.partial" "$file"
end=$(date +%s.%N)
printf 'backup.sh: wrote %s (%s bytes) in %.1f s\n' "$file" "$(stat -c %s "$file")" "$(awk "BEGIN { print $end - $start }")" >&2
echo "$file"
