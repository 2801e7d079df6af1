#!/usr/bin/env bash
# push-pull.sh: monolithic push and pull of a large random blob, side by side,
# on this machine, against:
#   docker-registry  Debian's CNCF Distribution 2.8.2, filesystem storage (peer)
#   flotilla         ./flotilla run --port P --data DIR            (the subject)
#   plain-helidon    deploy/bench/PlainHelidonServer.java: bare Helidon SE 4.3.0,
#                    SHA-256 + fdatasync on PUT  (ceiling of Flotilla's HTTP layer)
#   nginx            static file with sendfile, pull only          (ceiling of a pull)
# Prints progress to stderr and a table to stdout. See deploy/bench/README.md.
#
# Environment knobs:
#   BENCH_SIZE_MIB=512      blob size
#   BENCH_RUNS=3            timed runs per measurement (the median is reported)
#   BENCH_WARMUP_MIB=64     untimed push+pull per contestant first (0 disables)
#   BENCH_ONLY="a b"        subset of: docker-registry flotilla plain-helidon nginx
#   BENCH_FLOTILLA_START_TIMEOUT=300  seconds to wait for ./flotilla (it may build)
#   BENCH_FLOTILLA=path     launcher to run instead of ./flotilla (same "run --port --data" CLI)
#   BENCH_CURL_TIMEOUT=600  seconds before one transfer counts as failed
#   BENCH_KEEP=1            keep the scratch directory
#   JAVA_HOME               defaults to /usr/lib/jvm/temurin-25-jdk-amd64
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$ROOT/deploy/bench"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
SIZE_MIB="${BENCH_SIZE_MIB:-512}"
RUNS="${BENCH_RUNS:-3}"
WARMUP_MIB="${BENCH_WARMUP_MIB:-64}"
ONLY="${BENCH_ONLY:-docker-registry flotilla plain-helidon nginx}"
FLOTILLA_TIMEOUT="${BENCH_FLOTILLA_START_TIMEOUT:-300}"
CURL_TIMEOUT="${BENCH_CURL_TIMEOUT:-600}"
FLOTILLA="${BENCH_FLOTILLA:-$ROOT/flotilla}"
SCRATCH="${TMPDIR:-/tmp}/flotilla-bench"
# The source blobs live in RAM (tmpfs) when it can hold them, so the client's own reads from disk never
# bound a push; the kernel here evicts idle page cache, and a disk-backed source measured half the rate.
if [[ -d /dev/shm && -w /dev/shm ]]; then BLOBS="/dev/shm/flotilla-bench-blobs"; else BLOBS="$SCRATCH/blobs"; fi
SIZE_BYTES=$((SIZE_MIB * 1024 * 1024))
CONTESTANTS=(docker-registry flotilla plain-helidon nginx)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "FATAL: $*"; exit 1; }

# ---------------------------------------------------------------- processes
# Every server runs in its own session (setsid), so its process group id equals
# the pid we record, and stopping it also stops its children (nginx workers,
# a Maven build started by ./flotilla).
GROUPS_STARTED=()
BG_PID=

start_bg() { # logfile cmd... ; sets BG_PID
    local logf=$1; shift
    setsid "$@" >"$logf" 2>&1 </dev/null &
    BG_PID=$!
    GROUPS_STARTED+=("$BG_PID")
}

