#!/usr/bin/env bash
# Checks the Prometheus configuration and the alerting and recording rules, that TagwatchCollectorStalled
# follows the collection period, that every runbook_url resolves to a file in docs/runbooks/, and runs
# the rules' unit tests. Needs promtool (Debian/Ubuntu: apt-get install prometheus). Exit status 0 when
# all pass.
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
grep -qE '\* (max by \([a-z, ]*\) \()?tagwatch_collect_period_seconds' <<<"$stalled" \
  || { echo "check.sh: TagwatchCollectorStalled does not derive its threshold from tagwatch_collect_period_seconds" >&2; exit 1; }
periods=$(grep -h -A1 "series: 'tagwatch_collect_period_seconds" "${test_files[@]}" | sed -n "s/.*values: '\([0-9.]*\).*/\1/p" | sort -u)
(( $(wc -l <<<"$periods") >= 2 )) \
  || { echo "check.sh: the tests try TagwatchCollectorStalled with fewer than two collection periods" >&2; exit 1; }
echo "periods tested (s): $(paste -sd " " <<<"$periods")"

# Each alert's runbook_url is <runbook_base>/<file>, falling back to docs/runbooks when the operator has not
# set runbook_base; the file must exist there. (The unit tests check what the template renders to.)
echo "== every runbook_url resolves to a file in docs/runbooks/"
base='{{ or $externalLabels.runbook_base "docs/runbooks" }}/'
runbooks=0
for f in "${rule_files[@]}"; do
  while IFS=$'\t' read -r alert url; do
    url=${url#\'}; url=${url%\'}
    if [[ $url != "$base"* ]]; then
      echo "check.sh: $f: $alert: runbook_url is not ${base}<file>: ${url:-none}" >&2; exit 1
    fi
    [[ -f ../docs/runbooks/${url#"$base"} ]] \
      || { echo "check.sh: $f: $alert: no docs/runbooks/${url#"$base"}" >&2; exit 1; }
    runbooks=$((runbooks + 1))
  done < <(awk '
    function flush() { if (alert != "") print alert "\t" url }
    /^ *- (alert|record):/ { flush(); alert = ($2 == "alert:") ? $3 : ""; url = ""; next }
    /^ *runbook_url:/ { url = $0; sub(/^ *runbook_url: */, "", url) }
    END { flush() }' "$f")
done
echo "$runbooks alerts, each with its runbook"
while read -r url; do
  [[ $url != docs/runbooks/* || -f ../$url ]] || { echo "check.sh: a test expects $url, which does not exist" >&2; exit 1; }
done < <(sed -n 's/^ *runbook_url: *//p' "${test_files[@]}")

echo "== promtool test rules ${test_files[*]}"
promtool test rules "${test_files[@]}"

rules=$(awk '/SUCCESS: [0-9]+ rules found/ {n += $2} END {print n + 0}' <<<"$rules_out")
alerts=$(cat "${rule_files[@]}" | grep -c '^ *- alert:' || true)
records=$(cat "${rule_files[@]}" | grep -c '^ *- record:' || true)
cases=$(cat "${test_files[@]}" | grep -cE '^ *- (alertname|expr):' || true)
echo "check.sh: OK - config valid; ${#rule_files[@]} rule files, ${rules} rules (${alerts} alerting, ${records} recording); ${#test_files[@]} test files, ${cases} test cases passed"
