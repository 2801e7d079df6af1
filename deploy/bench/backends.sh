#!/usr/bin/env bash
# backends.sh: throughput and latency of the storage backends on their real servers, on this machine:
#   blobs     fs (a scratch directory), s3 (on Ceph's RGW), rados (Ceph): put, get, stage, MiB/s
#   metadata  embedded (SQLite in a scratch directory), cassandra: manifest put, tag CAS, tag read per second,
#             and the latency of one page of a 100,000-tag listing
# It starts the services it needs with deploy/local/services.sh, builds storage-backends if its classes are
# stale, and runs io.flotilla.storage.bench.BackendBench (storage-backends/src/test/java) on the test
# classpath. Table on stdout, progress on stderr. See deploy/bench/README.md.
#
# Services that were already running are left running; those this script started are stopped (`down`,
# which deletes their state) when it exits.
#
# Environment knobs (all optional):
#   BENCH_BLOBS="fs s3 rados"           blob backends to measure
#   BENCH_METADATA="embedded cassandra" metadata backends to measure
#   BENCH_SIZES_MIB="1 64 512"          blob sizes for put and get
#   BENCH_RUNS=3                        timed runs per blob measurement (the median is reported)
#   BENCH_LARGE_RUNS=$BENCH_RUNS        runs for sizes of 256 MiB and more
#   BENCH_SMALL_BATCH=8                 blobs under 16 MiB are timed this many in a row per run
#   BENCH_STAGE_MIB=64                  size of the staged piece (0 skips stage)
#   BENCH_WARMUP_MIB=64                 untimed put+get per blob backend first (0 skips)
#   BENCH_OPS_SECONDS=5                 timed window of each metadata measurement
#   BENCH_OPS_WARMUP_SECONDS=1          untimed lead-in of each metadata measurement
#   BENCH_CONCURRENCY="1 16"            virtual threads per metadata measurement
#   BENCH_TAGS=100000 BENCH_PAGE_SIZE=100 BENCH_PAGE_READS=200   the tag-listing fixture and its reads
#   BENCH_SCRATCH=${TMPDIR:-/tmp}/flotilla-bench-backends         local scratch (wiped at start and end)
#   BENCH_JAVA_OPTS                     extra JVM options for the benchmark
#   BENCH_KEEP_SERVICES=1               never stop services, even those this script started
#   JAVA_HOME                           defaults to /usr/lib/jvm/temurin-25-jdk-amd64
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SERVICES="$ROOT/deploy/local/services.sh"
MODULE="$ROOT/storage-backends"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export BENCH_BLOBS="${BENCH_BLOBS-fs s3 rados}"
export BENCH_METADATA="${BENCH_METADATA-embedded cassandra}"
export BENCH_SCRATCH="${BENCH_SCRATCH:-${TMPDIR:-/tmp}/flotilla-bench-backends}"
CLASSPATH_FILE="$MODULE/target/bench-classpath.txt"
LOGS="$BENCH_SCRATCH-logs"

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

# ---------------------------------------------------------------- services
# A service counts as already running when `services.sh env` describes it and its server answers there.
# Only services this script brought up are stopped at exit.
STARTED=()
UP_PID=
KEEP_LOGS=1 # until the benchmark has run

running() { # service
    local env
    env=$("$SERVICES" env "$1" 2>/dev/null) || return 1
    case $1 in
        ceph)
            local conf endpoint code
            conf=$(sed -n 's/^FLOTILLA_CEPH_CONF=//p' <<<"$env")
            endpoint=$(sed -n 's/^FLOTILLA_S3_ENDPOINT=//p' <<<"$env")
            [[ -n $conf && -f $conf && -n $endpoint ]] || return 1
            code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$endpoint/" 2>/dev/null)
            [[ -n $code && $code != 000 ]]
            ;;
        cassandra)
            local first host port
            first=$(sed -n 's/^FLOTILLA_CASSANDRA_CONTACT_POINTS=//p' <<<"$env" | cut -d, -f1)
            host=${first%:*} port=${first##*:}
            [[ -n $host && -n $port && $host != "$port" ]] || return 1
            timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
            ;;
        *) return 1 ;;
    esac
}

