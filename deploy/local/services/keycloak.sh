# shellcheck shell=bash
# Keycloak 26.4.5 as a real OpenID Connect provider for tests and local clusters, sourced by
# deploy/local/services.sh, which calls keycloak_up, keycloak_down and keycloak_env.
#
# The distribution is org.keycloak:keycloak-quarkus-dist:zip from Maven Central: Maven fetches it into ~/.m2
# once, it is unzipped into $SERVICES_DIR/cache once, and each fresh state starts from a copy of that. It
# runs in dev mode (`start-dev`, an embedded H2 file database, plain HTTP) on JDK 21+
# (FLOTILLA_KEYCLOAK_JAVA_HOME, default Temurin 25), listening on $SERVICES_BIND (127.0.0.1):
#   FLOTILLA_KEYCLOAK_PORT=8180 (HTTP)   FLOTILLA_KEYCLOAK_MANAGEMENT_PORT=9180 (health, metrics)
# Its heap is capped (FLOTILLA_KEYCLOAK_HEAP, default 256m; Keycloak's own default is 70% of the machine's RAM)
# and it runs with the C1 compiler only (FLOTILLA_KEYCLOAK_JAVA_OPTS replaces that): measured here, that took
# 25-40% less CPU to start and about 100 MB less memory (about 0.36-0.4 GB resident), and a test IdP needs no C2.
#
# The realm "flotilla" is imported at the first start from keycloak-realm.json beside this file: the client
# "flotilla" (confidential, authorization code only, PKCE S256 required; its redirect URIs
# http://127.0.0.1/* and http://localhost/* admit any port, as Keycloak ignores the port of loopback
# redirects, RFC 8252 section 7.3), a "groups" client scope putting plain group names in the tokens' "groups"
# claim, and test users dave (group devs), erin (ops) and frank (no group). The realm lists its client scopes
# (basic, profile, email, groups), and a realm that does gets none of Keycloak's built-in ones. A second client, "flotilla-other" (password
# grant), issues real ID tokens meant for another audience. The secrets and passwords below are test-only
# and must match the JSON.
#
# State: $SERVICES_DIR/keycloak (the unzipped server, its H2 database, pid); log: $SERVICES_LOGS/keycloak.log.
# `up` on a running server only checks it answers; after the process died it restarts it on that state.
# `down` kills it and removes the state; the cached server stays.

KEYCLOAK_VERSION=26.4.5
KEYCLOAK_JAVA_HOME=${FLOTILLA_KEYCLOAK_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
KEYCLOAK_HEAP=${FLOTILLA_KEYCLOAK_HEAP:-256m}
KEYCLOAK_JAVA_OPTS=${FLOTILLA_KEYCLOAK_JAVA_OPTS:--XX:TieredStopAtLevel=1}
KEYCLOAK_START_TIMEOUT=${FLOTILLA_KEYCLOAK_START_TIMEOUT:-240}
KEYCLOAK_REALM_FILE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/keycloak-realm.json
KEYCLOAK_REALM=flotilla
KEYCLOAK_CLIENT_ID=flotilla
KEYCLOAK_CLIENT_SECRET=flotilla-test-client-secret
KEYCLOAK_OTHER_CLIENT_ID=flotilla-other
KEYCLOAK_OTHER_CLIENT_SECRET=flotilla-other-test-secret
KEYCLOAK_TEST_USERS=(dave:dave-test-password erin:erin-test-password frank:frank-test-password)

_kc_home() { echo "$SERVICES_DIR/keycloak"; }
_kc_cache() { echo "$SERVICES_DIR/cache/keycloak-$KEYCLOAK_VERSION"; }
_kc_port() { echo "${FLOTILLA_KEYCLOAK_PORT:-8180}"; }
_kc_management_port() { echo "${FLOTILLA_KEYCLOAK_MANAGEMENT_PORT:-9180}"; }

# The address of the running server (kept in its state, so `env` describes what runs), else --bind's.
_kc_addr() {
  local saved
  saved="$(_kc_home)/bind"
  if [[ -s $saved ]]; then cat "$saved"; else echo "${SERVICES_BIND:-127.0.0.1}"; fi
}

_kc_issuer() { echo "http://$(_kc_addr):$(_kc_port)/realms/$KEYCLOAK_REALM"; }

# True when the realm's discovery document is served: the server is up and the import is done.
_kc_answers() {
  curl -sf -o /dev/null --max-time 3 "$(_kc_issuer)/.well-known/openid-configuration"
}

# The pid in the state's pid file, if that process is alive and runs this state's server (not a reused pid).
# It leads its own process group: kc.sh, and the java it starts (or execs, after a re-augmentation).
_kc_pid() {
  local home pid
  home=$(_kc_home)
  [[ -s $home/pid ]] || return 1
  pid=$(<"$home/pid")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$home/dist" || return 1
  echo "$pid"
}

_kc_port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }

