# shellcheck shell=bash
# OpenLDAP (Debian's slapd) for the LDAP login tests, sourced by deploy/local/services.sh, which calls
# ldap_up, ldap_down and ldap_env; nothing here runs at source time.
#
# slapd and ldap-utils are installed if missing (preseeded so that the package configures no server of its
# own). The server is throwaway: a cn=config tree written by slapadd (modules back_mdb, memberof, refint),
# one mdb database for dc=flotilla,dc=test, and a seed loaded with ldapadd while slapd runs (slapadd would
# skip the memberOf overlay, so users would have no memberOf).
#
# It listens on ldap://$SERVICES_BIND:PORT/ (127.0.0.1 by default) and offers StartTLS with a self-signed
# certificate for that address (FLOTILLA_LDAP_CA_CERT). PORT is FLOTILLA_LDAP_PORT if set, else 3890 if
# free, else the next free port up to 3999; a running server keeps its address, and `env` prints that one.
#
# The seed, every password fixed and for tests only:
#   ou=services  cn=flotilla-reader      the read-only account clients search with (FLOTILLA_LDAP_BIND_*)
#   ou=people    alice (devs), bob (ops), carol (no group, no mail, no displayName), zoë (devs and ops:
#                a non-ASCII uid), and two entries that share uid=twin (a login that must be refused)
#   ou=groups    groupOfNames devs and ops; the memberOf overlay writes memberOf on their members
# Anonymous clients see nothing; users can bind and read their own entry; only the reader can search.
#
# State: $SERVICES_DIR/ldap (slapd.d, data, tls, pid); logs: $SERVICES_LOGS/ldap.log (slapd's stats) and
# ldap-setup.log. `up` on a running, seeded server returns at once; a server that died is built afresh
# (the seed is all it holds). `down` kills slapd and removes the state.

_ldap_vars() {
  LDAP_HOME=$SERVICES_DIR/ldap
  LDAP_ADDRESS_FILE=$LDAP_HOME/address
  LDAP_READY=$LDAP_HOME/seeded
  LDAP_SUFFIX=dc=flotilla,dc=test
  LDAP_ADMIN_DN=cn=admin,$LDAP_SUFFIX
  LDAP_READER_DN=cn=flotilla-reader,ou=services,$LDAP_SUFFIX
  # Fixed, test-only secrets (the server is throwaway and listens on loopback by default). ASCII only:
  # a JVM started without a UTF-8 locale reads non-ASCII environment values as '?'.
  LDAP_ADMIN_PASSWORD=flotilla-admin-secret
  LDAP_READER_PASSWORD=flotilla-reader-secret
  LDAP_ALICE_PASSWORD=alice-secret-1
  LDAP_BOB_PASSWORD=bob-secret-2
  LDAP_CAROL_PASSWORD=carol-secret-3
  LDAP_ZOE_PASSWORD=zoe-secret-4
  LDAP_TWIN_PASSWORD=twin-secret-5
  LDAP_SLAPD=$(command -v slapd || echo /usr/sbin/slapd)
  LDAP_SLAPADD=$(command -v slapadd || echo /usr/sbin/slapadd)
  LDAP_SLAPPASSWD=$(command -v slappasswd || echo /usr/sbin/slappasswd)
  LDAP_HOST=${SERVICES_BIND:-127.0.0.1}
  LDAP_PORT=
  # A running server keeps the address it was started on.
  if [[ -s $LDAP_ADDRESS_FILE ]]; then read -r LDAP_HOST LDAP_PORT <"$LDAP_ADDRESS_FILE"; fi
}

_ldap_fail() { echo "ldap: $*" >&2; return 1; }

_ldap_install() {
  if [[ -x $LDAP_SLAPD && -x $LDAP_SLAPADD && -x $LDAP_SLAPPASSWD ]] && command -v ldapadd >/dev/null \
      && command -v ldapwhoami >/dev/null; then
    return 0
  fi
  echo "ldap: installing Debian's slapd and ldap-utils (a few seconds)" >&2
  local log=$SERVICES_LOGS/ldap-apt.log
  # Without this the package would ask for a domain and set up a system-wide server of its own.
  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 slapd ldap-utils >"$log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update >>"$log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 slapd ldap-utils >>"$log" 2>&1 \
      || _ldap_fail "apt-get install slapd ldap-utils failed; see $log" || return 1
  fi
  _ldap_vars
}

