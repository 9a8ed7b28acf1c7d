#!/usr/bin/env bash
# Page weight and time to first render of the public pages on a throttled phone profile
# (bench/page-weight.mjs: Slow 4G, CPU 4×, 390×844), against a service on the demo district.
# Needs Node.js with npm (playwright-core is installed into bench/tmp) and Debian's Chromium.
#
# Usage: bench/pages.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}

# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_require node npm
scripts/test-tools.sh
[ -d bench/tmp/node_modules/playwright-core ] ||
  npm install --silent --no-audit --no-fund --prefix bench/tmp playwright-core@1.49.1 >/dev/null
bench_start_service
cp bench/page-weight.mjs bench/tmp/
grid=$(psql "$bench_url" -Atc "SELECT min(code) FROM grid WHERE valid_to = 'infinity'")
{
  bench_header "Public pages on a throttled phone"
  node bench/tmp/page-weight.mjs "$bench_base/lookup?base=blank&grid=$grid" "$runs" \
    "document.querySelector('a[href^=\"tel:\"]') !== null"
  node bench/tmp/page-weight.mjs "$bench_base/board/$grid" "$runs" \
    "window.gridmapBoard !== undefined && window.gridmapBoard.boards > 0"
} | bench_result pages
