#!/usr/bin/env bash
# The whole test suite, as `./flotilla test` and CI run it:
#   1. install the real clients the tests drive;
#   2. start the real backing services in the background while Maven builds;
#   3. run every module's tests (the storage contract kits run against the real servers);
#   4. run the node's HTTP suite and real-client tests again on real backends;
#   5. run the cluster tests: real node processes behind HAProxy on those backends, then the benchmark's
#      smoke runs (./flotilla bench --smoke, ./flotilla bench gc --blobs 1000) on the same services;
#   6. run a short chaos suite (kill, pause, partition, gc) with nodes in containers; fail on an invalid verdict;
#   7. refuse a run in which no test ran.
# The services are stopped when it ends, and so are the chaos harness's Docker engine and its own services.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:?run through ./flotilla test, which finds the JDK}"

# ldap: slapd for the directory-login tests (ldap.sh installs it itself, preseeded, so it is not in
# ensure_packages: installing slapd there would configure a system server on port 389). keycloak: the OIDC
# provider of the OIDC-login tests (its distribution comes from Maven Central through ~/.m2).
SERVICES=(cassandra ceph ldap keycloak)
# The full HTTP suite runs on embedded defaults in step 3, and on this real combination in step 4.
REAL_BLOBS=rados
REAL_METADATA=cassandra

START=$(date +%s)
stage() { echo "== [$(( $(date +%s) - START ))s] $*" >&2; }
export FLOTILLA_SERVICES_DIR=${FLOTILLA_SERVICES_DIR:-${TMPDIR:-/tmp}/flotilla-test-services}
LOG=$FLOTILLA_SERVICES_DIR/run-all.services.log

# Debian packages the tests use, as COMMAND:PACKAGE, installed when the command is missing, all in one
# apt-get run (apt-get update runs once, only if something is missing).
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  stage "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2
}

stop_services() { deploy/local/services.sh down "${SERVICES[@]}" >/dev/null 2>&1 || true; }

# ContainerDb (ContainerClusterTest and the chaos suite) runs Cassandra and Ceph of its own on the Docker
# bridge's address, in its own state folder and on its own ports (BridgeServices.environment()), and leaves
# them and its Docker engine running for reuse: CI stops them so that it leaves nothing running. The
# variables are set for this command only, so the exported local services' settings are not touched.
stop_chaos() {
  env FLOTILLA_SERVICES_DIR=/var/lib/flotilla-chaos-services FLOTILLA_CASSANDRA_CQL_PORT=9042 \
    FLOTILLA_CASSANDRA_JMX_PORT=7299 FLOTILLA_CEPH_MON_PORT=3301 FLOTILLA_CEPH_MON_V1_PORT=6790 \
    FLOTILLA_RGW_PORT=7481 deploy/local/services.sh down cassandra ceph >/dev/null 2>&1 || true
  deploy/chaos/docker-engine.sh down >/dev/null 2>&1 || true
}
stop_all() { stop_chaos; stop_services; }
trap stop_all EXIT

stage "tools"
# docker.io and debootstrap are for the chaos harness's containers (docker-engine.sh and images.sh would
# install them too, but each with an apt run of its own); docker-registry, nginx and wrk for the bench's
# smoke run (which would also install them itself).
ensure_packages skopeo:skopeo buildah:buildah podman:podman ceph-mon:ceph radosgw:radosgw haproxy:haproxy \
  dockerd:docker.io docker:docker.io debootstrap:debootstrap \
  docker-registry:docker-registry nginx:nginx wrk:wrk

stage "services: ${SERVICES[*]} (in the background)"
mkdir -p "$FLOTILLA_SERVICES_DIR"
deploy/local/services.sh up "${SERVICES[@]}" >"$LOG" 2>&1 &
services_pid=$!

stage "build (mvn install, tests skipped)"
mvn -B -ntp -q install -DskipTests

stage "waiting for services"
if ! wait "$services_pid"; then
  tail -20 "$LOG" >&2
  echo "the backing services did not start; see $LOG" >&2
  exit 1
fi
cat "$LOG" >&2
set -a
eval "$(deploy/local/services.sh env "${SERVICES[@]}")"
set +a

stage "every module's tests (node on embedded defaults; contract kits on real servers)"
mvn -B -ntp verify

