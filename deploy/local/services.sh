#!/usr/bin/env bash
# Real backing services on this machine, for tests and local clusters. Idempotent.
#
#   deploy/local/services.sh up   [--dcs N] [--bind ADDR] [SERVICE...]   start (default: every service)
#   deploy/local/services.sh down [SERVICE...]                           stop and remove their state
#   deploy/local/services.sh env  [SERVICE...]                           print KEY=VALUE lines for clients
#
# Each service lives in deploy/local/services/<name>.sh and defines <name>_up, <name>_down and
# <name>_env. State and logs go under $FLOTILLA_SERVICES_DIR (default ${TMPDIR:-/tmp}/flotilla-services),
# logs in its logs/ folder. `up` waits until each service answers and exits non-zero, naming the
# service and its log, if one does not.
set -euo pipefail
shopt -s nullglob
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export SERVICES_DIR=${FLOTILLA_SERVICES_DIR:-${TMPDIR:-/tmp}/flotilla-services}
export SERVICES_LOGS=$SERVICES_DIR/logs
KNOWN=()
for f in "$HERE"/services/*.sh; do
  # shellcheck source=/dev/null
  source "$f"
  KNOWN+=("$(basename "$f" .sh)")
done

die() { echo "services: $*" >&2; exit 1; }
say() { echo "services: $*" >&2; }

cmd=${1:-}; [[ $# -gt 0 ]] && shift
export SERVICES_DCS=1 SERVICES_BIND=127.0.0.1
chosen=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --dcs) SERVICES_DCS=$2; shift 2 ;;
    --bind) SERVICES_BIND=$2; shift 2 ;;
    -*) die "unknown option $1" ;;
    *) [[ " ${KNOWN[*]} " == *" $1 "* ]] || die "unknown service $1 (known: ${KNOWN[*]})"; chosen+=("$1"); shift ;;
  esac
done
[[ ${#chosen[@]} -gt 0 ]] || chosen=("${KNOWN[@]}")
mkdir -p "$SERVICES_LOGS"

case $cmd in
  up)
    for s in "${chosen[@]}"; do
      start=$(date +%s)
      "${s}_up" || die "$s did not come up; see $SERVICES_LOGS"
      say "$s up in $(( $(date +%s) - start ))s"
    done
    ;;
  down)
    for s in "${chosen[@]}"; do "${s}_down" || say "$s: stop reported an error"; done
    ;;
  env)
    for s in "${chosen[@]}"; do "${s}_env"; done
    ;;
  *)
    echo "usage: deploy/local/services.sh up|down|env [--dcs N] [--bind ADDR] [SERVICE...]" >&2
    exit 2
    ;;
esac