# The pid of our slapd, if it is alive and serves our slapd.d (a reused pid is not mistaken for it).
_ldap_pid() {
  local pid
  [[ -s $LDAP_HOME/slapd.pid ]] || return 1
  pid=$(<"$LDAP_HOME/slapd.pid")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$LDAP_HOME/slapd.d" || return 1
  echo "$pid"
}

_ldap_port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }

# FLOTILLA_LDAP_PORT if set (and free), else 3890 or the next free port.
_ldap_choose_port() {
  local port
  if [[ -n ${FLOTILLA_LDAP_PORT:-} ]]; then
    [[ $FLOTILLA_LDAP_PORT =~ ^[0-9]+$ ]] || _ldap_fail "FLOTILLA_LDAP_PORT must be a port number" || return 1
    _ldap_port_free "$FLOTILLA_LDAP_PORT" \
      || _ldap_fail "port $FLOTILLA_LDAP_PORT (FLOTILLA_LDAP_PORT) is taken by another process" || return 1
    echo "$FLOTILLA_LDAP_PORT"
    return 0
  fi
  for ((port = 3890; port <= 3999; port++)); do
    _ldap_port_free "$port" && { echo "$port"; return 0; }
  done
  _ldap_fail "no free port in 3890-3999; set FLOTILLA_LDAP_PORT"
}

_ldap_url() { echo "ldap://$LDAP_HOST:$LDAP_PORT"; }

# True when the reader can bind: slapd answers and the seed is in (the reader is part of it).
_ldap_answers() {
  timeout 5 ldapwhoami -x -o nettimeout=3 -H "$(_ldap_url)" -D "$LDAP_READER_DN" -w "$LDAP_READER_PASSWORD" \
    >/dev/null 2>&1
}

_ldap_hash() { "$LDAP_SLAPPASSWD" -h '{SSHA}' -s "$1"; }

# An LDIF line "attr: value", base64-encoded ("attr:: ...") as RFC 2849 asks for non-ASCII values.
_ldap_attr() {
  if LC_ALL=C grep -q '[^ -~]' <<<"$2"; then
    printf '%s:: %s\n' "$1" "$(printf '%s' "$2" | base64 -w0)"
  else
    printf '%s: %s\n' "$1" "$2"
  fi
}

# A self-signed certificate for the address slapd listens on, so that clients can test StartTLS.
_ldap_write_tls() {
  local san="IP:$LDAP_HOST"
  [[ $LDAP_HOST =~ ^[0-9.]+$ ]] || san="DNS:$LDAP_HOST"
  mkdir -p "$LDAP_HOME/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=flotilla-test-ldap" -addext "subjectAltName=$san,DNS:localhost" \
    -keyout "$LDAP_HOME/tls/server.key" -out "$LDAP_HOME/tls/server.crt" >>"$SERVICES_LOGS/ldap-setup.log" 2>&1
}

_ldap_config_ldif() {
  cat <<EOF
dn: cn=config
objectClass: olcGlobal
cn: config
olcTLSCertificateFile: $LDAP_HOME/tls/server.crt
olcTLSCertificateKeyFile: $LDAP_HOME/tls/server.key

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb
olcModuleLoad: memberof
olcModuleLoad: refint

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: 500

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: $LDAP_SUFFIX
olcRootDN: $LDAP_ADMIN_DN
olcRootPW: $(_ldap_hash "$LDAP_ADMIN_PASSWORD")
olcDbDirectory: $LDAP_HOME/data
olcDbMaxSize: 67108864
olcDbIndex: objectClass eq
olcDbIndex: uid eq
olcDbIndex: member eq
olcAccess: {0}to attrs=userPassword by anonymous auth by * none
olcAccess: {1}to * by dn.exact="$LDAP_READER_DN" read by self read by * none

dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcMemberOf
olcOverlay: {0}memberof
olcMemberOfRefInt: TRUE
olcMemberOfGroupOC: groupOfNames
olcMemberOfMemberAD: member
olcMemberOfMemberOfAD: memberOf

dn: olcOverlay={1}refint,olcDatabase={1}mdb,cn=config
objectClass: olcOverlayConfig
objectClass: olcRefintConfig
olcOverlay: {1}refint
olcRefintAttribute: memberof
olcRefintAttribute: member
EOF
}

