#!/usr/bin/env bash
# Every test, on a fresh Debian machine with a JDK: installs the Debian packages the checks need
# (Prometheus for promtool and the live rules test, Alertmanager for amtool and the inhibition check,
# docker-compose to validate the Compose file, chromium and chromium-driver for the dashboard's browser
# tests), then runs the static checks and the Maven suite. Maven and every Java dependency come through
# ./mvnw. kubectl (1.32, with kustomize) renders the Kubernetes manifests;
# io.tagwatch.ops.KubernetesManifestsTest then checks them against the application.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

prometheus/check.sh
alertmanager/check.sh
compose/check.sh
if ! command -v kubectl >/dev/null 2>&1; then
  # these machines have it; elsewhere, the kubectl package of an apt source that has one, else Debian's
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends kubectl \
    || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends kubernetes-client \
    || { echo "run-tests.sh: kubectl (1.32, with kustomize) is needed" >&2; exit 2; }
fi
for kustomization in deploy/kubernetes/base deploy/kubernetes/overlays/*/; do
  echo "== kubectl kustomize $kustomization"
  kubectl kustomize "$kustomization" | grep -c '^kind:' | sed 's/$/ objects/'
done
./mvnw -B -ntp verify
# the OpenAPI document the running service served to OpenApiDocumentTest, against Redocly's rules
tools/lint-openapi.sh
