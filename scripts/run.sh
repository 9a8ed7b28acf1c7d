#!/usr/bin/env bash
# Runs Gridmap locally: ensures PostGIS (scripts/postgis.sh) unless GRIDMAP_DATABASE_URL is set,
# builds backend/target/gridmap.jar when it is missing or older than the sources, and starts it
# with the demo district loaded. Extra arguments go to the application (e.g. --debug).
#
#   scripts/run.sh                      # http://localhost:8080/
#   SERVER_PORT=9090 scripts/run.sh
set -euo pipefail

log() { printf 'run.sh: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Exit status of the command substitution is kept: set -e stops here if PostGIS cannot be had.
GRIDMAP_DATABASE_URL="${GRIDMAP_DATABASE_URL:-$(scripts/postgis.sh)}"
export GRIDMAP_DATABASE_URL

# --- Maven and a JDK 17+ (Debian's openjdk-17 when missing) ---
# shellcheck source=scripts/build-tools.sh
. scripts/build-tools.sh
ensure_build_tools

# --- Build when the jar is missing or any pom.xml / src file is newer than it ---
jar=backend/target/gridmap.jar
stale() {
	[[ ! -f "$jar" ]] ||
		[[ -n "$(find . \( -name target -o -name .git -o -name node_modules -o -name bench -o -name .gridmap \) -prune \
			-o -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$jar" -print -quit)" ]]
}
if stale; then
	log "building $jar (mvn -q -B -DskipTests package)"
	mvn -q -B -DskipTests package
	[[ -f "$jar" ]] || die "the build did not produce $jar"
fi

export GRIDMAP_DEMO_DATA="${GRIDMAP_DEMO_DATA:-true}"
export SERVER_PORT="${SERVER_PORT:-8080}"
log "starting Gridmap: open http://localhost:$SERVER_PORT/ (Ctrl-C stops it)"
if [[ -n "${GRIDMAP_ADMIN_PASSWORD:-}" ]]; then
	log "staff pages (/map, /plan, /assessment, /stations): sign in as admin with GRIDMAP_ADMIN_PASSWORD"
else
	log "staff pages (/map, /plan, /assessment, /stations): sign in as admin; on a new database its"
	log "password is generated and printed once below (or set GRIDMAP_ADMIN_PASSWORD); API clients:"
	log "  curl -X POST -H 'Content-Type: application/json' -d '{\"name\":\"admin\",\"password\":\"…\"}' \\"
	log "    http://localhost:$SERVER_PORT/api/v1/session   # then send Authorization: Bearer <token>"
fi
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$jar" "$@"
