#!/usr/bin/env bash
# The whole test suite, as `./flotilla test` and CI run it: start the real services the backend tests use
# and install the real clients the tests drive, then build and run every module's tests, then refuse a
# run in which no test ran. The services stay up afterwards (`deploy/local/services.sh down` stops them).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:?run through ./flotilla test, which finds the JDK}"

START=$(date +%s)
stage() { echo "== [$(( $(date +%s) - START ))s] $*" >&2; }

# Debian packages the tests use, installed when missing (apt-get update runs once, only if needed).
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  stage "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2
}

# The real servers the backend contract tests need (deploy/local/services.sh), started in the background
# while the tools install; their output goes to a file, shown if they fail.
stage "services (in the background)"
SERVICES_OUT=$(mktemp)
deploy/local/services.sh up >"$SERVICES_OUT" 2>&1 &
SERVICES_PID=$!

stage "tools"
ensure_packages skopeo buildah

stage "waiting for services"
if ! wait "$SERVICES_PID"; then
  cat "$SERVICES_OUT" >&2
  echo "run-all: the services did not come up (see above)" >&2
  exit 1
fi
grep ' up in ' "$SERVICES_OUT" >&2 || true

stage "build and test (mvn verify)"
mvn -B -ntp verify "$@"

stage "counting tests"
python3 - <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = failures = skipped = 0
for f in glob.glob("*/target/surefire-reports/TEST-*.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests", 0)); skipped += int(r.get("skipped", 0))
    failures += int(r.get("failures", 0)) + int(r.get("errors", 0))
print(f"tests run: {tests}, failed: {failures}, skipped: {skipped}", file=sys.stderr)
if tests == 0 or failures:
    sys.exit("no tests ran" if tests == 0 else "tests failed")
PY
stage "done"
