#!/usr/bin/env bash
# Ensures a local PostgreSQL + PostGIS database for Gridmap and prints its URL.
#
#   scripts/postgis.sh [--database NAME] [--fresh]
#
#   url=$(scripts/postgis.sh)        # stdout carries only the URL; progress goes to stderr
#
# With GRIDMAP_DATABASE_URL set, nothing on the machine is changed: the URL is checked and printed.
# Otherwise (Debian): installs PostgreSQL + PostGIS when missing (root), creates and starts the
# cluster "15 main", the role gridmap/gridmap and the database (default "gridmap"),
# and the extensions. --fresh drops and recreates the database (names starting with "gridmap" only).
# GRIDMAP_PG_VERSION / GRIDMAP_PG_CLUSTER pick another Debian PostgreSQL major or cluster (default
# 15 / main). Safe to run repeatedly.
set -euo pipefail

PG_VERSION="${GRIDMAP_PG_VERSION:-15}"
CLUSTER="${GRIDMAP_PG_CLUSTER:-main}"
ROLE=gridmap
PASSWORD=gridmap
PACKAGES=("postgresql-$PG_VERSION" "postgresql-$PG_VERSION-postgis-3" "postgresql-$PG_VERSION-pgrouting" postgresql-contrib)

log() { printf 'postgis.sh: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

usage() {
	sed -n '2,13s/^# \{0,1\}//p' "$0" >&2
}

database=gridmap
database_given=false
fresh=false
while (($#)); do
	case "$1" in
	--database)
		[[ $# -ge 2 ]] || die "--database needs a name"
		database="$2"
		database_given=true
		shift 2
		;;
	--database=*)
		database="${1#--database=}"
		database_given=true
		shift
		;;
	--fresh)
		fresh=true
		shift
		;;
	-h | --help)
		usage
		exit 0
		;;
	*)
		usage
		die "unknown argument: $1"
		;;
	esac
done