# Unzips the distribution from Maven Central (fetched through ~/.m2) into the cache once.
_kc_fetch() {
  local cache tmp
  cache=$(_kc_cache)
  [[ -x $cache/bin/kc.sh ]] && return 0
  echo "services: keycloak: fetching keycloak-quarkus-dist $KEYCLOAK_VERSION (160 MB) with Maven" >&2
  mkdir -p "$(dirname "$cache")"
  tmp=$(mktemp -d "$cache.tmp.XXXXXX")
  # From a folder without a pom.xml, so that Maven runs the goal once, not for every module of a project.
  if ! (cd "$tmp" && mvn -B -q -ntp dependency:copy \
      "-Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$tmp") \
      >"$SERVICES_LOGS/keycloak-fetch.log" 2>&1; then
    echo "keycloak: fetching the distribution failed; see $SERVICES_LOGS/keycloak-fetch.log" >&2
    rm -rf "$tmp"
    return 1
  fi
  local zip=$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
  if command -v unzip >/dev/null; then
    unzip -q "$zip" -d "$tmp"
  else
    (cd "$tmp" && "$KEYCLOAK_JAVA_HOME/bin/jar" xf "$zip") && chmod +x "$tmp/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
  fi || { echo "keycloak: unzipping $zip failed" >&2; rm -rf "$tmp"; return 1; }
  rm -rf "$cache"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$cache"
  rm -rf "$tmp"
}

# Copies the cached server into the state folder and puts the realm where --import-realm reads it.
_kc_install() {
  local home=$1
  rm -rf "$home/dist" "$home/dist.tmp"
  mkdir -p "$home/dist.tmp"
  (cd "$(_kc_cache)" && tar --exclude=./data -cf - .) | (cd "$home/dist.tmp" && tar -xf -) || return 1
  mv "$home/dist.tmp" "$home/dist"
  mkdir -p "$home/dist/data/import"
  cp "$KEYCLOAK_REALM_FILE" "$home/dist/data/import/$KEYCLOAK_REALM-realm.json"
}

# The first start-dev of a distribution spends 10-25 s on Quarkus's augmentation (it writes lib/quarkus). Once
# a server has started, its augmented copy (without data) replaces the cached one, so later fresh states skip
# that step. The copy goes next to the cache and is then moved into place, so a reader never sees half of it.
_kc_keep_augmented() {
  local home=$1 cache tmp
  cache=$(_kc_cache)
  [[ -f $cache/.augmented ]] && return 0
  tmp="$cache.aug.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if (cd "$home/dist" && tar --exclude=./data -cf - .) | (cd "$tmp" && tar -xf -); then
    touch "$tmp/.augmented"
    rm -rf "$cache"
    mv "$tmp" "$cache"
  else
    rm -rf "$tmp"
  fi
}