cleanup() {
    local s
    if [[ -n $UP_PID ]] && kill -0 "$UP_PID" 2>/dev/null; then
        kill -TERM "$UP_PID" 2>/dev/null
        wait "$UP_PID" 2>/dev/null
    fi
    if [[ ${BENCH_KEEP_SERVICES:-0} != 1 ]]; then
        for s in "${STARTED[@]}"; do
            log "stopping $s, which this script started (services.sh down $s)"
            "$SERVICES" down "$s" >>"$LOGS/services.log" 2>&1 || { log "services.sh down $s failed; see $LOGS/services.log"; KEEP_LOGS=1; }
        done
    fi
    # logs stay only when something failed
    if [[ $KEEP_LOGS == 0 ]]; then rm -rf -- "$LOGS"; else log "logs kept in $LOGS"; fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------- build
stale() { # true when the bench classes or the classpath are missing or older than a source or a pom
    [[ -f $CLASSPATH_FILE && -f $MODULE/target/test-classes/io/flotilla/storage/bench/BackendBench.class ]] || return 0
    [[ -n $(find "$MODULE/src" "$MODULE/pom.xml" "$ROOT/pom.xml" -newer "$CLASSPATH_FILE" -print -quit) ]]
}

build() {
    log "building storage-backends (mvn -q -B -pl storage-backends test-compile; log $LOGS/mvn.log)"
    (cd "$ROOT" && mvn -q -B -pl storage-backends test-compile &&
        mvn -q -B -pl storage-backends dependency:build-classpath -Dmdep.includeScope=test \
            -Dmdep.outputFile="$CLASSPATH_FILE.tmp") >"$LOGS/mvn.log" 2>&1 || return 1
    mv "$CLASSPATH_FILE.tmp" "$CLASSPATH_FILE"
}

# ---------------------------------------------------------------- main
[[ -x $JAVA_HOME/bin/java ]] || die "no java at $JAVA_HOME"
command -v curl >/dev/null || die "curl is required"
mkdir -p "$LOGS" || die "cannot create $LOGS"

needed=()
for b in $BENCH_BLOBS; do
    case $b in s3 | rados) [[ " ${needed[*]} " == *" ceph "* ]] || needed+=(ceph) ;; esac
done
for m in $BENCH_METADATA; do
    if [[ $m == cassandra ]]; then
        if [[ -f $ROOT/deploy/local/services/cassandra.sh ]]; then
            needed+=(cassandra)
        else
            log "this checkout has no Cassandra service (deploy/local/services/cassandra.sh); cassandra is skipped"
            BENCH_METADATA=$(sed 's/\bcassandra\b//' <<<"$BENCH_METADATA")
        fi
    fi
done

to_start=()
for s in "${needed[@]}"; do
    if running "$s"; then
        log "$s is already running; it stays up afterwards"
    else
        to_start+=("$s")
    fi
done
if ((${#to_start[@]} > 0)); then
    log "starting ${to_start[*]} in the background (services.sh up ${to_start[*]}; log $LOGS/services.log)"
    STARTED=("${to_start[@]}")
    "$SERVICES" up "${to_start[@]}" >"$LOGS/services.log" 2>&1 &
    UP_PID=$!
fi

if stale; then
    build || die "build failed: $(tail -n 5 "$LOGS/mvn.log")"
fi

if ((${#needed[@]} > 0)); then
    if [[ -n $UP_PID ]]; then
        wait "$UP_PID" || die "services.sh up ${to_start[*]} failed: $(tail -n 3 "$LOGS/services.log")"
        UP_PID=
        log "$(grep -h ' up in ' "$LOGS/services.log" | tr '\n' ' ')"
    fi
    # the backends read their settings from these FLOTILLA_* variables
    while IFS= read -r line; do
        [[ $line == FLOTILLA_*=* ]] && export "${line?}"
    done < <("$SERVICES" env "${needed[@]}")
fi

export BENCH_METADATA
java_opts=(--enable-native-access=ALL-UNNAMED)
# JDK 23+ warns when the drivers' shaded Guava uses sun.misc.Unsafe; it is theirs to fix, and noise here
major=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
((${major:-0} >= 23)) && java_opts+=(--sun-misc-unsafe-memory-access=allow)
log "running BackendBench (blobs: $BENCH_BLOBS; metadata: $BENCH_METADATA)"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" "${java_opts[@]}" ${BENCH_JAVA_OPTS:-} \
    -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(<"$CLASSPATH_FILE")" \
    io.flotilla.storage.bench.BackendBench
status=$?
KEEP_LOGS=0
exit $status
