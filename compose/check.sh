#!/usr/bin/env bash
# Static checks of the deployment/observability files; needs no Docker engine and installs nothing.
#
#   compose/check.sh
#
#  1. docker-compose.yml is a valid Compose file (`docker-compose config -q`, with and without the
#     `postgres` profile), using compose/.env if present, else compose/.env.example
#  2. every line of kibana/*.ndjson is a JSON object, and (with python3) the saved objects are
#     consistent: references resolve, Lens layers/columns/accessors match, dashboard panels resolve
#  3. filebeat/filebeat.yml and metricbeat/metricbeat.yml are valid YAML
#  4. compose/setup/setup.sh parses as POSIX sh
#  5. compose/check_stack.py on the resolved Compose file, what the stack promises: Filebeat's label
#     conditions keep the labels' dots (elastic/beats#49814), a user and role per Beat, the image, memory
#     limits, start order, setup.sh refusing the example passwords offline, .env ignored, no lifecycle
#     flag, the routes bind mount, Alertmanager wiring, the management port, README's compose section
#
# python3 with PyYAML comes with Debian's docker-compose, which this script needs anyway.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok:   $*"; }

# ---- 1. compose ------------------------------------------------------------------------------------
if ! command -v docker-compose >/dev/null 2>&1; then
  cat >&2 <<'EOF'
