# shellcheck shell=bash
# Maven and a JDK 17+ for the build, installed from Debian (maven, openjdk-17-jdk-headless) as
# root when missing; shared by scripts/run.sh and scripts/test.sh, which define log and die.

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
