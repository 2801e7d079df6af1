# shellcheck shell=bash
# Cassandra 5.0.9 for tests and local clusters, sourced by deploy/local/services.sh.
#
# The server is org.apache.cassandra:cassandra-all from Maven Central, copied once with its runtime
# dependencies into $SERVICES_DIR/cache (deploy/local/cassandra/pom.xml), and run as its own process on
# JDK 17 by that JDK's path, whatever JAVA_HOME says (5.0 does not start on 25). Those jars never reach
# Flotilla's own classpaths.
#
# Layout (the node's address, its DC, and whether it is a seed), fixed by --dcs:
#   --dcs 1 (default)  one node on $SERVICES_BIND (127.0.0.1):         dc1 = {127.0.0.1}
#   --dcs 2            three nodes on loopback addresses:              dc1 = {127.0.0.1, 127.0.0.2}, dc2 = {127.0.0.3}
#   --dcs N            as for 2, plus one node 127.0.0.(N+1) in each further dcN
# Every DC's first node is a seed. Seeds start first, then the others, one at a time, each only once the one
# before answers CQL; nodes started together fail with "Unable to gossip with any peers". Replication per DC
# equals the DC's node count (FLOTILLA_CASSANDRA_DCS), so dc1 with 2 replicas needs both nodes for
# LOCAL_QUORUM. Each node listens on its own address with the standard ports (CQL 9042, storage 7000); JMX
# takes 7199, 7200, ... on 127.0.0.1. FLOTILLA_CASSANDRA_CQL_PORT, FLOTILLA_CASSANDRA_STORAGE_PORT and
# FLOTILLA_CASSANDRA_JMX_PORT (the first JMX port) move them, e.g. beside another run on this machine.
#
# State: $SERVICES_DIR/cassandra/<node>/ (conf, data, commitlog, hints, saved_caches); logs:
# $SERVICES_LOGS/cassandra-<node>.log. `down` kills the nodes and removes that state; the jar cache stays.

CASSANDRA_VERSION=5.0.9
CASSANDRA_JAVA=${FLOTILLA_CASSANDRA_JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
CASSANDRA_HEAP=${FLOTILLA_CASSANDRA_HEAP:-1536m}
CASSANDRA_START_TIMEOUT=${FLOTILLA_CASSANDRA_START_TIMEOUT:-180}
CASSANDRA_CQL_PORT=${FLOTILLA_CASSANDRA_CQL_PORT:-9042}
CASSANDRA_STORAGE_PORT=${FLOTILLA_CASSANDRA_STORAGE_PORT:-7000}
CASSANDRA_JMX_BASE=${FLOTILLA_CASSANDRA_JMX_PORT:-7199}
CASSANDRA_KEYSPACE_PREFIX=${FLOTILLA_CASSANDRA_KEYSPACE_PREFIX:-flotilla}
CASSANDRA_POM=$(cd "$(dirname "${BASH_SOURCE[0]}")/../cassandra" && pwd)/pom.xml

_cass_home() { echo "$SERVICES_DIR/cassandra"; }
_cass_jars() { echo "$SERVICES_DIR/cache/cassandra-$CASSANDRA_VERSION"; }

# Prints the layout --dcs asks for, one node a line: NAME ADDRESS DC SEED(yes|no) JMX_PORT.
_cass_wanted_layout() {
  local dcs=${SERVICES_DCS:-1}
  [[ $dcs =~ ^[1-9][0-9]?$ ]] || { echo "cassandra: --dcs must be a number from 1 to 99, not '$dcs'" >&2; return 1; }
  if [[ $dcs -eq 1 ]]; then
    echo "node1 ${SERVICES_BIND:-127.0.0.1} dc1 yes $CASSANDRA_JMX_BASE"
    return
  fi
  if [[ ${SERVICES_BIND:-127.0.0.1} != 127.0.0.1 ]]; then
    echo "cassandra: --dcs $dcs runs one node per loopback address (127.0.0.x); it cannot be combined with --bind" >&2
    return 1
  fi
  echo "node1 127.0.0.1 dc1 yes $CASSANDRA_JMX_BASE"
  echo "node2 127.0.0.2 dc1 no $((CASSANDRA_JMX_BASE + 1))"
  local d
  for ((d = 2; d <= dcs; d++)); do
    echo "node$((d + 1)) 127.0.0.$((d + 1)) dc$d yes $((CASSANDRA_JMX_BASE + d))"
  done
}

# The layout in use: that of the running cluster if there is one (so `env` describes what runs, whatever
# --dcs says), else the one --dcs asks for.
_cass_layout() {
  local saved
  saved="$(_cass_home)/layout"
  if [[ -s $saved ]]; then cat "$saved"; else _cass_wanted_layout; fi
}

# "dc1:2,dc2:1": each DC with its node count, the replication factor clients should use there.
_cass_dc_counts() {
  _cass_layout | awk '{ n[$3]++; if (!($3 in seen)) { seen[$3] = 1; order[++k] = $3 } }
    END { for (i = 1; i <= k; i++) printf "%s%s:%d", (i > 1 ? "," : ""), order[i], n[order[i]]; print "" }'
}

# True when a CQL server answers an OPTIONS request at ADDRESS:PORT (a SUPPORTED frame, protocol v4).
_cass_answers() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "\x04\x00\x00\x00\x05\x00\x00\x00\x00" >&3 &&
    head -c 5 <&3 | od -An -tx1' "$1" "$2" 2>/dev/null | tr -s ' ' | grep -q '^ *84 00 00 00 06'
}