docker-compose is not installed. It validates the Compose file without a Docker engine.
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y --no-install-recommends docker-compose
  (or Docker's Compose v2 plugin, then run: docker compose -f compose/docker-compose.yml config -q)
EOF
  exit 1
fi

env_file="$here/.env"
if [[ ! -f "$env_file" ]]; then
  env_file="$here/.env.example"
  echo "note: compose/.env not found; validating with compose/.env.example"
fi
(
  cd "$here"
  docker-compose --env-file "$env_file" -f docker-compose.yml config -q
) && ok "docker-compose.yml (default services)" || fail "docker-compose config"
(
  cd "$here"
  docker-compose --env-file "$env_file" -f docker-compose.yml --profile postgres config -q
) && ok "docker-compose.yml (profile postgres)" || fail "docker-compose config --profile postgres"

# ---- 2. Kibana saved objects -----------------------------------------------------------------------
shopt -s nullglob
ndjson_files=("$root"/kibana/*.ndjson)
if [[ ${#ndjson_files[@]} -eq 0 ]]; then
  fail "no kibana/*.ndjson"
fi
for f in "${ndjson_files[@]}"; do
  rel="${f#"$root"/}"
  if command -v python3 >/dev/null 2>&1; then
    if python3 - "$f" <<'PY'
import json
import sys

path = sys.argv[1]
errors = []
objects = []
with open(path, encoding="utf-8") as fh:
    for n, line in enumerate(fh, start=1):
        if not line.strip():
            errors.append(f"line {n}: empty line")
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            errors.append(f"line {n}: not JSON: {e}")
            continue
        if not isinstance(obj, dict) or not {"id", "type", "attributes"} <= obj.keys():
            errors.append(f"line {n}: not a saved object (id, type, attributes)")
            continue
        objects.append(obj)

known = {(o["type"], o["id"]) for o in objects}
for o in objects:
    where = f"{o['type']} {o['id']}"
    refs = o.get("references", [])
    for r in refs:
        if (r["type"], r["id"]) not in known:
            errors.append(f"{where}: reference to {r['type']} {r['id']} not in the file")
    names = {r["name"] for r in refs}
    attrs = o["attributes"]
    if o["type"] == "lens":
        state = attrs["state"]
        layers = state["datasourceStates"]["formBased"]["layers"]
        all_cols = set()
        for lid, layer in layers.items():
            if "indexpattern-datasource-layer-" + lid not in names:
                errors.append(f"{where}: no data view reference for layer {lid}")
            cols = layer["columns"]
            all_cols |= set(cols)
            if sorted(layer["columnOrder"]) != sorted(cols):
                errors.append(f"{where}: columnOrder does not list exactly the columns of {lid}")
            for cid, col in cols.items():
                for ref in col.get("references", []):
                    if ref not in cols:
                        errors.append(f"{where}: column {cid} references missing column {ref}")
        vis = state["visualization"]
        if "layers" in vis:
            accessors = [a for vl in vis["layers"]
                         for a in vl.get("accessors", []) + [vl.get("xAccessor"), vl.get("splitAccessor")] if a]
        elif "columns" in vis:
            accessors = [c["columnId"] for c in vis["columns"]]
        else:
            accessors = [vis.get("metricAccessor")]
        for a in accessors:
            if a not in all_cols:
                errors.append(f"{where}: visualization uses missing column {a}")
    if o["type"] == "dashboard":
        for p in json.loads(attrs["panelsJSON"]):
            ref_name = f"{p['panelIndex']}:{p['panelRefName']}" if "panelRefName" in p else None
            if ref_name and ref_name not in names:
                errors.append(f"{where}: panel {p['panelIndex']} has no reference {ref_name}")
    if o["type"] == "search":
        json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])

for e in errors:
    print("  " + e, file=sys.stderr)
print(f"  {len(objects)} saved objects, {len(errors)} problem(s)")
sys.exit(1 if errors else 0)
PY
    then
      ok "$rel parses line by line; references consistent"
    else
      fail "$rel"
    fi
  elif command -v jq >/dev/null 2>&1; then
    n=0; bad=0
    while IFS= read -r line || [[ -n "$line" ]]; do
      n=$((n + 1))
      if ! printf '%s' "$line" | jq -e 'type == "object"' >/dev/null 2>&1; then
        echo "  line $n: not a JSON object" >&2; bad=1
      fi
    done < "$f"
    [[ $bad -eq 0 ]] && ok "$rel: $n lines are JSON objects (jq; reference checks need python3)" || fail "$rel"
  else
    fail "$rel: neither python3 nor jq to check it"
  fi
done

# ---- 3. Beats YAML ---------------------------------------------------------------------------------
yaml_checker=""
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' >/dev/null 2>&1; then
  yaml_checker=python
elif command -v ruby >/dev/null 2>&1 && ruby -ryaml -e '' >/dev/null 2>&1; then
  yaml_checker=ruby
elif command -v perl >/dev/null 2>&1 && perl -MYAML::XS -e 1 >/dev/null 2>&1; then
  yaml_checker=perl
fi
for y in "$root/filebeat/filebeat.yml" "$root/metricbeat/metricbeat.yml"; do
  rel="${y#"$root"/}"
  if [[ ! -f "$y" ]]; then
    fail "$rel missing"
    continue
  fi
  case "$yaml_checker" in
    python) python3 - "$y" <<'PY' ;;
import sys
import yaml
try:
    with open(sys.argv[1], encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
except yaml.YAMLError as e:
    sys.exit("  " + " ".join(str(e).split()))
if not isinstance(doc, dict):
    sys.exit("  top level is not a mapping")
PY
    ruby) ruby -ryaml -e 'd = YAML.safe_load(File.read(ARGV[0])); raise "top level is not a mapping" unless d.is_a?(Hash)' "$y" ;;
    perl) perl -MYAML::XS -e 'my $d = YAML::XS::LoadFile($ARGV[0]); die "top level is not a mapping\n" unless ref $d eq "HASH"' "$y" ;;
    *) echo "skip: $rel (no YAML parser: python3-yaml, ruby or perl YAML::XS)"; continue ;;
  esac && ok "$rel is valid YAML ($yaml_checker)" || fail "$rel is not valid YAML"
done

# ---- 4. setup script -------------------------------------------------------------------------------
if command -v dash >/dev/null 2>&1; then
  dash -n "$here/setup/setup.sh" && ok "setup/setup.sh parses (dash -n)" || fail "setup/setup.sh (dash -n)"
else
  sh -n "$here/setup/setup.sh" && ok "setup/setup.sh parses (sh -n)" || fail "setup/setup.sh (sh -n)"
fi

# ---- 5. what the stack promises --------------------------------------------------------------------
resolved="$(mktemp)"
trap 'rm -f "$resolved"' EXIT
if (cd "$here" && docker-compose --env-file "$env_file" -f docker-compose.yml --profile postgres config) \
    > "$resolved"; then
  python3 "$here/check_stack.py" "$root" "$resolved" || failures=$((failures + 1))
else
  fail "docker-compose config (for check_stack.py)"
fi

if [[ $failures -gt 0 ]]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all checks passed"
