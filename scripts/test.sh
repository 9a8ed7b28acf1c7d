#!/usr/bin/env bash
# Runs the whole test suite: mvn -B verify from the repository root, extra arguments passed on
# (scripts/test.sh -pl backend, scripts/test.sh -Dtest=LookupTest ...).
# Database: GRIDMAP_TEST_DATABASE_URL if set; else Testcontainers when a Docker engine answers;
# else a local PostGIS database gridmap_test, dropped and recreated empty on every run.
# Browser and GDAL tests: Chromium, ChromeDriver, ogrinfo (scripts/test-tools.sh). Installs what is missing.
set -euo pipefail

start=$SECONDS
log() { printf 'test.sh: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}
# The time taken is printed however the run ends.
finish() {
	local status=$? took=$((SECONDS - start))
	log "finished in $((took / 60))m $((took % 60))s (exit $status)"
}
trap finish EXIT

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# --- Database ---
if [[ -n "${GRIDMAP_TEST_DATABASE_URL:-}" ]]; then
	log "using GRIDMAP_TEST_DATABASE_URL"
elif command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1; then
	# Testcontainers starts postgis/postgis itself when the variable is absent.
	log "Docker engine reachable: the tests use Testcontainers"
else
	# The developer's GRIDMAP_DATABASE_URL is never the test database: tests write and drop data.
	GRIDMAP_TEST_DATABASE_URL="$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database gridmap_test --fresh)" ||
		die "no local PostGIS for the tests (see above); or set GRIDMAP_TEST_DATABASE_URL to a PostGIS database the tests may empty"
	export GRIDMAP_TEST_DATABASE_URL
	log "local PostGIS: $GRIDMAP_TEST_DATABASE_URL"
fi

# --- Browser for the Selenium tests, GDAL for the OGC client test ---
scripts/test-tools.sh

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

# -ntp: download progress would bury the test results in CI logs.
log "mvn -B -ntp verify $*"
mvn -B -ntp verify "$@"