# True when DIR/pid names a live Cassandra of that node dir (a reused pid is not mistaken for it).
_cass_pid_alive() {
  local dir=$1 pid
  [[ -s $dir/pid ]] || return 1
  pid=$(cat "$dir/pid")
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "file://$dir/conf/cassandra.yaml"
}

# Copies cassandra-all and its runtime jars into the cache once; later calls return at once.
_cass_fetch_jars() {
  local jars tmp
  jars=$(_cass_jars)
  [[ -f $jars/.complete ]] && return 0
  echo "services: cassandra: fetching cassandra-all $CASSANDRA_VERSION and its dependencies with Maven" >&2
  tmp="$jars.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$jars")"
  if ! mvn -q -B -ntp -f "$CASSANDRA_POM" dependency:copy-dependencies \
      -Dcassandra.version="$CASSANDRA_VERSION" -Djars.dir="$tmp" >"$SERVICES_LOGS/cassandra-fetch.log" 2>&1; then
    echo "cassandra: fetching the server jars failed; see $SERVICES_LOGS/cassandra-fetch.log" >&2
    rm -rf "$tmp"
    return 1
  fi
  touch "$tmp/.complete"
  rm -rf "$jars"
  mv "$tmp" "$jars"
}

# Writes a node's cassandra.yaml, cassandra-rackdc.properties and logback.xml under DIR/conf.
_cass_write_conf() {
  local dir=$1 address=$2 dc=$3 seeds=$4
  mkdir -p "$dir/conf" "$dir/data" "$dir/commitlog" "$dir/hints" "$dir/saved_caches" "$dir/cdc_raw"
  cat >"$dir/conf/cassandra.yaml" <<EOF
# Generated by deploy/local/services/cassandra.sh; a throwaway node for tests and local clusters.
cluster_name: flotilla-local
num_tokens: 16
partitioner: org.apache.cassandra.dht.Murmur3Partitioner
endpoint_snitch: GossipingPropertyFileSnitch
seed_provider:
  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
    parameters:
      - seeds: "$seeds"
listen_address: $address
rpc_address: $address
storage_port: $CASSANDRA_STORAGE_PORT
native_transport_port: $CASSANDRA_CQL_PORT
start_native_transport: true
data_file_directories:
  - $dir/data
commitlog_directory: $dir/commitlog
hints_directory: $dir/hints
saved_caches_directory: $dir/saved_caches
cdc_raw_directory: $dir/cdc_raw
# Batch sync: a write is acknowledged only once its commit log entry is on disk. A single node holds the
# only replica here, and with periodic sync a killed node came back without tags it had acknowledged
# (CassandraOutageTest), as Cassandra 5 may buffer the log in memory between syncs.
commitlog_sync: batch
# A mutation may be half a segment: 32 MiB segments admit 4 MiB manifests stored inline with room to spare.
commitlog_segment_size: 32MiB
concurrent_compactors: 1
auto_snapshot: false
snapshot_before_compaction: false
key_cache_size: 8MiB
counter_cache_size: 0MiB
# A fresh, empty cluster: nothing to stream when a node joins.
auto_bootstrap: false
EOF
  printf 'dc=%s\nrack=rack1\n' "$dc" >"$dir/conf/cassandra-rackdc.properties"
  cat >"$dir/conf/logback.xml" <<'EOF'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
EOF
}

