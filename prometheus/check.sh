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

# The stalled threshold is a number of collection periods, read from the app: no fixed seconds, and the
# unit tests try it with at least two different periods.
echo "== TagwatchCollectorStalled follows tagwatch_collect_period_seconds"
stalled=$(awk '/- alert: TagwatchCollectorStalled/ {on = 1; next} on && /- alert:/ {on = 0} on' rules/tagwatch-collector.yml)
grep -q '\* tagwatch_collect_period_seconds' <<<"$stalled" \
  || { echo "check.sh: TagwatchCollectorStalled does not derive its threshold from tagwatch_collect_period_seconds" >&2; exit 1; }
periods=$(grep -h -A1 "series: 'tagwatch_collect_period_seconds" "${test_files[@]}" | sed -n "s/.*values: '\([0-9.]*\).*/\1/p" | sort -u)
(( $(wc -l <<<"$periods") >= 2 )) \
  || { echo "check.sh: the tests try TagwatchCollectorStalled with fewer than two collection periods" >&2; exit 1; }
echo "periods tested: $(echo $periods) s"

echo "== promtool test rules ${test_files[*]}"
promtool test rules "${test_files[@]}"

rules=$(awk '/SUCCESS: [0-9]+ rules found/ {n += $2} END {print n + 0}' <<<"$rules_out")
alerts=$(cat "${rule_files[@]}" | grep -c '^ *- alert:' || true)
records=$(cat "${rule_files[@]}" | grep -c '^ *- record:' || true)
cases=$(cat "${test_files[@]}" | grep -cE '^ *- (alertname|expr):' || true)
echo "check.sh: OK - config valid; ${#rule_files[@]} rule files, ${rules} rules (${alerts} alerting, ${records} recording); ${#test_files[@]} test files, ${cases} test cases passed"
