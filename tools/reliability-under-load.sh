#!/usr/bin/env bash
# The reliability suite (*IT) with every core kept busy by stress-ng, as on a loaded CI runner or a
# laptop building something else: the suite's waits follow what it measures (start-up time, the collect
# period), so a slow machine must slow it down, not fail it.
#   tools/reliability-under-load.sh            # all ITs, one stress-ng CPU worker per core
#   tools/reliability-under-load.sh BacklogIT  # some of them (Failsafe's it.test pattern)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v stress-ng >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends stress-ng
fi

stress-ng --cpu "$(nproc)" --cpu-load 100 --timeout 0 --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null || true' EXIT
echo "stress-ng: $(nproc) CPU workers at 100% (pid $stress)"
./mvnw -B -ntp verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="${1:-*IT}"