# One inetOrgPerson: RDN, uid, cn, sn, password, then optional mail and displayName.
_ldap_person() {
  local rdn=$1 uid=$2 cn=$3 sn=$4 password=$5 mail=${6:-} display=${7:-}
  _ldap_attr dn "$rdn,ou=people,$LDAP_SUFFIX"
  echo "objectClass: inetOrgPerson"
  _ldap_attr uid "$uid"
  _ldap_attr cn "$cn"
  _ldap_attr sn "$sn"
  [[ -z $mail ]] || _ldap_attr mail "$mail"
  [[ -z $display ]] || _ldap_attr displayName "$display"
  echo "userPassword: $(_ldap_hash "$password")"
  echo
}

# Users come before the groups: the memberOf overlay writes memberOf on members when a group is added.
_ldap_seed_ldif() {
  local people=ou=people,$LDAP_SUFFIX
  cat <<EOF
dn: $LDAP_SUFFIX
objectClass: dcObject
objectClass: organization
dc: flotilla
o: Flotilla tests

dn: ou=people,$LDAP_SUFFIX
objectClass: organizationalUnit
ou: people

dn: ou=groups,$LDAP_SUFFIX
objectClass: organizationalUnit
ou: groups

dn: ou=services,$LDAP_SUFFIX
objectClass: organizationalUnit
ou: services

dn: $LDAP_READER_DN
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: flotilla-reader
description: read-only account that Flotilla searches users and groups with
userPassword: $(_ldap_hash "$LDAP_READER_PASSWORD")

EOF
  _ldap_person uid=alice alice "Alice Archer" Archer "$LDAP_ALICE_PASSWORD" alice@flotilla.test "Alice Archer"
  _ldap_person uid=bob bob "Bob Baker" Baker "$LDAP_BOB_PASSWORD" bob@flotilla.test "Bob B."
  _ldap_person uid=carol carol "Carol Chen" Chen "$LDAP_CAROL_PASSWORD"
  _ldap_person uid=zoë zoë "Zoë Ærø" Ærø "$LDAP_ZOE_PASSWORD" zoe@flotilla.test "Zoë Ærø"
  _ldap_person "cn=Twin One" twin "Twin One" One "$LDAP_TWIN_PASSWORD"
  _ldap_person "cn=Twin Two" twin "Twin Two" Two "$LDAP_TWIN_PASSWORD"
  echo "dn: cn=devs,ou=groups,$LDAP_SUFFIX"
  echo "objectClass: groupOfNames"
  echo "cn: devs"
  _ldap_attr member "uid=alice,$people"
  _ldap_attr member "uid=zoë,$people"
  echo
  echo "dn: cn=ops,ou=groups,$LDAP_SUFFIX"
  echo "objectClass: groupOfNames"
  echo "cn: ops"
  _ldap_attr member "uid=bob,$people"
  _ldap_attr member "uid=zoë,$people"
}

# Starts slapd in the foreground of its own session (-d keeps it from forking, and sends its stats log
# to ldap.log); the pid is written by the process that then becomes slapd.
_ldap_launch() {
  local log=$SERVICES_LOGS/ldap.log
  echo "=== $(date -u +%FT%TZ) starting slapd on $(_ldap_url)" >>"$log"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$1/slapd.pid" && shift && exec "$@"' slapd "$LDAP_HOME" \
    "$LDAP_SLAPD" -d stats -F "$LDAP_HOME/slapd.d" -h "$(_ldap_url)/" </dev/null >>"$log" 2>&1 &
  local i
  for ((i = 0; i < 100; i++)); do
    if timeout 2 ldapwhoami -x -o nettimeout=1 -H "$(_ldap_url)" >/dev/null 2>&1; then return 0; fi
    _ldap_pid >/dev/null || [[ ! -s $LDAP_HOME/slapd.pid ]] || break
    sleep 0.1
  done
  _ldap_fail "slapd does not answer on $(_ldap_url); see $log"
}

