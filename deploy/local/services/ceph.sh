# shellcheck shell=bash
# Ceph for tests and local clusters: one monitor, one bluestore OSD on a sparse file, the RADOS pool
# Flotilla uses, and the RADOS Gateway (beast) with one S3 user. Sourced by ../services.sh, which calls
# ceph_up, ceph_down and ceph_env; nothing here runs at source time.
#
# Debian's packages (ceph, radosgw) are installed if missing. No systemd: each daemon is started directly,
# daemonises itself and writes its pid file under $SERVICES_DIR/ceph/run. Everything listens on
# $SERVICES_BIND (default 127.0.0.1). Ports come from the environment, with these defaults:
#   FLOTILLA_CEPH_MON_PORT=3300 (msgr2)   FLOTILLA_CEPH_MON_V1_PORT=6789 (msgr1)   FLOTILLA_RGW_PORT=7480
#   OSDs take ports in 6800-6899.
#
# State (conf, keyrings, mon store, the OSD's 20 GiB sparse block file) lives in $SERVICES_DIR/ceph, and
# `down` deletes it. `up` on a running cluster only checks it answers; `up` after the daemons died (a
# reboot, a test that killed the OSD) restarts them on the state they left, so no data is lost.
#
# Clients: librados reads FLOTILLA_CEPH_CONF with the user FLOTILLA_CEPH_USER (client.flotilla, allowed
# rwx on the pool only) and its key in FLOTILLA_CEPH_KEYRING; the ceph CLI works as client.admin with
# `ceph -c $FLOTILLA_CEPH_CONF`. S3 clients use the FLOTILLA_S3_* lines of `env`.

_ceph_vars() {
  CEPH_HOME=$SERVICES_DIR/ceph
  CEPH_CONF=$CEPH_HOME/ceph.conf
  CEPH_RUN=$CEPH_HOME/run
  CEPH_BIND_FILE=$CEPH_HOME/bind
  CEPH_READY=$CEPH_HOME/initialised
  CEPH_MON_PORT=${FLOTILLA_CEPH_MON_PORT:-3300}
  CEPH_MON_V1_PORT=${FLOTILLA_CEPH_MON_V1_PORT:-6789}
  CEPH_RGW_PORT=${FLOTILLA_RGW_PORT:-7480}
  CEPH_POOL=flotilla
  CEPH_CLIENT=client.flotilla
  CEPH_RGW_NAME=client.rgw.a
  # Fixed, test-only S3 credentials (the cluster is throwaway and listens on loopback by default).
  CEPH_S3_ACCESS=FLOTILLATESTACCESS01
  CEPH_S3_SECRET=flotillaTestSecretKey0000000000000000000
  CEPH_S3_USER=flotilla
  # A running cluster keeps the address it was created with; `env` must print that one.
  CEPH_ADDR=$SERVICES_BIND
  if [[ -f $CEPH_BIND_FILE ]]; then CEPH_ADDR=$(<"$CEPH_BIND_FILE"); fi
}

_ceph_say() { echo "ceph: $*" >&2; }
_ceph_fail() { echo "ceph: $*" >&2; return 1; }

# ceph CLI as client.admin, bounded so a dead monitor cannot hang us.
_ceph_adm() { timeout 30 ceph -c "$CEPH_CONF" --connect-timeout 20 "$@"; }

_ceph_install() {
  if command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null && command -v radosgw >/dev/null \
      && command -v radosgw-admin >/dev/null; then
    return 0
  fi
  _ceph_say "installing Debian's ceph and radosgw packages (about a minute)"
  local log=$SERVICES_LOGS/ceph-apt.log
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 ceph radosgw >"$log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 ceph radosgw >>"$log" 2>&1 \
      || _ceph_fail "apt-get install ceph radosgw failed; see $log" || return 1
  fi
}

