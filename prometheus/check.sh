#!/usr/bin/env bash
# Checks the Prometheus configuration, the alerting and recording rules, and runs the rules' unit
# tests. Needs promtool (Debian/Ubuntu: apt-get install prometheus). Exit status 0 when all pass.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v promtool >/dev/null || { echo "check.sh: promtool not found (apt-get install prometheus)" >&2; exit 2; }

shopt -s nullglob
rule_files=(rules/*.yml)
test_files=(tests/*.yml)
(( ${#rule_files[@]} > 0 )) || { echo "check.sh: no rules/*.yml" >&2; exit 1; }
(( ${#test_files[@]} > 0 )) || { echo "check.sh: no tests/*.yml" >&2; exit 1; }

echo "== promtool check config prometheus.yml"
promtool check config prometheus.yml

echo "== promtool check rules ${rule_files[*]}"
rules_out=$(promtool check rules "${rule_files[@]}")
echo "$rules_out"

echo "== promtool test rules ${test_files[*]}"
promtool test rules "${test_files[@]}"

rules=$(awk '/SUCCESS: [0-9]+ rules found/ {n += $2} END {print n + 0}' <<<"$rules_out")
alerts=$(cat "${rule_files[@]}" | grep -c '^ *- alert:' || true)
records=$(cat "${rule_files[@]}" | grep -c '^ *- record:' || true)
cases=$(cat "${test_files[@]}" | grep -cE '^ *- (alertname|expr):' || true)
echo "check.sh: OK - config valid; ${#rule_files[@]} rule files, ${rules} rules (${alerts} alerting, ${records} recording); ${#test_files[@]} test files, ${cases} test cases passed"
