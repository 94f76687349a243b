#!/usr/bin/env bash
# Lints the OpenAPI document the running service served to OpenApiDocumentTest (target/openapi.json)
# with Redocly's recommended rules: 0 errors, or this fails. Redocly CLI comes from the npm registry,
# pinned, into target/redocly; Node.js and npm come from Debian when missing.
#
#   tools/lint-openapi.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REDOCLY_VERSION=1.34.5   # runs on Node.js 18 (Debian 12) and 20
document=target/openapi.json
[[ -f "$document" ]] || { echo "lint-openapi: $document is missing: run the tests first (OpenApiDocumentTest)" >&2; exit 2; }

if ! command -v npm >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm
fi
redocly=target/redocly/node_modules/.bin/redocly
if [[ ! -x "$redocly" ]]; then
  npm install --silent --no-audit --no-fund --prefix target/redocly "@redocly/cli@$REDOCLY_VERSION" >/dev/null
fi
"$redocly" lint --extends=recommended --format=summary "$document"