declare -A STOPPED
stop_bg() { # pid
    local pid=$1 i
    [[ -n $pid && -z ${STOPPED[$pid]:-} ]] || return 0
    STOPPED[$pid]=1 # never signal a pid twice: once reaped, it may belong to someone else
    if [[ $(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') == "$pid" ]]; then
        kill -TERM -- "-$pid" 2>/dev/null
        for ((i = 0; i < 50; i++)); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null
    else
        kill -TERM "$pid" 2>/dev/null
        for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    return 0
}

cleanup() {
    local pid
    for pid in "${GROUPS_STARTED[@]}"; do stop_bg "$pid"; done
    if [[ ${BENCH_KEEP:-0} != 1 && -d $SCRATCH ]]; then rm -rf -- "$SCRATCH"; fi
    if [[ ${BENCH_KEEP:-0} != 1 && -d $BLOBS ]]; then rm -rf -- "$BLOBS"; fi
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_http URL PID TIMEOUT: wait until URL answers with any HTTP status.
# Sets WAIT_ERR on failure.
wait_http() {
    local url=$1 pid=$2 timeout=$3 start=$SECONDS code
    while :; do
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" 2>/dev/null)
        if [[ $code != 000 && -n $code ]]; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null
            WAIT_ERR="exited with status $? before answering"
            return 1
        fi
        if ((SECONDS - start >= timeout)); then
            WAIT_ERR="did not answer $url within ${timeout}s"
            return 1
        fi
        sleep 0.2
    done
}

last_line() { # file: last non-empty line, for error messages
    sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$1" 2>/dev/null | grep -v '^[[:space:]]*$' | tail -n 1 | cut -c1-160
}

sha256_of() { # file or - ; prints hex
    if command -v openssl >/dev/null; then
        openssl dgst -sha256 -r "$@" | cut -d' ' -f1
    else
        sha256sum "$@" | cut -d' ' -f1
    fi
}

ensure_pkg() { # command package
    command -v "$1" >/dev/null && return 0
    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || return 1
        sudo=(sudo -n)
    fi
    log "installing $2 (apt-get install -y $2)"
    if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$2" >"$SCRATCH/apt-$2.log" 2>&1; then
        log "install failed; running apt-get update and retrying"
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q >>"$SCRATCH/apt-$2.log" 2>&1
        DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$2" >>"$SCRATCH/apt-$2.log" 2>&1 || return 1
    fi
    command -v "$1" >/dev/null
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
mibps_from_secs() { awk -v b="$1" -v s="$2" 'BEGIN {printf "%.1f", b / s / 1048576}'; }
mibps_from_bps() { awk -v r="$1" 'BEGIN {printf "%.1f", r / 1048576}'; }

# ---------------------------------------------------------------- results
declare -A DIGEST           # DIGEST[i]="sha256:..." of blob-i (0 = warm-up blob)
declare -A PUSH PULL NOTE   # PUSH[name]="MiB/s MiB/s ...", NOTE[name]=reason if not measured
ERR=

# ---------------------------------------------------------------- client ops
# http_put FILE URL: timed upload, expects 201. Sets PUT_SECS or ERR.
http_put() {
    local file=$1 url=$2 out code secs up
    out=$(curl -s -S -m "$CURL_TIMEOUT" -H 'Expect:' -H 'Content-Type: application/octet-stream' -T "$file" \
        -D "$SCRATCH/last-put-headers" -o "$SCRATCH/last-put-body" -w '%{http_code} %{time_total} %{size_upload}' "$url" 2>&1)
    read -r code secs up <<<"$out"
    if [[ $code != 201 ]]; then
        ERR="PUT returned ${code:-nothing} ($(head -c 200 "$SCRATCH/last-put-body" 2>/dev/null | tr -d '\r\n'))"
        return 1
    fi
    if [[ ${up%.*} != "$(stat -c %s "$file")" ]]; then ERR="curl uploaded $up bytes, not the whole file"; return 1; fi
    PUT_SECS=$secs
}

# registry_push BASE REPO FILE DIGEST: POST an upload session, then PUT the
# whole blob to its Location with ?digest=. Only the PUT is timed.
registry_push() {
    local base=$1 repo=$2 file=$3 digest=$4 hdrs code loc url
    hdrs=$(curl -s -S -m 30 -X POST -H 'Content-Length: 0' -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" 2>&1 | tr -d '\r')
    code=$(awk 'NR==1 {print $2}' <<<"$hdrs")
    if [[ $code != 202 ]]; then ERR="POST /v2/$repo/blobs/uploads/ returned ${code:-nothing}"; return 1; fi
    loc=$(awk 'tolower($1) == "location:" {print $2; exit}' <<<"$hdrs")
    case $loc in
        http://* | https://*) url=$loc ;;
        /*) url=$base$loc ;;
        *) ERR="POST gave no usable Location ($loc)"; return 1 ;;
    esac
    if [[ $url == *\?* ]]; then url="$url&digest=$digest"; else url="$url?digest=$digest"; fi
    http_put "$file" "$url"
}

# http_get URL: timed download to /dev/null, expects 200 and SIZE bytes.
# Sets GET_BPS (bytes/s) or ERR.
http_get() {
    local url=$1 expect=$2 out code size bps
    out=$(curl -s -S -m "$CURL_TIMEOUT" -L -o /dev/null -w '%{http_code} %{size_download} %{speed_download}' "$url" 2>&1)
    read -r code size bps <<<"$out"
    if [[ $code != 200 ]]; then ERR="GET $url returned ${code:-nothing}"; return 1; fi
    if [[ $size != "$expect" ]]; then ERR="GET $url gave $size bytes, expected $expect"; return 1; fi
    GET_BPS=$bps
}

verify_get() { # URL DIGEST
    local got
    got=$(curl -s -S -m "$CURL_TIMEOUT" -L "$1" | sha256_of)
    if [[ "sha256:$got" != "$2" ]]; then ERR="pulled bytes hash to sha256:$got, expected $2"; return 1; fi
}

# ---------------------------------------------------------------- blobs
generate_blobs() {
    local i f
    mkdir -p "$BLOBS"
    for ((i = 1; i <= RUNS; i++)); do
        f="$BLOBS/blob-$i.bin"
        log "generating $f ($SIZE_MIB MiB random)"
        head -c "$SIZE_BYTES" /dev/urandom >"$f" || die "cannot write $f"
        DIGEST[$i]="sha256:$(sha256_of "$f")"
    done
    if ((WARMUP_MIB > 0)); then
        f="$BLOBS/warmup.bin"
        head -c $((WARMUP_MIB * 1024 * 1024)) /dev/urandom >"$f" || die "cannot write $f"
        DIGEST[0]="sha256:$(sha256_of "$f")"
    fi
    log "flushing page cache writeback (sync)"
    sync
}

# ---------------------------------------------------------------- contestants
# All servers run at the same time and are measured in interleaved rounds:
# round i pushes blob-i to every contestant, in an order rotated by one each
# round, and the pull rounds go the same way. Slow drifts in the box's state
# (other work, page-cache writeback) then hit every contestant alike.
declare -A BASE SPID   # BASE[name]=http://127.0.0.1:port, SPID[name]=server pid

start_docker_registry() {
    local name=docker-registry dir="$SCRATCH/docker-registry" port
    if ! ensure_pkg docker-registry docker-registry; then NOTE[$name]="docker-registry not installed and apt-get failed"; return 1; fi
    mkdir -p "$dir/data"
    port=$(free_port)
    cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: flotilla-bench
EOF
    log "$name: starting on 127.0.0.1:$port ($(docker-registry --version 2>/dev/null | awk '{print $NF}'))"
    start_bg "$dir/server.log" docker-registry serve "$dir/config.yml"
    SPID[$name]=$BG_PID
    BASE[$name]="http://127.0.0.1:$port"
    wait_http "${BASE[$name]}/v2/" "$BG_PID" 30 || { NOTE[$name]="$WAIT_ERR: $(last_line "$dir/server.log")"; return 1; }
}

start_flotilla() {
    local name=flotilla dir="$SCRATCH/flotilla" port
    if [[ ! -x $FLOTILLA ]]; then NOTE[$name]="no executable $FLOTILLA"; return 1; fi
    mkdir -p "$dir/data"
    port=$(free_port)
    log "$name: starting $FLOTILLA run --port $port --data $dir/data (may build first; log $dir/server.log)"
    start_bg "$dir/server.log" bash -c 'cd "$1" && shift && exec "$@"' _ "$ROOT" "$FLOTILLA" run --port "$port" --data "$dir/data"
    SPID[$name]=$BG_PID
    BASE[$name]="http://127.0.0.1:$port"
    if ! wait_http "${BASE[$name]}/v2/" "$BG_PID" "$FLOTILLA_TIMEOUT"; then
        NOTE[$name]="${FLOTILLA#"$ROOT"/} run $WAIT_ERR: $(last_line "$dir/server.log")"
        return 1
    fi
}

start_plain_helidon() {
    local name=plain-helidon dir="$SCRATCH/plain-helidon" port
    if [[ ! -x $JAVA_HOME/bin/java ]]; then NOTE[$name]="no java at $JAVA_HOME"; return 1; fi
    if ! compgen -G "$ROOT/node/target/lib/helidon-webserver-*.jar" >/dev/null; then
        log "$name: node/target/lib has no helidon-webserver; building (mvn -q -B -DskipTests package)"
        if ! (cd "$ROOT" && mvn -q -B -DskipTests package) >"$SCRATCH/mvn-package.log" 2>&1 ||
            ! compgen -G "$ROOT/node/target/lib/helidon-webserver-*.jar" >/dev/null; then
            NOTE[$name]="could not build node/target/lib: $(last_line "$SCRATCH/mvn-package.log")"
            return 1
        fi
    fi
    mkdir -p "$dir/data"
    port=$(free_port)
    log "$name: starting PlainHelidonServer on 127.0.0.1:$port"
    start_bg "$dir/server.log" "$JAVA_HOME/bin/java" -cp "$ROOT/node/target/lib/*" \
        "$BENCH_DIR/PlainHelidonServer.java" "$port" "$dir/data"
    SPID[$name]=$BG_PID
    BASE[$name]="http://127.0.0.1:$port"
    wait_http "${BASE[$name]}/f" "$BG_PID" 60 || { NOTE[$name]="PlainHelidonServer $WAIT_ERR: $(last_line "$dir/server.log")"; return 1; }
}

start_nginx() {
    local name=nginx dir="$SCRATCH/nginx" port user_line=
    if ! ensure_pkg nginx nginx; then NOTE[$name]="nginx not installed and apt-get failed"; return 1; fi
    mkdir -p "$dir/tmp"
    port=$(free_port)
    ((EUID == 0)) && user_line="user root;"
    cat >"$dir/nginx.conf" <<EOF
$user_line
daemon off;
master_process on;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    default_type application/octet-stream;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$port;
        root $dir/root;
        location / { }
    }
}
EOF
    # nginx serves its copy from disk, as the registries serve theirs, not from the RAM the sources are in.
    mkdir -p "$dir/root" && cp "$BLOBS"/*.bin "$dir/root/" || { NOTE[$name]="cannot copy the blobs to $dir/root"; return 1; }
    log "$name: starting on 127.0.0.1:$port ($(nginx -v 2>&1 | awk -F/ '{print $NF}'), sendfile on)"
    start_bg "$dir/server.log" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
    SPID[$name]=$BG_PID
    BASE[$name]="http://127.0.0.1:$port"
    wait_http "${BASE[$name]}/" "$BG_PID" 30 || { NOTE[$name]="nginx $WAIT_ERR: $(last_line "$dir/error.log")"; return 1; }
}

# ---------------------------------------------------------------- per-contestant operations
pushes() { [[ $1 != nginx ]]; }

# push_one NAME I: push blob I (0 = warm-up blob). Sets PUT_SECS or ERR.
push_one() {
    local f=$BLOBS/blob-$2.bin
    ((${2} == 0)) && f=$BLOBS/warmup.bin
    case $1 in
        plain-helidon) http_put "$f" "${BASE[$1]}/f" ;;
        *) registry_push "${BASE[$1]}" bench "$f" "${DIGEST[$2]}" ;;
    esac
}

# pull_url NAME I: where blob I is served.
pull_url() {
    case $1 in
        plain-helidon) echo "${BASE[$1]}/f" ;; # the last blob pushed to it
        nginx) if (($2 == 0)); then echo "${BASE[$1]}/warmup.bin"; else echo "${BASE[$1]}/blob-$2.bin"; fi ;;
        *) echo "${BASE[$1]}/v2/bench/blobs/${DIGEST[$2]}" ;;
    esac
}

server_timing() { # the plain-Helidon server reports where a PUT's time went
    tr -d '\r' <"$SCRATCH/last-put-headers" 2>/dev/null | awk -F': ' '
        tolower($1) == "x-receive-millis" {r = $2} tolower($1) == "x-force-millis" {f = $2}
        END {if (r != "") printf " (server: receive+hash+write %s ms, fdatasync %s ms)", r, f}'
}

fail() { # NAME REASON: the contestant is out; stop its server
    NOTE[$1]=$2
    log "$1: not measured ($2)"
    stop_bg "${SPID[$1]:-}"
}

active() { [[ -n ${SPID[$1]:-} && -z ${NOTE[$1]:-} ]]; }

rotated() { # ROUND: the active contestants, rotated by ROUND-1
    local -a on=()
    local c k
    for c in "${CONTESTANTS[@]}"; do active "$c" && on+=("$c"); done
    for ((k = 0; k < ${#on[@]}; k++)); do echo "${on[(k + $1 - 1) % ${#on[@]}]}"; done
}

measure_all() {
    local c i mib
    if ((WARMUP_MIB > 0)); then
        for c in $(rotated 1); do
            log "$c: warm-up (${WARMUP_MIB} MiB, untimed)"
            if pushes "$c"; then push_one "$c" 0 || { fail "$c" "warm-up push: $ERR"; continue; }; fi
            http_get "$(pull_url "$c" 0)" $((WARMUP_MIB * 1024 * 1024)) || fail "$c" "warm-up pull: $ERR"
        done
    fi
    for ((i = 1; i <= RUNS; i++)); do
        for c in $(rotated "$i"); do
            pushes "$c" || continue
            sync
            push_one "$c" "$i" || { fail "$c" "push $i: $ERR"; continue; }
            mib=$(mibps_from_secs "$SIZE_BYTES" "$PUT_SECS")
            log "$c: push $i/$RUNS: ${PUT_SECS}s = $mib MiB/s$(server_timing)"
            PUSH[$c]="${PUSH[$c]:-}${PUSH[$c]:+ }$mib"
        done
    done
    for ((i = 1; i <= RUNS; i++)); do
        for c in $(rotated "$i"); do
            http_get "$(pull_url "$c" "$i")" "$SIZE_BYTES" || { fail "$c" "pull $i: $ERR"; continue; }
            mib=$(mibps_from_bps "$GET_BPS")
            log "$c: pull $i/$RUNS: $mib MiB/s"
            PULL[$c]="${PULL[$c]:-}${PULL[$c]:+ }$mib"
        done
    done
    for c in $(rotated 1); do
        # plain-helidon serves the last blob pushed; the others serve blob-1 at its own address
        if [[ $c == plain-helidon ]]; then i=$RUNS; else i=1; fi
        verify_get "$(pull_url "$c" "$i")" "${DIGEST[$i]}" && log "$c: verified: the pulled blob hashes to its digest" ||
            fail "$c" "verification: $ERR"
    done
}

# ---------------------------------------------------------------- report
print_table() {
    local name push_m pull_m
    printf '\nPush/pull of a %d MiB random blob: median of %d runs, curl client on loopback, %s CPUs, %s\n' \
        "$SIZE_MIB" "$RUNS" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)"
    printf '(push = monolithic POST + PUT ?digest=, timed PUT incl. server hash + fsync; pull = GET of the pushed blob)\n'
    printf '(load average 1/5/15 min at start: %s, at end: %s; the bench adds ~1-2 itself, more means other work shared the CPUs)\n\n' \
        "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%-16s %11s %9s %11s %9s   %-24s %s\n' contestant 'push MiB/s' 'push GB/s' 'pull MiB/s' 'pull GB/s' 'push runs (MiB/s)' 'pull runs (MiB/s)'
    printf '%-16s %11s %9s %11s %9s   %-24s %s\n' ---------------- ----------- --------- ----------- --------- ------------------------ -----------------
    for name in "${CONTESTANTS[@]}"; do
        [[ " $ONLY " == *" $name "* ]] || continue
        if [[ -n ${NOTE[$name]:-} ]]; then
            printf '%-16s not measured (%s)\n' "$name" "${NOTE[$name]}"
            continue
        fi
        push_m=-; pull_m=-
        # shellcheck disable=SC2086
        [[ -n ${PUSH[$name]:-} ]] && push_m=$(median ${PUSH[$name]})
        # shellcheck disable=SC2086
        [[ -n ${PULL[$name]:-} ]] && pull_m=$(median ${PULL[$name]})
        printf '%-16s %11s %9s %11s %9s   %-24s %s\n' "$name" \
            "$push_m" "$(gbps "$push_m")" "$pull_m" "$(gbps "$pull_m")" "${PUSH[$name]:--}" "${PULL[$name]:--}"
    done
    printf '\nratios (medians):\n'
    ratio 'Flotilla push / docker-registry push' flotilla PUSH docker-registry PUSH
    ratio 'Flotilla pull / nginx pull' flotilla PULL nginx PULL
    ratio 'Flotilla push / plain-Helidon push' flotilla PUSH plain-helidon PUSH
    ratio 'Flotilla pull / plain-Helidon pull' flotilla PULL plain-helidon PULL
    ratio 'Flotilla pull / docker-registry pull' flotilla PULL docker-registry PULL
}

gbps() { [[ $1 == - ]] && { echo -; return; }; awk -v m="$1" 'BEGIN {printf "%.2f", m * 1048576 / 1e9}'; }

ratio() { # label a A-kind b B-kind
    local label=$1 a b why=
    local -n ak=$3 bk=$5
    if [[ -z ${ak[$2]:-} ]]; then why="$2 not measured"; fi
    if [[ -z ${bk[$4]:-} ]]; then why="${why:+$why, }$4 not measured"; fi
    if [[ -n $why ]]; then printf '  %-37s  n/a (%s)\n' "$label" "$why"; return; fi
    # shellcheck disable=SC2086
    a=$(median ${ak[$2]}); b=$(median ${bk[$4]})
    awk -v a="$a" -v b="$b" -v l="$label" 'BEGIN {printf "  %-37s  %.2fx\n", l, a / b}'
}

# ---------------------------------------------------------------- main
command -v curl >/dev/null || die "curl is required"
command -v python3 >/dev/null || die "python3 is required (free ports)"
if [[ -d $SCRATCH ]]; then log "removing stale $SCRATCH"; rm -rf -- "$SCRATCH"; fi
mkdir -p "$SCRATCH" || die "cannot create $SCRATCH"
need_mib=$((RUNS * 4 * SIZE_MIB + WARMUP_MIB * 4 + 512))
avail_mib=$(df -Pm "$SCRATCH" | awk 'NR==2 {print $4}')
((avail_mib > need_mib)) || die "$SCRATCH has $avail_mib MiB free, needs about $need_mib MiB"
log "scratch: $SCRATCH; blob: $SIZE_MIB MiB x $RUNS runs; contestants: $ONLY"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
generate_blobs
for c in "${CONTESTANTS[@]}"; do
    [[ " $ONLY " == *" $c "* ]] || continue
    "start_${c//-/_}" || fail "$c" "${NOTE[$c]}"
done
measure_all
for c in "${CONTESTANTS[@]}"; do stop_bg "${SPID[$c]:-}"; done
print_table