# The name goes into SQL identifiers and the URL: keep it to plain identifier characters.
[[ "$database" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "database name must match [a-z_][a-z0-9_]*: '$database'"
# --fresh drops a database: only ever one of ours.
if $fresh && [[ "$database" != gridmap* ]]; then
	die "--fresh only drops databases whose name starts with 'gridmap', refusing '$database'"
fi

# --- A database named by the caller: never change anything, just check that it answers. ---
if [[ -n "${GRIDMAP_DATABASE_URL:-}" ]]; then
	# Dropping or picking a database is only for the local cluster this script manages.
	if $fresh || $database_given; then
		die "GRIDMAP_DATABASE_URL is set, so --database/--fresh do not apply; unset it to use the local cluster"
	fi
	url="$GRIDMAP_DATABASE_URL"
	if command -v psql >/dev/null 2>&1; then
		PGCONNECT_TIMEOUT=10 psql "$url" -X -Atq -c 'select 1' >/dev/null ||
			die "GRIDMAP_DATABASE_URL does not answer (psql error above)"
	else
		# No client installed, and this path installs nothing: at least see that the port is open.
		hostport="${url#*://}"
		hostport="${hostport#*@}"
		hostport="${hostport%%/*}"
		host="${hostport%:*}"
		port="${hostport##*:}"
		[[ "$port" == "$hostport" ]] && port=5432
		# shellcheck disable=SC2016 # $1/$2 expand in the inner shell
		timeout 10 bash -c ': <"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null ||
			die "GRIDMAP_DATABASE_URL does not answer on $host:$port"
		log "psql is not installed; checked only that $host:$port accepts connections"
	fi
	printf '%s\n' "$url"
	exit 0
fi

# Settings from the caller's environment must not redirect our own connections.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGSERVICEFILE PGPASSFILE PGOPTIONS

is_root() { [[ $EUID -eq 0 ]]; }
is_postgres() { [[ "$(id -un)" == postgres ]]; }

apt_install() {
	log "installing $* (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	# apt's output goes to stderr: stdout is reserved for the URL.
	apt-get -qq -o DPkg::Lock::Timeout=300 update >&2
	# The package creates cluster 15/main itself, with the locale in the environment: make it UTF-8.
	LANG=C.UTF-8 LC_ALL=C.UTF-8 apt-get -qq -y -o DPkg::Lock::Timeout=300 install "$@" >&2
}

# Superuser work runs as the postgres OS user (peer authentication over the Unix socket);
# cd / so that psql does not complain about an unreadable working directory.
as_postgres() {
	if is_postgres; then
		(cd / && "$@")
	elif is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		die "this step needs root or the postgres user: run 'sudo $0', or set GRIDMAP_DATABASE_URL"
	fi
}

server_installed() {
	command -v pg_ctlcluster >/dev/null 2>&1 &&
		[[ -x "/usr/lib/postgresql/$PG_VERSION/bin/postgres" ]] &&
		[[ -f "/usr/share/postgresql/$PG_VERSION/extension/postgis.control" ]]
}

# Prints "port status" of the cluster, nothing when it does not exist.
cluster_info() {
	pg_lsclusters --no-header 2>/dev/null | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $3, $4 }'
}

url_for() { printf 'postgresql://%s:%s@localhost:%s/%s' "$ROLE" "$PASSWORD" "$1" "$database"; }

# Does the database answer over TCP with the password, with PostGIS in it?
tcp_ready() {
	[[ "$(PGCONNECT_TIMEOUT=5 psql "$1" -X -Atq -c "select count(*) from pg_extension where extname = 'postgis'" 2>/dev/null)" == 1 ]]
}

# --- 1. Packages ---
if ! server_installed; then
	if ! is_root; then
		die "PostgreSQL $PG_VERSION with PostGIS is not installed. As root run:
  apt-get update && apt-get install -y ${PACKAGES[*]}
or point GRIDMAP_DATABASE_URL at an existing PostGIS database."
	fi
	apt_install "${PACKAGES[@]}"
	server_installed || die "PostgreSQL $PG_VERSION / PostGIS still missing after apt-get install"
fi

# --- 2. Cluster: create when missing (pg_createcluster runs initdb as postgres), start when down. ---
info="$(cluster_info)"
if [[ -z "$info" ]]; then
	is_root || die "cluster $PG_VERSION/$CLUSTER does not exist; create it as root (pg_createcluster $PG_VERSION $CLUSTER), or set GRIDMAP_DATABASE_URL"
	log "creating cluster $PG_VERSION/$CLUSTER"
	# Explicit UTF-8: a bare machine may have no locale set, and initdb would pick SQL_ASCII.
	pg_createcluster --encoding UTF8 --locale C.UTF-8 "$PG_VERSION" "$CLUSTER" >&2
	info="$(cluster_info)"
	[[ -n "$info" ]] || die "pg_createcluster did not create $PG_VERSION/$CLUSTER"
fi
port="${info%% *}"
status="${info#* }"
if [[ "$status" != online* ]]; then
	# Without sudo rights a running cluster with our database is still usable (fast path below).
	if is_root || is_postgres; then
		log "starting cluster $PG_VERSION/$CLUSTER on port $port"
		# --skip-systemctl-redirect: works in containers and CI machines without systemd.
		pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$CLUSTER" start >&2
	else
		die "cluster $PG_VERSION/$CLUSTER is $status; start it as root (pg_ctlcluster $PG_VERSION $CLUSTER start), or set GRIDMAP_DATABASE_URL"
	fi
fi
for _ in $(seq 1 30); do
	pg_isready -q -h localhost -p "$port" && break
	sleep 1
done
pg_isready -q -h localhost -p "$port" || die "cluster $PG_VERSION/$CLUSTER does not accept connections on port $port (see /var/log/postgresql/postgresql-$PG_VERSION-$CLUSTER.log)"

url="$(url_for "$port")"

# Without superuser rights there is nothing to set up: accept a database that is already complete.
if ! is_root && ! is_postgres; then
	if ! $fresh && tcp_ready "$url"; then
		printf '%s\n' "$url"
		exit 0
	fi
	why="database $database is missing or has no PostGIS; creating it"
	$fresh && why="--fresh (dropping and recreating $database)"
	die "$why needs the PostgreSQL superuser: run as root ('sudo $0'), or set GRIDMAP_DATABASE_URL"
fi

# client_min_messages: no "already exists, skipping" notices on every run.
psql_admin() { as_postgres env PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }

# --- 3. Role and database ---
psql_admin -d postgres -v role="$ROLE" -v password="$PASSWORD" -v db="$database" -v fresh="$fresh" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
-- --fresh: every run starts from an empty database; FORCE ends sessions left by earlier runs.
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') WHERE :'fresh' = 'true' \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
$fresh && log "database $database recreated empty"

# --- 4. Extensions, as superuser (postgis is not a trusted extension) ---
psql_admin -d "$database" >&2 <<'SQL'
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
SQL
# pgRouting is optional: use it where the package is there.
psql_admin -d "$database" -c 'CREATE EXTENSION IF NOT EXISTS pgrouting' >/dev/null 2>&1 ||
	log "pgrouting extension not available (optional), skipped"

# --- 5. The application logs in with a password over TCP: check exactly that. ---
if ! tcp_ready "$url"; then
	die "cannot log in as $ROLE over TCP: PGPASSWORD=$PASSWORD psql -h localhost -p $port -U $ROLE -d $database failed.
Debian's pg_hba.conf allows scram-sha-256 for 127.0.0.1/32 and ::1/128; check
/etc/postgresql/$PG_VERSION/$CLUSTER/pg_hba.conf and listen_addresses. If the role $ROLE existed
before with another password, reset it: ALTER ROLE $ROLE PASSWORD '$PASSWORD'."
fi

printf '%s\n' "$url"
