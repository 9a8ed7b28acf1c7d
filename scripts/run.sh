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
javac_bin() { printf '%s' "${JAVA_HOME:+$JAVA_HOME/bin/}javac"; }
jdk_ok() {
	local major
	major="$("$(javac_bin)" -version 2>&1 | awk '/^javac/ { split($2, v, "."); print v[1] }')" || return 1
	[[ "$major" =~ ^[0-9]+$ ]] && ((major >= 17))
}
ensure_build_tools() {
	command -v mvn >/dev/null 2>&1 && jdk_ok && return 0
	if [[ $EUID -ne 0 ]]; then
		die "Maven and a JDK 17+ are needed${JAVA_HOME:+ (JAVA_HOME=$JAVA_HOME has no javac 17+)}. As root run:
  apt-get update && apt-get install -y maven openjdk-17-jdk-headless"
	fi
	log "installing maven openjdk-17-jdk-headless (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get -qq -o DPkg::Lock::Timeout=300 update
	apt-get -qq -y -o DPkg::Lock::Timeout=300 install maven openjdk-17-jdk-headless >/dev/null
	# An older default JDK may still win the alternatives: point at 17 explicitly then.
	if ! jdk_ok; then
		JAVA_HOME="/usr/lib/jvm/java-17-openjdk-$(dpkg --print-architecture)"
		export JAVA_HOME
		export PATH="$JAVA_HOME/bin:$PATH"
	fi
	jdk_ok || die "no JDK 17+ after installing openjdk-17-jdk-headless"
}
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
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$jar" "$@"
