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
	# The fault tests (ReportFaultTest) restart a private cluster of their own, made from the
	# local PostgreSQL server binaries, never the container: install them when missing.
	[[ -x "${GRIDMAP_PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]] || env -u GRIDMAP_DATABASE_URL scripts/postgis.sh >/dev/null
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
# shellcheck source=scripts/build-tools.sh
. scripts/build-tools.sh
ensure_build_tools

# -ntp: download progress would bury the test results in CI logs.
log "mvn -B -ntp verify $*"
mvn -B -ntp verify "$@"