# Starts one node in the background; its JVM's pid goes to DIR/pid.
_cass_launch() {
  local name=$1 dir=$2 jmx=$3
  local log="$SERVICES_LOGS/cassandra-$name.log"
  local flags=(
    -Xms256m "-Xmx$CASSANDRA_HEAP" -Xss256k
    # conf/jvm17-server.options of Cassandra 5.0: G1, JPMS exports and opens, netty settings
    -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxTenuringThreshold=1 -XX:G1HeapRegionSize=16m
    -XX:G1RSetUpdatingPauseTimePercent=5 -XX:MaxGCPauseMillis=300 -XX:InitiatingHeapOccupancyPercent=70
    -Djdk.attach.allowAttachSelf=true
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
    --add-exports java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED
    --add-exports java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports java.rmi/sun.rmi.server=ALL-UNNAMED
    --add-exports java.sql/java.sql=ALL-UNNAMED
    --add-exports java.base/java.lang.ref=ALL-UNNAMED
    --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED
    --add-exports jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
    --add-exports jdk.attach/sun.tools.attach=ALL-UNNAMED
    --add-opens java.base/java.lang.module=ALL-UNNAMED
    --add-opens java.base/jdk.internal.loader=ALL-UNNAMED
    --add-opens java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens java.base/jdk.internal.reflect=ALL-UNNAMED
    --add-opens java.base/jdk.internal.math=ALL-UNNAMED
    --add-opens java.base/jdk.internal.module=ALL-UNNAMED
    --add-opens java.base/jdk.internal.util.jar=ALL-UNNAMED
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens java.base/java.io=ALL-UNNAMED
    --add-opens java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens jdk.compiler/com.sun.tools.javac=ALL-UNNAMED
    --add-opens java.base/java.lang=ALL-UNNAMED
    --add-opens java.base/java.util=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    -Dio.netty.allocator.useCacheForAllThreads=true
    -Dio.netty.allocator.maxOrder=11
    # this node
    -Djava.net.preferIPv4Stack=true
    "-Dcassandra.config=file://$dir/conf/cassandra.yaml"
    "-Dcassandra-rackdc.properties=file://$dir/conf/cassandra-rackdc.properties"
    "-Dlogback.configurationFile=$dir/conf/logback.xml"
    "-Dcassandra.storagedir=$dir"
    "-Dcassandra.logdir=$dir/logs"
    "-Dcassandra.jmx.local.port=$jmx"
    -Dcassandra-foreground=yes
    # a lean, fast start: short ring delay, no wait for gossip to settle
    -Dcassandra.ring_delay_ms=1000
    -Dcassandra.skip_wait_for_gossip_to_settle=0
    # Not -Dcassandra.unsafesystem=true: it keeps schema changes out of the commit log, and a killed node
    # then came back without the keyspaces it had acknowledged (CassandraOutageTest).
    -XX:+ExitOnOutOfMemoryError
  )
  rm -f "$dir/pid"
  echo "=== $(date -u +%FT%TZ) starting $name" >>"$log"
  # In its own session, so that a Ctrl-C in the shell that started it does not stop it. The pid is written
  # by the process that then becomes the JVM, so it is right whether or not setsid had to fork.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$1/pid" && cd "$1" && shift && exec "$@"' cassandra "$dir" \
    "$CASSANDRA_JAVA" "${flags[@]}" -cp "$dir/conf:$(_cass_jars)/*" org.apache.cassandra.service.CassandraDaemon \
    </dev/null >>"$log" 2>&1 &
  local i
  for ((i = 0; i < 50; i++)); do [[ -s $dir/pid ]] && return 0; sleep 0.1; done
  echo "cassandra: $name did not start; see $log" >&2
  return 1
}

