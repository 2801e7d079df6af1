#!/usr/bin/env bash
# A Flotilla cluster on this machine: the services it needs, then N nodes.
#
#   deploy/local/cluster.sh up [--nodes N] [--metadata embedded|cassandra] [--blobs fs|s3|rados]
#   deploy/local/cluster.sh status            endpoint, the admin password file, then one line per node
#   deploy/local/cluster.sh env               FLOTILLA_ENDPOINT, FLOTILLA_ADMIN_USER, FLOTILLA_ADMIN_PASSWORD
#                                             (shell-quoted, for eval): how a client signs in
#   deploy/local/cluster.sh kill|stop|start NODE   SIGKILL, SIGTERM, or start again
#   deploy/local/cluster.sh add               start one more node (nodeN+1) joining the running members, put it
#                                             behind the running balancer, print its name (needs --nodes 2+)
#   deploy/local/cluster.sh isolate NODE      cut the grid between NODE and every other node (both directions)
#   deploy/local/cluster.sh cut-grid          cut the grid between every pair of nodes (each node alone)
#   deploy/local/cluster.sh cut A,B C,D       cut the grid between every node of one side and every node of the
#                                             other (a partition into two sides; nodes on one side stay joined)
#   deploy/local/cluster.sh pause|resume NODE SIGSTOP or SIGCONT: a frozen process, not a dead one
#   deploy/local/cluster.sh heal              remove every grid cut of this cluster
#   deploy/local/cluster.sh down              heal, stop every node it started, and the balancer (services keep
#                                             running; deploy/local/services.sh down stops them)
#
# State lives under $FLOTILLA_CLUSTER_DIR (default ${TMPDIR:-/tmp}/flotilla-cluster): one folder per
# node with its data, log, pid and ports. With one node, its address is the endpoint. With more, Debian's
# HAProxy (installed with apt-get if missing) balances them round robin on a free port, checks /readyz
# every 500 ms, and its address is the endpoint and every node's public URL; its config, pid file and
# admin socket are haproxy.cfg, haproxy.pid and haproxy.sock in the state folder. Each `up` gets a cluster
# name, keyspace, bucket and RADOS namespace of its own, named after the run: local-<time>-<pid>, or
# $FLOTILLA_CLUSTER_RUN when the caller sets it (./flotilla bench does, to clean them up afterwards).
#
# Access control is on: every /v2 request needs the admin's credentials (Basic, or a token from
# <endpoint>/service/token). All nodes of a cluster share one admin password, fixed at `up` and kept in
# admin-password in the state folder (mode 600): FLOTILLA_ADMIN_PASSWORD from this script's environment when
# set, else a random one. Every node start (up, start, add) passes it as FLOTILLA_ADMIN_PASSWORD; the first
# node to create the admin account uses it (an account that exists keeps its password). `status` names the
# file; `env` prints it for eval.
#
# HTTP listens on 127.0.0.1. Each node's Hazelcast member binds an address of its own, node i on
# 127.0.0.(10+i) (a loopback alias, added when missing), so that a test can cut the grid between two
# nodes with iptables by address while clients still reach every node. With N > 1 nodes every node gets
# FLOTILLA_CLUSTER_MIN_MEMBERS=floor(N/2)+1, so the minority side of a partition does not act alone.
#
# Grid cuts (isolate, cut-grid; root only) are iptables DROP rules in INPUT, which loopback traffic passes
# too. Every cluster on this machine uses the same aliases (node1 is 127.0.0.11 in each), so a rule names
# the listener's port as well as both addresses: members connect out from their own alias (the node sets
# Hazelcast's bind-any off, which binds outgoing sockets too), so for nodes A and B the rules drop
# A -> B:portB and B:portB -> A, and the same with A and B swapped; that is every packet of every
# connection between the two, whichever side opened it. HTTP (127.0.0.1) and the services stay reachable.
# Each rule carries the comment flotilla-<cluster name>, so heal removes this cluster's rules and no other.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${FLOTILLA_CLUSTER_DIR:-${TMPDIR:-/tmp}/flotilla-cluster}
HOST=127.0.0.1

die() { echo "cluster: $*" >&2; exit 1; }
say() { echo "cluster: $*" >&2; }