_kc_launch() {
  local home=$1 addr=$2
  local log=$SERVICES_LOGS/keycloak.log
  rm -f "$home/pid"
  echo "=== $(date -u +%FT%TZ) starting keycloak on $addr:$(_kc_port)" >>"$log"
  # In its own session and process group, so that a Ctrl-C where it was started does not stop it and `down`
  # can stop kc.sh and its java together. The pid is written by the process that then becomes kc.sh.
  # kc.sh adds JAVA_OPTS_APPEND to its own options (which cap the metaspace) and the heap options.
  # shellcheck disable=SC2016
  JAVA_HOME=$KEYCLOAK_JAVA_HOME JAVA_OPTS_KC_HEAP="-Xms64m -Xmx$KEYCLOAK_HEAP" JAVA_OPTS_APPEND=$KEYCLOAK_JAVA_OPTS \
    setsid bash -c 'echo $$ >"$1/pid" && shift && exec "$@"' keycloak "$home" \
    "$home/dist/bin/kc.sh" start-dev --http-host="$addr" --http-port="$(_kc_port)" \
    --http-management-port="$(_kc_management_port)" --db=dev-file --import-realm \
    </dev/null >>"$log" 2>&1 &
  local i
  for ((i = 0; i < 50; i++)); do [[ -s $home/pid ]] && return 0; sleep 0.1; done
  echo "keycloak: did not start; see $log" >&2
  return 1
}

_kc_wait() {
  local log=$SERVICES_LOGS/keycloak.log
  local deadline=$((SECONDS + KEYCLOAK_START_TIMEOUT))
  until _kc_answers; do
    if ! _kc_pid >/dev/null; then
      echo "keycloak: exited during startup; see $log:" >&2
      grep -E 'ERROR|FATAL|Exception' "$log" | tail -5 >&2 || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "keycloak: $(_kc_issuer) did not answer within ${KEYCLOAK_START_TIMEOUT}s; see $log" >&2
      return 1
    fi
    sleep 0.5
  done
}

keycloak_up() {
  local home addr port
  home=$(_kc_home)
  addr=$(_kc_addr)
  [[ -x $KEYCLOAK_JAVA_HOME/bin/java ]] \
    || { echo "keycloak: needs JDK 21+ at $KEYCLOAK_JAVA_HOME (set FLOTILLA_KEYCLOAK_JAVA_HOME)" >&2; return 1; }
  if [[ -s $home/bind && $addr != "${SERVICES_BIND:-127.0.0.1}" ]]; then
    echo "keycloak: the state in $home listens on $addr; run 'deploy/local/services.sh down keycloak' first" >&2
    return 1
  fi
  if _kc_pid >/dev/null; then
    _kc_wait
    return
  fi
  for port in "$(_kc_port)" "$(_kc_management_port)"; do
    _kc_port_free "$port" || { echo "keycloak: port $port is taken by another process" >&2; return 1; }
  done
  _kc_fetch || return 1
  mkdir -p "$home"
  if [[ ! -x $home/dist/bin/kc.sh ]]; then
    _kc_install "$home" || { echo "keycloak: copying the server from $(_kc_cache) failed" >&2; return 1; }
  fi
  echo "$addr" >"$home/bind"
  echo "services: keycloak: starting on $addr:$(_kc_port) (management $(_kc_management_port))" >&2
  _kc_launch "$home" "$addr" || return 1
  _kc_wait || return 1
  _kc_keep_augmented "$home"
}

keycloak_down() {
  local home pid
  home=$(_kc_home)
  [[ -d $home ]] || return 0
  if pid=$(_kc_pid); then
    # The state is removed next, so a clean shutdown buys nothing; kill the whole group and wait for it.
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do pgrep -g "$pid" >/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$home"
}

keycloak_env() {
  local pair user
  echo "FLOTILLA_OIDC_ISSUER=$(_kc_issuer)"
  echo "FLOTILLA_OIDC_CLIENT_ID=$KEYCLOAK_CLIENT_ID"
  echo "FLOTILLA_OIDC_CLIENT_SECRET=$KEYCLOAK_CLIENT_SECRET"
  echo "FLOTILLA_OIDC_TEST_OTHER_CLIENT_ID=$KEYCLOAK_OTHER_CLIENT_ID"
  echo "FLOTILLA_OIDC_TEST_OTHER_CLIENT_SECRET=$KEYCLOAK_OTHER_CLIENT_SECRET"
  for pair in "${KEYCLOAK_TEST_USERS[@]}"; do
    user=${pair%%:*}
    echo "FLOTILLA_OIDC_TEST_PASSWORD_${user^^}=${pair#*:}"
  done
}