# Waits until ADDRESS answers CQL; fails early if the node's process died.
_cass_wait() {
  local name=$1 address=$2 dir=$3
  local log="$SERVICES_LOGS/cassandra-$name.log"
  local deadline=$((SECONDS + CASSANDRA_START_TIMEOUT))
  until _cass_answers "$address" "$CASSANDRA_CQL_PORT"; do
    if ! _cass_pid_alive "$dir"; then
      echo "cassandra: $name ($address) exited during startup; see $log:" >&2
      grep -E 'ERROR|Exception' "$log" | tail -5 >&2 || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "cassandra: $name ($address) did not answer CQL on port $CASSANDRA_CQL_PORT within ${CASSANDRA_START_TIMEOUT}s; see $log" >&2
      return 1
    fi
    sleep 0.5
  done
}

cassandra_up() {
  local home layout seeds name address dc seed jmx dir
  home=$(_cass_home)
  [[ -x $CASSANDRA_JAVA ]] || { echo "cassandra: needs JDK 17 at $CASSANDRA_JAVA (apt-get install openjdk-17-jdk-headless)" >&2; return 1; }
  layout=$(_cass_wanted_layout) || return 1
  if [[ -s $home/layout && $(cat "$home/layout") != "$layout" ]]; then
    echo "cassandra: state in $home was made for another layout (--dcs/--bind):" >&2
    sed 's/^/  /' "$home/layout" >&2
    echo "cassandra: run 'deploy/local/services.sh down cassandra' first" >&2
    return 1
  fi
  _cass_fetch_jars || return 1
  mkdir -p "$home"
  # Every DC's first node is a seed.
  seeds=$(awk '$4 == "yes" { printf "%s%s:'"$CASSANDRA_STORAGE_PORT"'", (n++ ? "," : ""), $2 }' <<<"$layout")
  # Seeds first, then the rest, one at a time.
  local ordered
  ordered=$(awk '$4 == "yes"' <<<"$layout"; awk '$4 != "yes"' <<<"$layout")
  while read -r name address dc seed jmx; do
    dir="$home/$name"
    if _cass_pid_alive "$dir" && _cass_answers "$address" "$CASSANDRA_CQL_PORT"; then
      continue
    fi
    if ! _cass_pid_alive "$dir"; then
      if _cass_answers "$address" "$CASSANDRA_CQL_PORT"; then
        echo "cassandra: something not started by this script already answers CQL on $address:$CASSANDRA_CQL_PORT" >&2
        return 1
      fi
      if ss -ltn "( sport = :$jmx )" | grep -q LISTEN; then
        echo "cassandra: JMX port $jmx for $name is taken by another process" >&2
        return 1
      fi
      _cass_write_conf "$dir" "$address" "$dc" "$seeds"
      printf '%s\n' "$layout" >"$home/layout"
      echo "services: cassandra: starting $name on $address ($dc$([[ $seed == yes ]] && echo ', seed'))" >&2
      _cass_launch "$name" "$dir" "$jmx" || return 1
    fi
    _cass_wait "$name" "$address" "$dir" || return 1
  done <<<"$ordered"
}

cassandra_down() {
  local home name address dc seed jmx pid
  home=$(_cass_home)
  [[ -d $home ]] || return 0
  if [[ -s $home/layout ]]; then
    while read -r name address dc seed jmx; do
      if _cass_pid_alive "$home/$name"; then
        pid=$(cat "$home/$name/pid")
        kill -KILL "$pid" 2>/dev/null || true
        # the state is removed next, so a clean shutdown would buy nothing; wait until the ports are free
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      fi
    done <"$home/layout"
  fi
  rm -rf "$home"
}

cassandra_env() {
  local layout
  layout=$(_cass_layout) || return 1
  echo "FLOTILLA_CASSANDRA_CONTACT_POINTS=$(awk '{ printf "%s%s:'"$CASSANDRA_CQL_PORT"'", (NR > 1 ? "," : ""), $2 }' <<<"$layout")"
  echo "FLOTILLA_CASSANDRA_LOCAL_DC=dc1"
  echo "FLOTILLA_CASSANDRA_DCS=$(_cass_dc_counts)"
  echo "FLOTILLA_CASSANDRA_KEYSPACE_PREFIX=$CASSANDRA_KEYSPACE_PREFIX"
}
