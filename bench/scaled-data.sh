#!/usr/bin/env bash
# The scaled dataset of issues 3, 5, 6 and 8: 2,000 grids, 1,000,000 addresses (800,000
# dwellings and 200,000 shops), 400 service stations and 1,000,000 incidents over two years
# with their timelines (about 7.6 million steps) and eight hotspots, generated from a seed
# (org.gridmap.demodistrict.ScaledDistrictGenerator) and loaded with COPY into a fresh
# PostGIS database, migrated by the service's own Flyway migrations, indexed and analysed.
# Prints the time taken, the row counts and the database URL (the last line of stdout).
# Nothing of it is kept in git; rerunning recreates the database from scratch.
#
# Usage: bench/scaled-data.sh [--database NAME] [--scale F] [--seed N]
#   --database  local database to recreate (default gridmap_scaled; names start with gridmap)
#   --scale     share of the full dataset (default 1; 0.1 gives 200 grids, 100,000 incidents)
#   --seed      generator seed (default 20261123, the demo's)
# Then: bench/hotspots.sh, bench/tiles.sh (default --database gridmap_scaled), or any
# benchmark with GRIDMAP_DATABASE_URL set to the printed URL.
set -euo pipefail
cd "$(dirname "$0")/.."

database=gridmap_scaled
scale=1
seed=20261123
while [ $# -gt 0 ]; do
  case "$1" in
    --database) database=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[ -f backend/target/gridmap.jar ] || mvn -q -B -DskipTests package
start=$(date +%s)
url=$(env -u GRIDMAP_DATABASE_URL scripts/postgis.sh --database "$database" --fresh)
# The loader is a main class inside the service's jar (Spring Boot's PropertiesLauncher runs
# it with the jar's own class path): Flyway migrates, then the generator streams COPY rows.
# Flyway's INFO lines and notices are left out.
java -Xmx6g -cp backend/target/gridmap.jar -Dloader.main=org.gridmap.demo.ScaledDataset \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --url "$url" --scale "$scale" --seed "$seed" 2>&1 | grep -v -e ' INFO ' -e 'already exists, skipping'
seconds=$(($(date +%s) - start))
echo "loaded in ${seconds} s ($((seconds / 60)) min $((seconds % 60)) s), scale $scale, seed $seed"
echo "database size: $(psql "$url" -Atc 'SELECT pg_size_pretty(pg_database_size(current_database()))')"
echo "$url"
