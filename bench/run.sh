#!/usr/bin/env bash
# The benchmarks (docs/performance.md): bench/run.sh [--quick] [--profile]
# Needs a JDK; installs wrk (Debian package) if missing, builds the jar, then runs io.tagwatch.bench.Bench
# from the test classes, which prints "name value unit" per figure and rewrites docs/performance.md.
# sun.net.httpserver.nodelay: without it the fake X (the JDK's HttpServer) waits on delayed ACKs, 40 ms a page.
# --quick uses small sizes and short wrk runs (a few minutes), for reviews and CI; --profile records the
# ingest with Flight Recorder and puts its hot methods in the report.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk
fi

./mvnw -B -ntp -q package -DskipTests
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Xmx4g -Dsun.net.httpserver.nodelay=true -Dbench.commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.tagwatch.bench.Bench "$@"
