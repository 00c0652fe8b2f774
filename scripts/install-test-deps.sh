#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (scripts/debian-packages.txt), without
# letting their install scripts start any service: tests start their own servers in the
# foreground, inside network namespaces or on loopback. Runs as root, or through sudo.
# The machine's /usr/sbin/policy-rc.d is put back as it was when the script ends (or fails).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  exec sudo -- "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
POLICY=${PORTOLAN_POLICY_RC_D:-/usr/sbin/policy-rc.d}  # another path only for its test
SAVED=
if [ -e "$POLICY" ]; then
  SAVED=$(mktemp)
  cp -p "$POLICY" "$SAVED"
fi
restore() {
  if [ -n "$SAVED" ]; then cp -p "$SAVED" "$POLICY" && rm -f "$SAVED"; else rm -f "$POLICY"; fi
}
trap restore EXIT
printf '#!/bin/sh\n# scripts/install-test-deps.sh: no service starts while it installs\nexit 101\n' > "$POLICY"
chmod +x "$POLICY"
apt-get update -q
apt-get install -y -q --no-install-recommends $(grep -v '^#' scripts/debian-packages.txt)
