#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (scripts/debian-packages.txt), without
# letting their install scripts start any service: tests start their own servers in the
# foreground, inside network namespaces or on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
fi
apt-get update -q
apt-get install -y -q --no-install-recommends $(grep -v '^#' scripts/debian-packages.txt)
