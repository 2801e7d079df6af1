#!/usr/bin/env bash
# A Docker engine of the chaos harness's own, started when needed and left running for reuse.
#
#   deploy/chaos/docker-engine.sh up     install Debian's docker.io if missing, start dockerd unless it answers
#   deploy/chaos/docker-engine.sh env    print DOCKER_HOST=... (and the Testcontainers settings it needs)
#   deploy/chaos/docker-engine.sh down   stop that dockerd (its data root, with the images, stays)
#
# This machine has no systemd and no registry access, so the daemon is started by hand with its own data
# and exec roots, pid file and socket: it never meets another engine's state. --iptables=false because with
# it dockerd sets the host's FORWARD policy to DROP, which breaks every other bridge here; containers on a
# bridge network still reach each other and the host's bridge address without NAT.
# Settings: FLOTILLA_CHAOS_DOCKER_ROOT (default /var/lib/flotilla-chaos-docker) holds data, exec root,
# pid file, socket and log.
set -euo pipefail
ROOT_DIR=${FLOTILLA_CHAOS_DOCKER_ROOT:-/var/lib/flotilla-chaos-docker}
SOCK=$ROOT_DIR/docker.sock
PIDFILE=$ROOT_DIR/dockerd.pid
LOG=$ROOT_DIR/dockerd.log
# The exec root holds unix sockets whose paths must stay short (108 bytes), so it lives under /run.
EXEC_ROOT=/run/flotilla-chaos-docker

die() { echo "docker-engine: $*" >&2; exit 1; }
say() { echo "docker-engine: $*" >&2; }

answers() { DOCKER_HOST=unix://$SOCK timeout 10 docker info >/dev/null 2>&1; }
pid_alive() { [[ -s $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

install() {
  command -v dockerd >/dev/null && command -v docker >/dev/null && return 0
  say "installing Debian's docker.io"
  mkdir -p "$ROOT_DIR"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 docker.io >"$ROOT_DIR/apt.log" 2>&1; then
    # Only when the package lists are stale: an update costs time and is not needed on a fresh image.
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$ROOT_DIR/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 docker.io >>"$ROOT_DIR/apt.log" 2>&1 \
      || die "apt-get install docker.io failed; see $ROOT_DIR/apt.log"
  fi
}

cmd_up() {
  answers && return 0
  install
  mkdir -p "$ROOT_DIR/data" "$EXEC_ROOT"
  if pid_alive; then
    say "dockerd (pid $(cat "$PIDFILE")) runs but does not answer yet; waiting"
  else
    rm -f "$PIDFILE" "$SOCK"
    # Its own session, so the caller's Ctrl-C or a test JVM's exit does not stop it: it is kept for reuse.
    setsid dockerd --storage-driver=overlay2 --iptables=false --ip-masq=false \
      --data-root="$ROOT_DIR/data" --exec-root="$EXEC_ROOT" --pidfile="$PIDFILE" \
      -H "unix://$SOCK" </dev/null >>"$LOG" 2>&1 &
  fi
  local i
  for ((i = 0; i < 120; i++)); do
    answers && { say "dockerd answers on unix://$SOCK"; return 0; }
    sleep 0.5
  done
  die "dockerd did not answer within 60 s; see $LOG"
}

cmd_down() {
  pid_alive || return 0
  local pid; pid=$(cat "$PIDFILE")
  kill -TERM "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || { say "dockerd stopped"; return 0; }; sleep 0.2; done
  die "dockerd (pid $pid) did not stop within 20 s"
}

cmd_env() {
  echo "DOCKER_HOST=unix://$SOCK"
  # Without these Testcontainers starts its Ryuk reaper and believes it runs inside a container: both try
  # to pull an image, which cannot work here and stalls for minutes.
  echo "TESTCONTAINERS_RYUK_DISABLED=true"
  echo "TESTCONTAINERS_HOST_OVERRIDE=localhost"
}

case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  env) cmd_env ;;
  *) echo "usage: deploy/chaos/docker-engine.sh up|down|env" >&2; exit 2 ;;
esac