# The pid in run/NAME.pid, if that process is alive and is the daemon we started (not a reused pid).
_ceph_pid() {
  local name=$1 binary=$2 pid
  [[ -f $CEPH_RUN/$name.pid ]] || return 1
  pid=$(<"$CEPH_RUN/$name.pid")
  [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$binary" || return 1
  echo "$pid"
}

_ceph_port_free() {
  local port=$1
  ! ss -Hltn "sport = :$port" | grep -q .
}

_ceph_write_conf() {
  local fsid=$1 a=$CEPH_ADDR
  cat >"$CEPH_CONF" <<EOF
# Written by deploy/local/services/ceph.sh for a throwaway one-host cluster.
[global]
fsid = $fsid
mon_host = [v2:$a:$CEPH_MON_PORT,v1:$a:$CEPH_MON_V1_PORT]
public_addr = $a
cluster_addr = $a
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
run_dir = $CEPH_RUN
ms_bind_port_min = 6800
ms_bind_port_max = 6899
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_max_pg_per_osd = 1000
osd_crush_chooseleaf_type = 0
mon_data_avail_warn = 2
mon_data_avail_crit = 1
# Keep the usage thresholds away from a small sparse device.
mon_osd_full_ratio = .97
mon_osd_backfillfull_ratio = .96
mon_osd_nearfull_ratio = .95
osd_failsafe_full_ratio = .98
# Each entity finds its key by name: ceph.client.admin.keyring, ceph.client.flotilla.keyring, ...
keyring = $CEPH_HOME/\$cluster.\$name.keyring

[mon]
mon_data = $CEPH_HOME/mon.\$id
keyring = $CEPH_HOME/mon.\$id/keyring
log_file = $SERVICES_LOGS/ceph-\$name.log
pid_file = $CEPH_RUN/\$name.pid
mon_allow_pool_delete = true
mon_memory_target = 268435456
# One OSD: never mark it out; the tests that kill it expect it back with its data.
mon_osd_down_out_interval = 0
mon_warn_on_osd_down_out_interval_zero = false
mon_warn_on_insecure_global_id_reclaim_allowed = false
# Commit map changes (pool creations, OSD boot) after 0.1 s instead of 1 s: RGW's first start creates
# several pools one after another.
paxos_propose_interval = 0.1

[osd]
osd_data = $CEPH_HOME/osd.\$id
keyring = $CEPH_HOME/osd.\$id/keyring
log_file = $SERVICES_LOGS/ceph-\$name.log
pid_file = $CEPH_RUN/\$name.pid
osd_objectstore = bluestore
# Bluestore on a sparse file, osd.N/block (memstore would lose objects when the OSD dies).
bluestore_block_create = true
bluestore_block_size = 21474836480
bluestore_block_db_create = false
bluestore_block_wal_create = false
bluestore_fsck_on_mkfs = false
bluestore_fsck_on_mount = false
# Lean on a 2-core box: the smallest memory target the OSD accepts, few worker threads.
osd_memory_target = 939524096
osd_memory_cache_min = 134217728
osd_op_num_shards = 2
osd_op_num_threads_per_shard = 2
osd_heartbeat_interval = 2
osd_heartbeat_grace = 6

[client]
admin_socket = $CEPH_RUN/\$name.\$pid.asok

[$CEPH_RGW_NAME]
log_file = $SERVICES_LOGS/ceph-\$name.log
pid_file = $CEPH_RUN/\$name.pid
rgw_data = $CEPH_HOME/rgw
rgw_frontends = beast endpoint=$a:$CEPH_RGW_PORT
rgw_thread_pool_size = 64
EOF
}

# Creates the cluster from nothing: keys, monitor store, OSD, pool. Leaves the daemons running.
_ceph_create() {
  local fsid osd_uuid osd_secret port log=$SERVICES_LOGS/ceph-setup.log
  for port in "$CEPH_MON_PORT" "$CEPH_MON_V1_PORT" "$CEPH_RGW_PORT"; do
    _ceph_port_free "$port" || _ceph_fail "port $port on this host is taken; set FLOTILLA_CEPH_MON_PORT, \
FLOTILLA_CEPH_MON_V1_PORT or FLOTILLA_RGW_PORT to free ones" || return 1
  done
  rm -rf "$CEPH_HOME"
  rm -f "$SERVICES_LOGS"/ceph-*.log
  mkdir -p "$CEPH_HOME" "$CEPH_RUN" "$CEPH_HOME/rgw" "$SERVICES_LOGS" || return 1
  echo "$SERVICES_BIND" >"$CEPH_BIND_FILE"
  CEPH_ADDR=$SERVICES_BIND
  fsid=$(cat /proc/sys/kernel/random/uuid)
  _ceph_write_conf "$fsid" || return 1
  : >"$log"

  # Every key but the OSD's goes into the monitor's initial keyring, so no auth commands are needed later.
  local initial=$CEPH_HOME/initial.keyring
  {
    _ceph_keyring client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' &&
    _ceph_keyring "$CEPH_CLIENT" --cap mon 'allow r' --cap osd "allow rwx pool=$CEPH_POOL" &&
    _ceph_keyring "$CEPH_RGW_NAME" --cap mon 'allow rw' --cap osd 'allow rwx' --cap mgr 'allow rw' &&
    ceph-authtool --create-keyring --gen-key -n mon. --cap mon 'allow *' "$initial" &&
    ceph-authtool "$initial" --import-keyring "$CEPH_HOME/ceph.client.admin.keyring" &&
    ceph-authtool "$initial" --import-keyring "$CEPH_HOME/ceph.$CEPH_CLIENT.keyring" &&
    ceph-authtool "$initial" --import-keyring "$CEPH_HOME/ceph.$CEPH_RGW_NAME.keyring"
  } >>"$log" 2>&1 || _ceph_fail "creating keys failed; see $log" || return 1

  monmaptool --create --fsid "$fsid" --addv a "[v2:$CEPH_ADDR:$CEPH_MON_PORT,v1:$CEPH_ADDR:$CEPH_MON_V1_PORT]" \
    "$CEPH_HOME/monmap" >>"$log" 2>&1 || _ceph_fail "monmaptool failed; see $log" || return 1
  ceph-mon -c "$CEPH_CONF" --mkfs -i a --monmap "$CEPH_HOME/monmap" --keyring "$initial" >>"$log" 2>&1 \
    || _ceph_fail "ceph-mon --mkfs failed; see $log" || return 1
  _ceph_start_mon || return 1

  osd_uuid=$(cat /proc/sys/kernel/random/uuid)
  osd_secret=$(ceph-authtool --gen-print-key) || return 1
  mkdir -p "$CEPH_HOME/osd.0"
  printf '{"cephx_secret": "%s"}' "$osd_secret" >"$CEPH_HOME/osd.0/new.json"
  local id
  id=$(_ceph_adm osd new "$osd_uuid" -i "$CEPH_HOME/osd.0/new.json" 2>>"$log") \
    || _ceph_fail "ceph osd new failed; see $log and $SERVICES_LOGS/ceph-mon.a.log" || return 1
  rm -f "$CEPH_HOME/osd.0/new.json"
  [[ $id == 0 ]] || _ceph_fail "expected OSD id 0, the monitor gave '$id'" || return 1
  printf '[osd.0]\n\tkey = %s\n' "$osd_secret" >"$CEPH_HOME/osd.0/keyring"
  ceph-osd -c "$CEPH_CONF" -i 0 --mkfs --key "$osd_secret" --osd-uuid "$osd_uuid" >>"$log" 2>&1 \
    || _ceph_fail "ceph-osd --mkfs failed; see $log and $SERVICES_LOGS/ceph-osd.0.log" || return 1
  _ceph_start_osd || return 1

  # One ceph process for both commands: the CLI reads commands from stdin when given none.
  printf 'osd pool create %s 8 8\nosd pool application enable %s rados\n' "$CEPH_POOL" "$CEPH_POOL" \
    | _ceph_adm >>"$log" 2>&1 || _ceph_fail "creating pool $CEPH_POOL failed; see $log" || return 1
  _ceph_wait_rados || return 1

  _ceph_start_rgw || return 1
  _ceph_wait_rgw || return 1
  timeout 60 radosgw-admin -c "$CEPH_CONF" user create --uid "$CEPH_S3_USER" --display-name "Flotilla tests" \
    --access-key "$CEPH_S3_ACCESS" --secret-key "$CEPH_S3_SECRET" >>"$log" 2>&1 \
    || _ceph_fail "radosgw-admin user create failed; see $log" || return 1
  _ceph_wait_s3_user || return 1
  touch "$CEPH_READY"
}

# A keyring file holding a fresh key for entity $1, with the caps that follow.
_ceph_keyring() {
  local name=$1
  shift
  ceph-authtool --create-keyring --gen-key -n "$name" "$@" "$CEPH_HOME/ceph.$name.keyring"
}

_ceph_start_mon() {
  if ! _ceph_pid mon.a ceph-mon >/dev/null; then
    ceph-mon -c "$CEPH_CONF" -i a >>"$SERVICES_LOGS/ceph-setup.log" 2>&1 \
      || _ceph_fail "ceph-mon did not start; see $SERVICES_LOGS/ceph-mon.a.log" || return 1
  fi
  local i
  for ((i = 0; i < 100; i++)); do
    _ceph_adm mon stat >/dev/null 2>&1 && return 0
    _ceph_pid mon.a ceph-mon >/dev/null || break
    sleep 0.2
  done
  _ceph_fail "the monitor does not answer; see $SERVICES_LOGS/ceph-mon.a.log"
}

_ceph_start_osd() {
  if ! _ceph_pid osd.0 ceph-osd >/dev/null; then
    ceph-osd -c "$CEPH_CONF" -i 0 >>"$SERVICES_LOGS/ceph-setup.log" 2>&1 \
      || _ceph_fail "ceph-osd did not start; see $SERVICES_LOGS/ceph-osd.0.log" || return 1
  fi
}

_ceph_start_rgw() {
  if ! _ceph_pid "$CEPH_RGW_NAME" radosgw >/dev/null; then
    radosgw -c "$CEPH_CONF" -n "$CEPH_RGW_NAME" >>"$SERVICES_LOGS/ceph-setup.log" 2>&1 \
      || _ceph_fail "radosgw did not start; see $SERVICES_LOGS/ceph-$CEPH_RGW_NAME.log" || return 1
  fi
}

# RADOS answers when Flotilla's own user can write, read and remove an object in the pool.
_ceph_wait_rados() {
  local i probe=(timeout 10 rados -c "$CEPH_CONF" -n "$CEPH_CLIENT" -p "$CEPH_POOL")
  for ((i = 0; i < 60; i++)); do
    if "${probe[@]}" put flotilla-probe "$CEPH_CONF" 2>/dev/null && "${probe[@]}" stat flotilla-probe >/dev/null 2>&1; then
      "${probe[@]}" rm flotilla-probe 2>/dev/null
      return 0
    fi
    _ceph_pid osd.0 ceph-osd >/dev/null || _ceph_fail "the OSD died; see $SERVICES_LOGS/ceph-osd.0.log" || return 1
    sleep 0.5
  done
  _ceph_fail "RADOS does not answer writes to pool $CEPH_POOL; see $SERVICES_LOGS/ceph-osd.0.log and ceph-mon.a.log"
}

_ceph_wait_rgw() {
  local i
  for ((i = 0; i < 240; i++)); do
    curl -sf -o /dev/null --max-time 2 "http://$CEPH_ADDR:$CEPH_RGW_PORT/" && return 0
    _ceph_pid "$CEPH_RGW_NAME" radosgw >/dev/null \
      || _ceph_fail "radosgw died; see $SERVICES_LOGS/ceph-$CEPH_RGW_NAME.log" || return 1
    sleep 0.25
  done
  _ceph_fail "RGW does not answer HTTP on $CEPH_ADDR:$CEPH_RGW_PORT; see $SERVICES_LOGS/ceph-$CEPH_RGW_NAME.log"
}

# A signed ListBuckets with the test user's keys: proves RGW knows the user, not only that it listens.
_ceph_wait_s3_user() {
  local i
  for ((i = 0; i < 40; i++)); do
    # RGW wants x-amz-content-sha256, which curl does not add by itself; here the empty body's hash.
    curl -sf -o /dev/null --max-time 5 --aws-sigv4 "aws:amz:us-east-1:s3" \
      -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" --user "$CEPH_S3_ACCESS:$CEPH_S3_SECRET" "http://$CEPH_ADDR:$CEPH_RGW_PORT/" && return 0
    sleep 0.25
  done
  _ceph_fail "RGW rejects the S3 user's signed requests; see $SERVICES_LOGS/ceph-$CEPH_RGW_NAME.log"
}

_ceph_running() {
  _ceph_pid mon.a ceph-mon >/dev/null && _ceph_pid osd.0 ceph-osd >/dev/null \
    && _ceph_pid "$CEPH_RGW_NAME" radosgw >/dev/null
}

ceph_up() {
  _ceph_vars
  if [[ -f $CEPH_READY && $CEPH_ADDR != "$SERVICES_BIND" ]]; then
    _ceph_fail "running on $CEPH_ADDR, not $SERVICES_BIND; run 'deploy/local/services.sh down ceph' first"
    return 1
  fi
  if [[ -f $CEPH_READY ]] && _ceph_running \
      && curl -sf -o /dev/null --max-time 2 "http://$CEPH_ADDR:$CEPH_RGW_PORT/"; then
    return 0
  fi
  _ceph_install || return 1
  mkdir -p "$SERVICES_LOGS"
  if [[ -f $CEPH_READY ]]; then
    _ceph_say "restarting stopped daemons on the existing state in $CEPH_HOME"
    _ceph_start_mon && _ceph_start_osd && _ceph_wait_rados && _ceph_start_rgw && _ceph_wait_rgw || return 1
    return 0
  fi
  _ceph_stop_daemons || return 1
  _ceph_create
}

# Kills the daemons outright: their state is deleted next, or reused by a restart that must cope with a
# crash anyway (bluestore and the monitor's store are crash-safe).
_ceph_stop_daemons() {
  local entry name binary pid pids=() i p alive
  for entry in "$CEPH_RGW_NAME:radosgw" "osd.0:ceph-osd" "mon.a:ceph-mon"; do
    name=${entry%%:*} binary=${entry#*:}
    if pid=$(_ceph_pid "$name" "$binary"); then
      kill -9 "$pid" 2>/dev/null && pids+=("$pid")
    fi
  done
  for ((i = 0; i < 50; i++)); do
    alive=0
    for p in "${pids[@]}"; do [[ -d /proc/$p ]] && alive=1; done
    ((alive)) || return 0
    sleep 0.1
  done
  _ceph_fail "daemons ${pids[*]} did not exit"
}

ceph_down() {
  _ceph_vars
  [[ -d $CEPH_HOME ]] || return 0
  _ceph_stop_daemons || return 1
  rm -rf "$CEPH_HOME"
}

ceph_env() {
  _ceph_vars
  cat <<EOF
FLOTILLA_CEPH_CONF=$CEPH_CONF
FLOTILLA_CEPH_KEYRING=$CEPH_HOME/ceph.$CEPH_CLIENT.keyring
FLOTILLA_CEPH_USER=$CEPH_CLIENT
FLOTILLA_RADOS_POOL=$CEPH_POOL
FLOTILLA_S3_ENDPOINT=http://$CEPH_ADDR:$CEPH_RGW_PORT
FLOTILLA_S3_REGION=us-east-1
FLOTILLA_S3_ACCESS_KEY=$CEPH_S3_ACCESS
FLOTILLA_S3_SECRET_KEY=$CEPH_S3_SECRET
FLOTILLA_S3_BUCKET_PREFIX=flotilla-
EOF
}
