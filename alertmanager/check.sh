#!/usr/bin/env bash
# Checks the Alertmanager configuration, and the operator's copy (compose/alertmanager.yml) when there is
# one. Needs amtool and alertmanager (Debian/Ubuntu: apt-get install prometheus-alertmanager), python3.
#
#  1. amtool check-config
#  2. routing: every alert of prometheus/rules/ reaches the receiver named after its severity, and the
#     cases of routes-tests.txt pass (amtool config routes test)
#  3. inhibition: amtool cannot test it, so the alerts below are posted to a real Alertmanager on
#     loopback with that configuration, which must report exactly the expected ones as inhibited
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v amtool >/dev/null || { echo "check.sh: amtool not found (apt-get install prometheus-alertmanager)" >&2; exit 2; }
alertmanager=$(command -v prometheus-alertmanager || command -v alertmanager) \
  || { echo "check.sh: alertmanager not found (apt-get install prometheus-alertmanager)" >&2; exit 2; }

configs=(alertmanager.yml)
[[ -f ../compose/alertmanager.yml ]] && configs+=(../compose/alertmanager.yml)

# alertname and severity of every alerting rule
rule_alerts=$(awk '/^ *- alert:/ {name = $3} name && /^ *severity:/ {print name, $2; name = ""}' ../prometheus/rules/*.yml)

# Alerts fired together, and which of them must be inhibited (labels as amtool prints them, sorted).
fired=(
  'alertname=TagwatchErrorBudgetBurnFast severity=page slo=api-availability'
  'alertname=TagwatchErrorBudgetBurnSlow severity=ticket slo=api-availability'
  'alertname=TagwatchLatencyBudgetBurn severity=page slo=api-latency'
  'alertname=TagwatchLatencyBudgetBurn severity=ticket slo=api-latency'
  'alertname=TagwatchTargetDown severity=page job=tagwatch instance=app:8000'
  'alertname=TagwatchCollectorStalled severity=ticket job=tagwatch instance=app:8000 source=x tag=devops'
  'alertname=TagwatchUpstreamUnauthorized severity=ticket job=tagwatch instance=app:8000 source=mastodon'
)
expected_inhibited='alertname="TagwatchErrorBudgetBurnSlow" severity="ticket" slo="api-availability"
alertname="TagwatchLatencyBudgetBurn" severity="ticket" slo="api-latency"'

for config in "${configs[@]}"; do
  echo "== $config"
  amtool check-config "$config"

  routes=0
  while read -r name severity; do
    amtool config routes test --config.file="$config" --verify.receivers="$severity" \
      "alertname=$name" "severity=$severity" >/dev/null 2>&1 \
      || { echo "check.sh: $config: $name (severity $severity) does not reach receiver $severity" >&2; exit 1; }
    routes=$((routes + 1))
  done <<<"$rule_alerts"
  while read -r receiver labels; do
    [[ -z $receiver || $receiver == \#* ]] && continue
    labels=${labels%%#*}
    # shellcheck disable=SC2086 # one argument per label
    amtool config routes test --config.file="$config" --verify.receivers="$receiver" $labels >/dev/null 2>&1 \
      || { echo "check.sh: $config: {$labels} does not reach receiver $receiver" >&2; exit 1; }
    routes=$((routes + 1))
  done < routes-tests.txt
  echo "routing: $routes cases"

  data=$(mktemp -d)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$alertmanager" --config.file="$config" --storage.path="$data" --web.listen-address="127.0.0.1:$port" \
    --cluster.listen-address= >"$data/log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT
  url="--alertmanager.url=http://127.0.0.1:$port"
  for _ in $(seq 50); do amtool "$url" config show >/dev/null 2>&1 && break; sleep 0.2; done
  for alert in "${fired[@]}"; do
    # shellcheck disable=SC2086 # one argument per label
    amtool "$url" alert add $alert
  done
  inhibited=$(amtool "$url" alert query --inhibited -o extended | tail -n +2 | sed 's/  .*//' | sort)
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data"; trap - EXIT
  if [[ $inhibited != "$expected_inhibited" ]]; then
    printf 'check.sh: %s: inhibited\n%s\nexpected\n%s\n' "$config" "$inhibited" "$expected_inhibited" >&2
    exit 1
  fi
  echo "inhibition: the ticket twins of the firing pages are inhibited, nothing else"
done
echo "check.sh: OK - ${#configs[@]} Alertmanager configuration(s)"