# free_port [ADDRESS]: a port nothing listens on at ADDRESS (default $HOST).
free_port() {
  python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1],0)); print(s.getsockname()[1]); s.close()' \
    "${1:-$HOST}"
}
# The grid address of node number I.
grid_addr() { echo "127.0.0.$((10 + $1))"; }
# Adds ADDRESS to the loopback device unless it is there already, so iptables rules can name it.
ensure_alias() {
  # Read first, then match: grep -q closing the pipe early would fail the pipeline under pipefail.
  [[ $(ip -4 -o addr show dev lo) == *" inet $1/"* ]] && return 0
  ip addr add "$1/8" dev lo || die "cannot add $1 to lo (needs root); the node's grid member binds there"
}
# A majority of COUNT members: what FLOTILLA_CLUSTER_MIN_MEMBERS asks for.
majority() { echo $(($1 / 2 + 1)); }
node_number() { echo "${1#node}"; }
node_pid() { cat "$STATE/$1/pid" 2>/dev/null || true; }
alive() { local pid; pid=$(node_pid "$1"); [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }
lb_pid() { cat "$STATE/haproxy.pid" 2>/dev/null || true; }
# lb_states: "NAME STATUS" for each node, from HAProxy's admin socket (nothing when it does not answer).
lb_states() {
  [[ -S $STATE/haproxy.sock ]] || return 0
  python3 - "$STATE/haproxy.sock" <<'EOF' 2>/dev/null || true
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall(b"show stat\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
for line in data.decode().splitlines():
    f = line.split(",")
    if len(f) > 17 and f[0] == "nodes" and f[1] not in ("FRONTEND", "BACKEND"):
        print(f[1], f[17])
EOF
}
lb_alive() { local pid; pid=$(lb_pid); [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }
# lb_cmd COMMAND: sends one command to HAProxy's admin socket and prints the answer.
lb_cmd() {
  python3 - "$STATE/haproxy.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(5)
s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
sys.stdout.write(data.decode())
EOF
}
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
  ensure_alias "$(cat "$dir/cluster-addr")"
  (
    set -a
    # shellcheck source=/dev/null
    source "$STATE/env"
    # shellcheck source=/dev/null
    source "$dir/env"
    set +a
    # The cluster's password, whatever this script's caller exported (a later start must not change it).
    FLOTILLA_ADMIN_PASSWORD=$(cat "$STATE/admin-password")
    export FLOTILLA_ADMIN_PASSWORD
    cd "$ROOT"
    exec setsid ./flotilla run --bind "$HOST" --port "$(cat "$dir/http-port")" --data "$dir/data" \
      >>"$dir/node.log" 2>&1 </dev/null
  ) &
  echo $! >"$dir/pid"
  wait_ready "$1" "${FLOTILLA_START_TIMEOUT:-300}"
  say "$1 ready on $HOST:$(cat "$dir/http-port") (pid $(node_pid "$1"))"
}

# Writes haproxy.cfg for the nodes under $STATE (the balancer's shape is deploy/local/haproxy-config.sh's)
# and starts HAProxy in the background.
start_balancer() {
  local cfg=$STATE/haproxy.cfg
  command -v haproxy >/dev/null || {
    say "installing haproxy"
    apt-get install -y -o DPkg::Lock::Timeout=600 haproxy >"$STATE/haproxy-install.log" 2>&1 \
      || die "apt-get install haproxy failed; see $STATE/haproxy-install.log"
  }
  write_balancer_config
  haproxy -f "$cfg" -D -p "$STATE/haproxy.pid" || die "haproxy did not start"
  local i
  for ((i = 0; i < 50; i++)); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://$HOST:$(cat "$STATE/lb-port")/readyz") == 200 ]]; then
      say "haproxy on $HOST:$(cat "$STATE/lb-port") (pid $(lb_pid))"
      return 0
    fi
    sleep 0.2
  done
  die "haproxy on $HOST:$(cat "$STATE/lb-port") does not reach a ready node"
}

# haproxy.cfg for every node under $STATE; checked, so a bad one fails here and not at the next start.
write_balancer_config() {
  local n cfg=$STATE/haproxy.cfg servers=()
  for n in $(nodes); do servers+=("$n=$HOST:$(cat "$STATE/$n/http-port")"); done
  "$ROOT/deploy/local/haproxy-config.sh" "$HOST:$(cat "$STATE/lb-port")" --admin-socket "$STATE/haproxy.sock" \
    "${servers[@]}" >"$cfg"
  haproxy -c -q -f "$cfg" 2>&1 | grep -v NOTICE >&2 || true
  haproxy -c -q -f "$cfg" >/dev/null 2>&1 || die "haproxy rejects $cfg"
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
  write_admin_password
  if [[ ${#services[@]} -gt 0 ]]; then
    "$ROOT/deploy/local/services.sh" up "${services[@]}"
    "$ROOT/deploy/local/services.sh" env "${services[@]}" >"$STATE/env"
  fi
  {
    echo "FLOTILLA_STORAGE_METADATA=$metadata"
    echo "FLOTILLA_STORAGE_BLOBS=$blobs"
    # A cluster of its own in every shared server too, so an up after a down starts from an empty registry,
    # as the embedded defaults do, and never meets rows that name another run's blob store.
    # The second and this script's pid tell runs apart, also two started at once on this machine. A caller
    # that cleans up after itself names the run (FLOTILLA_CLUSTER_RUN, e.g. ./flotilla bench's bench-<random>).
    local run=${FLOTILLA_CLUSTER_RUN:-local-$(date +%s)-$$}
    [[ $run =~ ^[a-z][a-z0-9-]{0,29}$ ]] || die "FLOTILLA_CLUSTER_RUN must be lowercase letters, digits and - (at most 30: keyspace names stop at 48)"
    echo "FLOTILLA_CLUSTER_NAME=$run"
    echo "FLOTILLA_CASSANDRA_KEYSPACE=${run//-/_}"
    echo "FLOTILLA_S3_BUCKET=$run"
    echo "FLOTILLA_RADOS_NAMESPACE=$run"
    # Several nodes on one machine share one blob directory, as they would share a mount.
    [[ $blobs == fs ]] && echo "FLOTILLA_STORAGE_FS_ROOT=$STATE/blobs"
  } >>"$STATE/env"
  if ((count > 1)); then
    # Clients see the balancer, so Location headers (and later the token realm) must name it.
    free_port >"$STATE/lb-port"
    echo "FLOTILLA_SERVER_PUBLIC_URL=http://$HOST:$(cat "$STATE/lb-port")" >>"$STATE/env"
    echo "FLOTILLA_CLUSTER_MIN_MEMBERS=$(majority "$count")" >>"$STATE/env"
  fi
  for ((i = 1; i <= count; i++)); do
    make_node "node$i"
    members+=("$(grid_member "node$i")")
  done
  for ((i = 1; i <= count; i++)); do
    write_node_env "node$i" "$(IFS=,; echo "${members[*]}")"
  done
  # One after another: Hazelcast members that start together take far longer to agree.
  for ((i = 1; i <= count; i++)); do start_node "node$i"; done
  ((count == 1)) || start_balancer
  cmd_status
}

# The admin password every node of this cluster gets: FLOTILLA_ADMIN_PASSWORD if the caller set one, else
# 24 random URL-safe characters; written by `up` (a new cluster: new keyspace, new admin), readable by the
# owner only, and read by every later node start.
write_admin_password() {
  local file=$STATE/admin-password
  (
    umask 077
    if [[ -n ${FLOTILLA_ADMIN_PASSWORD:-} ]]; then
      printf '%s\n' "$FLOTILLA_ADMIN_PASSWORD" >"$file.tmp"
    else
      python3 -c 'import secrets; print(secrets.token_urlsafe(18))' >"$file.tmp"
    fi
  )
  mv "$file.tmp" "$file"
}

# make_node NODE: its folder, free HTTP and grid ports, and its grid address.
make_node() {
  local dir=$STATE/$1 addr
  addr=$(grid_addr "$(node_number "$1")")
  ensure_alias "$addr"
  mkdir -p "$dir"
  echo "$addr" >"$dir/cluster-addr"
  free_port >"$dir/http-port"
  free_port "$addr" >"$dir/cluster-port"
}
grid_member() { echo "$(cat "$STATE/$1/cluster-addr"):$(cat "$STATE/$1/cluster-port")"; }
write_node_env() {  # write_node_env NODE JOIN_LIST
  printf 'FLOTILLA_CLUSTER_BIND=%s\nFLOTILLA_CLUSTER_PORT=%s\nFLOTILLA_CLUSTER_JOIN=%s\n' \
    "$(cat "$STATE/$1/cluster-addr")" "$(cat "$STATE/$1/cluster-port")" "$2" >"$STATE/$1/env"
}

# One more node: it joins every member (running or not, Hazelcast skips those that do not answer), and
# once ready it is added to the running HAProxy as a dynamic server (HAProxy 2.6+: a new server starts in
# maintenance with checks off, hence the two enables) and to haproxy.cfg, so a restarted balancer keeps it.
cmd_add() {
  local n last name members=() count
  [[ -f $STATE/lb-port ]] || die "add needs a cluster started with --nodes 2 or more (behind HAProxy)"
  lb_alive || die "haproxy is not running; add puts the new node behind it"
  last=$(nodes | tail -1)
  name="node$(($(node_number "$last") + 1))"
  make_node "$name"
  for n in $(nodes); do members+=("$(grid_member "$n")"); done
  write_node_env "$name" "$(IFS=,; echo "${members[*]}")"
  # Later starts of every node (and this one) use the majority of the grown cluster.
  count=$(nodes | wc -l)
  sed -i '/^FLOTILLA_CLUSTER_MIN_MEMBERS=/d' "$STATE/env"
  echo "FLOTILLA_CLUSTER_MIN_MEMBERS=$(majority "$count")" >>"$STATE/env"
  start_node "$name"
  for backend in nodes uploads; do
    lb_runtime "add server $backend/$name $HOST:$(cat "$STATE/$name/http-port") check inter 500ms fall 2 rise 2"
    lb_runtime "enable health $backend/$name"
    lb_runtime "enable server $backend/$name"
  done
  write_balancer_config
  echo "$name"
}

# lb_runtime COMMAND: an admin-socket command that answers nothing, or a line that is not an error.
lb_runtime() {
  local answer
  answer=$(lb_cmd "$1") || die "haproxy's admin socket did not take '$1'"
  answer=$(tr -d '\n' <<<"$answer")
  [[ -z $answer || $answer == "New server registered." ]] || die "haproxy: '$1' answered: $answer"
}

cmd_status() {
  local n first
  first=$(nodes | head -1)
  [[ -n $first ]] || die "no cluster is up"
  if [[ -f $STATE/lb-port ]]; then
    lb_alive || say "haproxy is not running (pid file $STATE/haproxy.pid)"
    echo "endpoint: $HOST:$(cat "$STATE/lb-port")"
  else
    echo "endpoint: $HOST:$(cat "$STATE/$first/http-port")"
  fi
  echo "admin-password: $STATE/admin-password"
  local states=""
  [[ -f $STATE/lb-port ]] && states=$(lb_states)
  for n in $(nodes); do
    echo "node: $n $HOST:$(cat "$STATE/$n/http-port") pid=$(alive "$n" && node_pid "$n" || echo none)$(
      awk -v n="$n" '$1 == n { printf " lb=%s", $2 }' <<<"$states")"
  done
}

# Settings for a client, for eval: where to send requests and how to sign in (user admin).
cmd_env() {
  local first endpoint
  first=$(nodes | head -1)
  [[ -n $first && -f $STATE/admin-password ]] || die "no cluster is up in $STATE"
  if [[ -f $STATE/lb-port ]]; then endpoint=$HOST:$(cat "$STATE/lb-port"); else endpoint=$HOST:$(cat "$STATE/$first/http-port"); fi
  echo "FLOTILLA_ENDPOINT=$endpoint"
  echo "FLOTILLA_ADMIN_USER=admin"
  printf 'FLOTILLA_ADMIN_PASSWORD=%q\n' "$(cat "$STATE/admin-password")"
}

signal_node() {  # signal_node SIGNAL NODE
  [[ -d $STATE/$2 ]] || die "no node $2"
  alive "$2" || { say "$2 is not running"; return 0; }
  kill "-$1" "$(node_pid "$2")"
}

# The comment that tags this cluster's iptables rules: its cluster name, unique per `up`.
cut_tag() {
  local name
  name=$(sed -n 's/^FLOTILLA_CLUSTER_NAME=//p' "$STATE/env" 2>/dev/null)
  [[ -n $name ]] || die "no cluster is up in $STATE"
  echo "flotilla-$name"
}

# cut_pair A B: drops every grid packet between nodes A and B, whichever of them opened the connection.
cut_pair() {
  local tag a b pa pb
  tag=$(cut_tag)
  a=$(cat "$STATE/$1/cluster-addr"); pa=$(cat "$STATE/$1/cluster-port")
  b=$(cat "$STATE/$2/cluster-addr"); pb=$(cat "$STATE/$2/cluster-port")
  # To each side's listener, and the listener's answers back.
  add_drop -s "$a" -d "$b" -p tcp --dport "$pb"
  add_drop -s "$b" -d "$a" -p tcp --sport "$pb"
  add_drop -s "$b" -d "$a" -p tcp --dport "$pa"
  add_drop -s "$a" -d "$b" -p tcp --sport "$pa"
}
# add_drop MATCH...: inserts a tagged DROP rule unless it is there already (so cuts can overlap).
add_drop() {
  local rule=(INPUT "$@" -m comment --comment "$(cut_tag)" -j DROP)
  iptables -C "${rule[@]}" 2>/dev/null || iptables -I "${rule[@]}" || die "iptables refused a rule (needs root)"
}

cmd_isolate() {
  local n
  [[ -f $STATE/$1/cluster-addr ]] || die "no node $1"
  for n in $(nodes); do
    [[ $n == "$1" ]] || cut_pair "$1" "$n"
  done
  say "$1 cut off from the other nodes' grid"
}

cmd_cut_grid() {
  local all i j
  mapfile -t all < <(nodes)
  for ((i = 0; i < ${#all[@]}; i++)); do
    for ((j = i + 1; j < ${#all[@]}; j++)); do cut_pair "${all[i]}" "${all[j]}"; done
  done
  say "grid cut between every pair of nodes"
}

# cmd_cut SIDE SIDE: comma-separated node lists; every pair across the two sides is cut.
cmd_cut() {
  local a b left right
  IFS=, read -r -a left <<<"$1"
  IFS=, read -r -a right <<<"$2"
  for a in "${left[@]}"; do
    [[ -f $STATE/$a/cluster-addr ]] || die "no node $a"
    for b in "${right[@]}"; do
      [[ -f $STATE/$b/cluster-addr ]] || die "no node $b"
      [[ $a == "$b" ]] && die "$a is on both sides of the cut"
      cut_pair "$a" "$b"
    done
  done
  say "grid cut between $1 and $2"
}

# Deletes the rules tagged with this cluster's comment, and only those (iptables -S prints each as it was
# added, so -A becomes -D). Without a state folder there is nothing of ours to remove.
cmd_heal() {
  local tag rule
  [[ -f $STATE/env ]] || return 0
  command -v iptables >/dev/null || return 0
  tag=$(cut_tag)
  while read -r rule; do
    [[ -n $rule ]] || continue
    # shellcheck disable=SC2086  # the rule is iptables' own words, none with spaces
    iptables ${rule/#-A /-D } || die "could not remove: $rule"
  done < <(iptables -S INPUT | grep -E -- "--comment \"?$tag\"?( |$)" || true)
  say "grid healed"
}

cmd_down() {
  local n pid
  cmd_heal
  if lb_alive; then
    pid=$(lb_pid)
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for n in $(nodes); do
    if alive "$n"; then
      pid=$(node_pid "$n")
      # A paused node (SIGSTOP) would sit on SIGTERM until the kill below; let it drain instead.
      kill -CONT "$pid" 2>/dev/null || true
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
  env) cmd_env ;;
  kill) signal_node KILL "${1:?NODE}" ;;
  stop) signal_node TERM "${1:?NODE}" ;;
  start) start_node "${1:?NODE}" ;;
  add) cmd_add ;;
  isolate) cmd_isolate "${1:?NODE}" ;;
  cut-grid) cmd_cut_grid ;;
  cut) cmd_cut "${1:?SIDE (node1,node2)}" "${2:?SIDE (node3)}" ;;
  pause) signal_node STOP "${1:?NODE}" ;;
  resume) signal_node CONT "${1:?NODE}" ;;
  heal) cmd_heal ;;
  down) cmd_down ;;
  *) echo "usage: deploy/local/cluster.sh up|status|env|kill|stop|start|pause|resume|add|isolate|cut|cut-grid|heal|down ..." >&2; exit 2 ;;
esac