stage "node HTTP suite and real clients on $REAL_METADATA+$REAL_BLOBS"
mvn -B -ntp -pl node surefire:test -Dflotilla.test.metadata="$REAL_METADATA" -Dflotilla.test.blobs="$REAL_BLOBS" \
  -Dtest='*HttpTest,*ApiTest,ApiAuditTest,HostileInputTest,RealClientsTest,CollectionRaceTest' -Dsurefire.reportNameSuffix="$REAL_METADATA-$REAL_BLOBS"

# The other combinations pass their contract kits above; here, the real-client round trip on each.
for blobs in s3 fs; do
  stage "real clients on $REAL_METADATA+$blobs"
  mvn -B -ntp -q -pl node surefire:test -Dflotilla.test.metadata="$REAL_METADATA" -Dflotilla.test.blobs="$blobs" \
    -Dtest='RealClientsTest' -Dsurefire.reportNameSuffix="$REAL_METADATA-$blobs"
done

# Real node processes (deploy/local/cluster.sh), each class its own cluster; node logs are kept under
# chaos-tests/target/clusters/<class>/logs.
stage "cluster tests: 3 nodes behind HAProxy on cassandra+rados"
mvn -B -ntp -pl chaos-tests surefire:test -Dtest='*ClusterTest'

# The benchmark's runner, kept working: every row at tiny sizes, once, the cluster rows on the services above
# (it finds them answering, so it uses them and leaves them running). It fails if any row went unmeasured.
stage "bench smoke: ./flotilla bench --smoke (Flotilla, docker-registry, nginx, plain Helidon, cluster)"
# REGISTRY_AUTH_FILE as podman's users have it: docker-registry must not read it as its own configuration.
REGISTRY_AUTH_FILE=$FLOTILLA_SERVICES_DIR/no-such-auth.json ./flotilla bench --smoke --out bench/target/bench-smoke

# The garbage collector's throughput run at smoke size (issue 8): 1,000 unreferenced blobs seeded into 3 nodes of its
# own on Cassandra and RGW with GC paused, then collected with a 2 s delay, polling every second. It fails unless GC
# deletes every one of them within 60 s and a sample is gone from the node's view, from HEAD and from the bucket.
# About 70-90 s: cluster start and stop take half of it (the full run is ./flotilla bench gc, deploy/bench/README.md).
stage "bench gc smoke: ./flotilla bench gc --blobs 1000 (3 nodes, cassandra + s3 on RGW)"
gc_start=$(date +%s)
./flotilla bench gc --blobs 1000 --delay-seconds 2 --grace-seconds 1 --interval-ms 1000 --sample-seconds 1 \
  --verify 20 --timeout 60 --out bench/target/bench-gc-smoke
stage "bench gc smoke took $(( $(date +%s) - gc_start )) s"

# Seeded chaos runs, nodes in containers (./flotilla chaos starts the Docker engine); each keeps its
# history.jsonl, verdict.json, logs and report.html under chaos-tests/target/chaos-ci/<scenario>. A run
# exits non-zero on an invalid verdict (printing its seed) and set -e fails CI.
# gc runs garbage collection within seconds under kills and partitions, and after its final reads waits (up
# to 120 s, usually 10-20) until everything unreferenced is collected: about 2 minutes in all.
# Then every regression: a seeded run that once found a bug (its seed is its own; ./flotilla chaos --list).
stage "chaos short suite: kill, pause, partition, gc and the regressions (60 s each, nodes in containers)"
chaos_start=$(date +%s)
for run in kill:3 pause:11 partition:13 gc:11 regression-final-read-after-repush:7; do
  scenario=${run%%:*}
  out=chaos-tests/target/chaos-ci/$scenario
  rm -rf "$out"
  stage "chaos $scenario, seed ${run#*:}"
  ./flotilla chaos --scenario "$scenario" --seed "${run#*:}" --duration 60s --out "$out"
done
stage "chaos short suite took $(( $(date +%s) - chaos_start )) s"
stop_chaos

stage "counting tests"
python3 - <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = failures = skipped = 0
for f in glob.glob("*/target/surefire-reports/TEST-*.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests", 0)); skipped += int(r.get("skipped", 0))
    failures += int(r.get("failures", 0)) + int(r.get("errors", 0))
print(f"tests run: {tests}, failed: {failures}, skipped: {skipped}", file=sys.stderr)
if tests == 0 or failures:
    sys.exit("no tests ran" if tests == 0 else "tests failed")
PY
stage "done"