# Builds the server from nothing and seeds it; leaves slapd running.
_ldap_create() {
  local setup=$SERVICES_LOGS/ldap-setup.log
  rm -rf "$LDAP_HOME"
  mkdir -p "$LDAP_HOME/slapd.d" "$LDAP_HOME/data" || return 1
  LDAP_HOST=${SERVICES_BIND:-127.0.0.1}
  LDAP_PORT=$(_ldap_choose_port) || return 1
  : >"$setup"
  _ldap_write_tls || _ldap_fail "openssl could not make a certificate; see $setup" || return 1
  _ldap_config_ldif >"$LDAP_HOME/config.ldif" || return 1
  "$LDAP_SLAPADD" -n0 -F "$LDAP_HOME/slapd.d" -l "$LDAP_HOME/config.ldif" >>"$setup" 2>&1 \
    || _ldap_fail "slapadd of the cn=config tree failed; see $setup" || return 1
  echo "$LDAP_HOST $LDAP_PORT" >"$LDAP_ADDRESS_FILE"
  _ldap_launch || return 1
  _ldap_seed_ldif >"$LDAP_HOME/seed.ldif" || return 1
  timeout 30 ldapadd -x -o nettimeout=5 -H "$(_ldap_url)" -D "$LDAP_ADMIN_DN" -w "$LDAP_ADMIN_PASSWORD" \
    -f "$LDAP_HOME/seed.ldif" >>"$setup" 2>&1 || _ldap_fail "loading the seed failed; see $setup" || return 1
  _ldap_answers || _ldap_fail "the reader account cannot bind after seeding; see $setup" || return 1
  touch "$LDAP_READY"
}

_ldap_stop() {
  local pid i
  pid=$(_ldap_pid) || return 0
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do [[ -d /proc/$pid ]] || return 0; sleep 0.1; done
  _ldap_fail "slapd ($pid) did not exit"
}

ldap_up() {
  _ldap_vars
  if [[ -f $LDAP_READY ]] && _ldap_pid >/dev/null; then
    if [[ -n ${FLOTILLA_LDAP_PORT:-} && $FLOTILLA_LDAP_PORT != "$LDAP_PORT" ]] \
        || [[ $LDAP_HOST != "${SERVICES_BIND:-127.0.0.1}" ]]; then
      _ldap_fail "running on $(_ldap_url), not where asked; run 'deploy/local/services.sh down ldap' first"
      return 1
    fi
    _ldap_answers && return 0
  fi
  _ldap_install || return 1
  _ldap_stop || return 1
  _ldap_create
}

ldap_down() {
  _ldap_vars
  [[ -d $LDAP_HOME ]] || return 0
  _ldap_stop || return 1
  rm -rf "$LDAP_HOME"
}

ldap_env() {
  _ldap_vars
  [[ -n $LDAP_PORT ]] || LDAP_PORT=${FLOTILLA_LDAP_PORT:-3890}
  cat <<EOF
FLOTILLA_LDAP_URL=$(_ldap_url)
FLOTILLA_LDAP_BASE_DN=$LDAP_SUFFIX
FLOTILLA_LDAP_USER_BASE_DN=ou=people,$LDAP_SUFFIX
FLOTILLA_LDAP_GROUP_BASE_DN=ou=groups,$LDAP_SUFFIX
FLOTILLA_LDAP_BIND_DN=$LDAP_READER_DN
FLOTILLA_LDAP_BIND_PASSWORD=$LDAP_READER_PASSWORD
FLOTILLA_LDAP_CA_CERT=$LDAP_HOME/tls/server.crt
FLOTILLA_LDAP_SEED_PASSWORD_ALICE=$LDAP_ALICE_PASSWORD
FLOTILLA_LDAP_SEED_PASSWORD_BOB=$LDAP_BOB_PASSWORD
FLOTILLA_LDAP_SEED_PASSWORD_CAROL=$LDAP_CAROL_PASSWORD
FLOTILLA_LDAP_SEED_PASSWORD_ZOE=$LDAP_ZOE_PASSWORD
FLOTILLA_LDAP_SEED_PASSWORD_TWIN=$LDAP_TWIN_PASSWORD
EOF
}
