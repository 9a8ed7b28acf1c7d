#!/usr/bin/env bash
# JMH benchmark of the in-memory grid index (bench/jmh, Maven profile jmh, never built by CI):
# points per second for locate and the whole lookup document, random and Z-order-sorted
# input, on the demo district. No database needed.
#
# Usage: bench/index-jmh.sh [JMH options]   (default: -f 1 -wi 3 -w 2s -i 5 -r 2s)
#   e.g. bench/index-jmh.sh -f 1 -wi 1 -w 1s -i 2 -r 1s    (a quick smoke run)
#        bench/index-jmh.sh -p cells=16384,65536,262144     (vary the number of cells)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
options=("$@")
[ ${#options[@]} -gt 0 ] || options=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
# Compiling the reactor (not packaging it) makes the backend resolve to its classes.
mvn -B -q -Pjmh -pl bench/jmh -am -DskipTests -Dspring-javaformat.skip=true compile \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
cp="bench/jmh/target/classes:$(cat bench/jmh/target/classpath.txt)"
java -cp "$cp" org.openjdk.jmh.Main GridIndexBenchmark "${options[@]}" -rf text -rff "${TMPDIR:-/tmp}/jmh-$$.txt" >&2
{
  echo "# Grid index JMH benchmark, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
  echo "options: ${options[*]}"
  cat "${TMPDIR:-/tmp}/jmh-$$.txt"
} | bench_result index-jmh
rm -f "${TMPDIR:-/tmp}/jmh-$$.txt"
