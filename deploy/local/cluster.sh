#!/usr/bin/env bash
# A Flotilla cluster on this machine: the services it needs, then N nodes.
#
#   deploy/local/cluster.sh up [--nodes N] [--metadata embedded|cassandra] [--blobs fs|s3|rados]
#   deploy/local/cluster.sh status            endpoint, then one line per node
#   deploy/local/cluster.sh kill|stop|start NODE   SIGKILL, SIGTERM, or start again
#   deploy/local/cluster.sh down              stop every node it started (services keep running;
#                                             deploy/local/services.sh down stops them)
#
# State lives under $FLOTILLA_CLUSTER_DIR (default ${TMPDIR:-/tmp}/flotilla-cluster): one folder per
# node with its data, log, pid and ports. With one node, its address is the endpoint.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${FLOTILLA_CLUSTER_DIR:-${TMPDIR:-/tmp}/flotilla-cluster}
HOST=127.0.0.1

die() { echo "cluster: $*" >&2; exit 1; }
say() { echo "cluster: $*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
node_pid() { cat "$STATE/$1/pid" 2>/dev/null || true; }
alive() { local pid; pid=$(node_pid "$1"); [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }
nodes() { find "$STATE" -mindepth 1 -maxdepth 1 -type d -name 'node*' -printf '%f\n' 2>/dev/null | sort -V; }

wait_ready() {  # wait_ready NODE SECONDS
  local port i
  port=$(cat "$STATE/$1/http-port")
  for ((i = 0; i < $2; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://$HOST:$port/readyz") == 200 ]] && return 0
    alive "$1" || die "$1 exited while starting; see $STATE/$1/node.log"
    sleep 1
  done
  die "$1 did not become ready in $2 s; see $STATE/$1/node.log"
}

start_node() {  # start_node NODE: starts it with the settings saved at `up`
  local dir=$STATE/$1
  alive "$1" && { say "$1 is already running"; return 0; }
  (
    set -a
    # shellcheck source=/dev/null
    source "$STATE/env"
    # shellcheck source=/dev/null
    source "$dir/env"
    set +a
    cd "$ROOT"
    exec setsid ./flotilla run --bind "$HOST" --port "$(cat "$dir/http-port")" --data "$dir/data" \
      >>"$dir/node.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/pid"
  wait_ready "$1" "${FLOTILLA_START_TIMEOUT:-300}"
  say "$1 ready on $HOST:$(cat "$dir/http-port") (pid $(node_pid "$1"))"
}

cmd_up() {
  local count=1 metadata=embedded blobs=fs i members=() services=()
  while [[ $# -gt 0 ]]; do
    case $1 in
      --nodes) count=$2; shift 2 ;;
      --metadata) metadata=$2; shift 2 ;;
      --blobs) blobs=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ $metadata == embedded || $metadata == cassandra ]] || die "--metadata must be embedded or cassandra"
  [[ $blobs == fs || $blobs == s3 || $blobs == rados ]] || die "--blobs must be fs, s3 or rados"
  ((count >= 1)) || die "--nodes must be at least 1"
  ((count == 1)) || [[ $metadata == cassandra ]] || die "more than one node needs --metadata cassandra"
  [[ -z $(nodes) ]] || die "a cluster is already up in $STATE; run 'down' first"
  [[ $metadata == cassandra ]] && services+=(cassandra)
  [[ $blobs == s3 || $blobs == rados ]] && services+=(ceph)
  mkdir -p "$STATE"
  : >"$STATE/env"
  if [[ ${#services[@]} -gt 0 ]]; then
    "$ROOT/deploy/local/services.sh" up "${services[@]}"
    "$ROOT/deploy/local/services.sh" env "${services[@]}" >"$STATE/env"
  fi
  {
    echo "FLOTILLA_STORAGE_METADATA=$metadata"
    echo "FLOTILLA_STORAGE_BLOBS=$blobs"
    # A cluster of its own in every shared server too, so an up after a down starts from an empty registry,
    # as the embedded defaults do, and never meets rows that name another run's blob store.
    local run; run=$(date +%s)
    echo "FLOTILLA_CLUSTER_NAME=local-$run"
    echo "FLOTILLA_CASSANDRA_KEYSPACE=local_$run"
    echo "FLOTILLA_S3_BUCKET=local-$run"
    echo "FLOTILLA_RADOS_NAMESPACE=local-$run"
    # Several nodes on one machine share one blob directory, as they would share a mount.
    [[ $blobs == fs ]] && echo "FLOTILLA_STORAGE_FS_ROOT=$STATE/blobs"
  } >>"$STATE/env"
  for ((i = 1; i <= count; i++)); do
    mkdir -p "$STATE/node$i"
    free_port >"$STATE/node$i/http-port"
    free_port >"$STATE/node$i/cluster-port"
    members+=("$HOST:$(cat "$STATE/node$i/cluster-port")")
  done
  for ((i = 1; i <= count; i++)); do
    printf 'FLOTILLA_CLUSTER_PORT=%s\nFLOTILLA_CLUSTER_JOIN=%s\n' \
      "$(cat "$STATE/node$i/cluster-port")" "$(IFS=,; echo "${members[*]}")" >"$STATE/node$i/env"
  done
  # One after another: Hazelcast members that start together take far longer to agree.
  for ((i = 1; i <= count; i++)); do start_node "node$i"; done
  cmd_status
}

cmd_status() {
  local n first
  first=$(nodes | head -1)
  [[ -n $first ]] || die "no cluster is up"
  echo "endpoint: $HOST:$(cat "$STATE/$first/http-port")"
  for n in $(nodes); do
    echo "node: $n $HOST:$(cat "$STATE/$n/http-port") pid=$(alive "$n" && node_pid "$n" || echo none)"
  done
}

signal_node() {  # signal_node SIGNAL NODE
  [[ -d $STATE/$2 ]] || die "no node $2"
  alive "$2" || { say "$2 is not running"; return 0; }
  kill "-$1" "$(node_pid "$2")"
}

cmd_down() {
  local n pid
  for n in $(nodes); do
    if alive "$n"; then
      pid=$(node_pid "$n")
      kill -TERM "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$STATE"
  say "down"
}

cmd=${1:-}; [[ $# -gt 0 ]] && shift
case $cmd in
  up) cmd_up "$@" ;;
  status) cmd_status ;;
  kill) signal_node KILL "${1:?NODE}" ;;
  stop) signal_node TERM "${1:?NODE}" ;;
  start) start_node "${1:?NODE}" ;;
  down) cmd_down ;;
  *) echo "usage: deploy/local/cluster.sh up|status|kill|stop|start|down ..." >&2; exit 2 ;;
esac
