#!/usr/bin/env bash
# Ensures the programs the tests drive: Debian's Chromium and ChromeDriver (/usr/bin/chromium,
# /usr/bin/chromedriver) for the browser tests, and GDAL's ogrinfo (gdal-bin) for the test that
# reads /ogc as QGIS does; installs them as root when missing. Quiet when all are there.
# The tests use these binaries: a test tool's own browser download cannot reach the network here.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
OGRINFO=/usr/bin/ogrinfo
# A CJK font, so that pages printed or captured in the tests show Chinese rather than boxes.
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
PACKAGES=(chromium chromium-driver gdal-bin fonts-wqy-microhei)

log() { printf 'test-tools.sh: %s\n' "$*" >&2; }

[[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" && -x "$OGRINFO" && -f "$FONT" ]] && exit 0

if [[ $EUID -ne 0 ]]; then
	log "error: $CHROMIUM, $CHROMEDRIVER and $OGRINFO are needed by the tests. As root run:
  apt-get update && apt-get install -y ${PACKAGES[*]}"
	exit 1
fi

log "installing ${PACKAGES[*]} (apt-get)"
export DEBIAN_FRONTEND=noninteractive
# The lock timeout waits for another apt run (e.g. a parallel postgis.sh) instead of failing.
apt-get -qq -o DPkg::Lock::Timeout=300 update
apt-get -qq -y -o DPkg::Lock::Timeout=300 install "${PACKAGES[@]}" >/dev/null

for binary in "$CHROMIUM" "$CHROMEDRIVER" "$OGRINFO"; do
	[[ -x "$binary" ]] || {
		log "error: $binary still missing after apt-get install"
		exit 1
	}
done
log "$("$CHROMIUM" --version 2>/dev/null || true), $("$CHROMEDRIVER" --version 2>/dev/null | head -n1 || true)"
