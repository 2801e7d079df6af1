#!/usr/bin/env bash
# The container images of the chaos harness, built here without pulling anything, and cached.
#
#   deploy/chaos/images.sh [base|node]   build what is missing (default: node, which needs base); print the tags
#                                        as BASE_IMAGE=... and NODE_IMAGE=... lines
#
# base  flotilla-chaos-base:<hash>  Debian bookworm (debootstrap --variant=minbase) with iptables, iproute2,
#       procps, ca-certificates and faketime (libfaketime, for the clock-skew scenario), imported with
#       `docker import`. No registry is reachable from here, so a FROM debian:... could never be pulled;
#       debootstrap uses the Debian mirror apt already uses.
# node  flotilla-chaos-node:<hash>  base + a jlink runtime from Temurin 25 (Debian 12 has no Java 21) + the
#       node jar and its dependency jars (node/target, built by `./flotilla run`'s build when missing).
#
# Each tag is a hash of its inputs (the package list and mirror; the base tag, the runtime's JDK and
# modules, every jar, the Dockerfile), so an image whose tag exists is reused as is, and a changed input
# gives a new tag. Needs the engine of deploy/chaos/docker-engine.sh (its DOCKER_HOST is used when unset).
# Work files go under $FLOTILLA_CHAOS_DOCKER_ROOT/images (default /var/lib/flotilla-chaos-docker/images).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENGINE=$ROOT/deploy/chaos/docker-engine.sh
WORK=${FLOTILLA_CHAOS_DOCKER_ROOT:-/var/lib/flotilla-chaos-docker}/images
JDK=${FLOTILLA_CHAOS_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
SUITE=bookworm
PACKAGES=iptables,iproute2,procps,ca-certificates,faketime
# The modules a node needs: java.se (Hazelcast asks for it by name) and the JDK ones its libraries load
# (jdk.net: the AWS SDK's HTTP client; jdk.unsupported: netty, Hazelcast).
MODULES=java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.net,jdk.httpserver,jdk.jfr,jdk.charsets

die() { echo "images: $*" >&2; exit 1; }
say() { echo "images: $*" >&2; }

: "${DOCKER_HOST:=$("$ENGINE" env | sed -n 's/^DOCKER_HOST=//p')}"
export DOCKER_HOST
# The classic builder: the docker CLI here has no buildx plugin, and BuildKit would be the default.
export DOCKER_BUILDKIT=0

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
hash_of() { sha256sum | cut -c1-16; }

# The first Debian mirror apt uses on this machine (deb822 URIs: or one-line deb entries).
mirror() {
  local m
  m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\(http[^ ]*\/debian\)\/\?$/\1/p' | head -1)
  [[ -n $m ]] || m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }')
  echo "${m:-http://deb.debian.org/debian}"
}

base_tag() { echo "flotilla-chaos-base:$(printf '%s\n' "$SUITE" "$PACKAGES" "$(mirror)" minbase | hash_of)"; }

build_base() {
  local tag dir log
  tag=$(base_tag)
  image_exists "$tag" && { echo "$tag"; return 0; }
  command -v debootstrap >/dev/null || {
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 debootstrap >&2 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update >&2 &&
           DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 debootstrap >&2; } \
      || die "apt-get install debootstrap failed"
  }
  mkdir -p "$WORK"
  dir=$WORK/rootfs.$$
  log=$WORK/debootstrap.log
  rm -rf "$dir"
  say "debootstrap $SUITE from $(mirror) (about a minute; log $log)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$dir" "$(mirror)" >"$log" 2>&1 \
    || die "debootstrap failed; see $log"
  # Package lists and caches are of no use in a test image.
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null \
    || die "docker import failed"
  rm -rf "$dir"
  echo "$tag"
}

# The node's launcher inside the image: the same JVM flags as ./flotilla run, FLOTILLA_JAVA_OPTS added.
write_launcher() {
  cat >"$1" <<'EOF'
#!/bin/sh
# Written by deploy/chaos/images.sh: ./flotilla run's JVM flags (Hazelcast's opens, native access).
exec /opt/java/bin/java --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  --enable-native-access=ALL-UNNAMED -Dhazelcast.logging.type=jdk -XX:+UseG1GC ${FLOTILLA_JAVA_OPTS:-} \
  -cp "/opt/flotilla/flotilla-node.jar:/opt/flotilla/lib/*" io.flotilla.node.Main run \
  --bind 0.0.0.0 --port 5000 --data /var/lib/flotilla "$@"
EOF
  chmod +x "$1"
}

write_dockerfile() {
  cat >"$1" <<EOF
FROM $2
COPY jre /opt/java
COPY lib /opt/flotilla/lib
COPY flotilla-node.jar run-node.sh /opt/flotilla/
EXPOSE 5000 5701
ENTRYPOINT ["/opt/flotilla/run-node.sh"]
EOF
}

# A jlink runtime for these modules of this JDK, cached by both.
runtime() {
  local key dir
  key=$(printf '%s\n' "$("$JDK/bin/java" -version 2>&1)" "$MODULES" | hash_of)
  dir=$WORK/jre-$key
  if [[ ! -x $dir/bin/java ]]; then
    say "jlink runtime ($MODULES)"
    rm -rf "$dir.tmp"
    "$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
      --compress=zip-6 --output "$dir.tmp" >&2 || die "jlink failed"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

build_node() {
  local base jre jar=$ROOT/node/target/flotilla-node.jar lib=$ROOT/node/target/lib ctx tag key
  [[ -f $jar && -d $lib ]] || die "no node build in $ROOT/node/target (run: mvn -DskipTests package -pl node -am)"
  base=$(build_base)
  jre=$(runtime)
  ctx=$WORK/context.$$
  rm -rf "$ctx"
  mkdir -p "$ctx"
  write_launcher "$ctx/run-node.sh"
  write_dockerfile "$ctx/Dockerfile" "$base"
  key=$( { echo "$base"; basename "$jre"; cat "$ctx/Dockerfile" "$ctx/run-node.sh";
           (cd "$ROOT/node/target" && sha256sum flotilla-node.jar lib/*.jar); } | hash_of)
  tag=flotilla-chaos-node:$key
  if image_exists "$tag"; then
    rm -rf "$ctx"
    echo "$tag"
    return 0
  fi
  say "building $tag"
  cp -a "$jre" "$ctx/jre"
  cp -a "$lib" "$ctx/lib"
  cp "$jar" "$ctx/flotilla-node.jar"
  docker build --pull=false -q -t "$tag" "$ctx" >/dev/null || { rm -rf "$ctx"; die "docker build failed"; }
  rm -rf "$ctx"
  echo "$tag"
}

case ${1:-node} in
  base) echo "BASE_IMAGE=$(build_base)" ;;
  node) base=$(build_base); node=$(build_node); echo "BASE_IMAGE=$base"; echo "NODE_IMAGE=$node" ;;
  *) echo "usage: deploy/chaos/images.sh [base|node]" >&2; exit 2 ;;
esac
