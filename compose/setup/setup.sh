#!/bin/sh
# One-shot setup of the tagwatch observability stack (the compose service `setup`).
#
#  1. waits for Elasticsearch (bounded retries)
#  2. sets the password of the built-in user kibana_system (Kibana logs in with it)
#  3. creates/updates one role and one user per Beat, each with only what that Beat needs
#  4. waits for Kibana (bounded retries)
#  5. creates the data views tagwatch-logs (logs-tagwatch-*) and tagwatch-metrics (metricbeat-*)
#  6. imports every *.ndjson in $KIBANA_OBJECTS_DIR with overwrite=true
#
# Every step is idempotent: running it again leaves the same state. POSIX sh (the image's /bin/sh).
#
# Environment:
#   ES_URL, KIBANA_URL                 e.g. http://elasticsearch:9200, http://kibana:5601
#   ELASTIC_PASSWORD                   password of the `elastic` superuser
#   KIBANA_SYSTEM_PASSWORD             password to set for `kibana_system`
#   FILEBEAT_USERNAME, FILEBEAT_PASSWORD       Filebeat's user to create
#   METRICBEAT_USERNAME, METRICBEAT_PASSWORD   Metricbeat's user to create
#   KIBANA_ENCRYPTION_KEY              Kibana's encryption key, only checked
# Every password needs 16 characters or more and the key 32; the example values are refused.
#   KIBANA_OBJECTS_DIR                 directory with the saved objects (*.ndjson)
#   ES_WAIT_TRIES, KIBANA_WAIT_TRIES   retries, 5 s apart (default 60 and 90)

set -eu

ES_URL=${ES_URL:-http://elasticsearch:9200}
KIBANA_URL=${KIBANA_URL:-http://kibana:5601}
FILEBEAT_USERNAME=${FILEBEAT_USERNAME:-tagwatch_filebeat}
METRICBEAT_USERNAME=${METRICBEAT_USERNAME:-tagwatch_metricbeat}
KIBANA_OBJECTS_DIR=${KIBANA_OBJECTS_DIR:-/kibana}
ES_WAIT_TRIES=${ES_WAIT_TRIES:-60}
KIBANA_WAIT_TRIES=${KIBANA_WAIT_TRIES:-90}

log() { printf '%s setup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

# Every secret is checked before anything is contacted, so that a refused one never reaches the stack.
# The example values are public (compose/.env.example), and short passwords are guessed.
weak=0
refuse() { log "ERROR: $*" >&2; weak=1; }
check_secret() { # NAME MIN_LENGTH
  eval "v=\${$1:-}"
  if [ -z "$v" ]; then refuse "$1 is not set (see compose/.env.example)"; return 0; fi
  case "$v" in
    *change-me*) refuse "$1 is still the example value from compose/.env.example" ;;
  esac
  [ "${#v}" -ge "$2" ] || refuse "$1 has ${#v} characters; at least $2 are needed"
  # The passwords are embedded in JSON bodies below: refuse characters that would need escaping.
  case "$v" in
    *'"'* | *'\'*) refuse "$1 must not contain a double quote or a backslash" ;;
  esac
}
check_secret ELASTIC_PASSWORD 16
check_secret KIBANA_SYSTEM_PASSWORD 16
check_secret FILEBEAT_PASSWORD 16
check_secret METRICBEAT_PASSWORD 16
# Kibana's own; checked here, never sent anywhere. A known key lets anyone forge Kibana sessions.
check_secret KIBANA_ENCRYPTION_KEY 32
[ "$weak" = 0 ] || die "refusing to set up the stack with these values; nothing was contacted. Set your own in compose/.env (openssl rand -hex 16 makes a password, openssl rand -hex 32 a key), then: docker compose up -d"

command -v curl >/dev/null 2>&1 || die "curl is required"

# Credentials go through a curl config file rather than the command line (not visible in `ps`).
umask 077
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM
CURLRC="$WORK/curlrc"
printf 'user = "elastic:%s"\n' "$ELASTIC_PASSWORD" > "$CURLRC"
BODY="$WORK/body"

# http METHOD URL [DATA] -> prints the HTTP status (000 when there was no answer); the response
# body is left in $BODY. Never fails, so it is safe under `set -e` inside $(...).
http() {
  : > "$BODY"
  if [ $# -ge 3 ]; then
    code=$(curl -sS -K "$CURLRC" -o "$BODY" -w '%{http_code}' --max-time 60 -X "$1" "$2" \
      -H 'Content-Type: application/json' -H 'kbn-xsrf: tagwatch-setup' --data "$3") || true
  else
    code=$(curl -sS -K "$CURLRC" -o "$BODY" -w '%{http_code}' --max-time 60 -X "$1" "$2" \
      -H 'kbn-xsrf: tagwatch-setup') || true
  fi
  printf '%s' "${code:-000}"
}

# expect_2xx WHAT STATUS
expect_2xx() {
  case "$2" in
    2??) log "$1: ok ($2)" ;;
    *) log "$1: HTTP $2"; cat "$BODY" >&2 2>/dev/null || true; echo >&2; die "$1 failed" ;;
  esac
}

# ---- 1. Elasticsearch ------------------------------------------------------------------------------
log "waiting for Elasticsearch at $ES_URL (up to $ES_WAIT_TRIES tries)"
i=0
while :; do
  i=$((i + 1))
  status=$(http GET "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=5s" 2>/dev/null)
  [ "$status" = 200 ] && break
  if [ "$status" = 401 ]; then
    die "Elasticsearch refused the elastic user (401). ELASTIC_PASSWORD only takes effect on the first start of an empty es-data volume; use the old password or remove the volume."
  fi
  [ "$i" -ge "$ES_WAIT_TRIES" ] && die "Elasticsearch not ready after $i tries (last HTTP $status)"
  sleep 5
done
log "Elasticsearch is up"

# ---- 2. kibana_system password ---------------------------------------------------------------------
status=$(http POST "$ES_URL/_security/user/kibana_system/_password" \
  "{\"password\":\"$KIBANA_SYSTEM_PASSWORD\"}")
expect_2xx "set kibana_system password" "$status"

# ---- 3. Beats roles and users ----------------------------------------------------------------------
# One role per Beat, so that a leaked Beat password writes only where that Beat writes.
# Filebeat appends to the data stream logs-tagwatch-default (the built-in logs-*-* template applies; it
# loads no template or ILM policy of its own): monitor to read the cluster's version at start,
# create_doc to write, auto_configure to create the data stream on its first event.
status=$(http PUT "$ES_URL/_security/role/tagwatch_filebeat_writer" '{
  "cluster": ["monitor"],
  "indices": [
    {"names": ["logs-tagwatch-*"], "privileges": ["create_doc", "auto_configure"]}
  ],
  "metadata": {"managed_by": "tagwatch compose setup"}
}')
expect_2xx "role tagwatch_filebeat_writer" "$status"

# Metricbeat loads its index template and ILM policy at start and writes the data stream
# metricbeat-<version>.
status=$(http PUT "$ES_URL/_security/role/tagwatch_metricbeat_writer" '{
  "cluster": ["monitor", "read_ilm", "read_pipeline", "manage_ilm", "manage_index_templates"],
  "indices": [
    {
      "names": ["metricbeat-*"],
      "privileges": ["create_doc", "view_index_metadata", "auto_configure", "manage"]
    }
  ],
  "metadata": {"managed_by": "tagwatch compose setup"}
}')
expect_2xx "role tagwatch_metricbeat_writer" "$status"

# POST /_security/user/<name> creates the user or updates it (password included).
create_user() {
  status=$(http POST "$ES_URL/_security/user/$1" "{
    \"password\": \"$2\",
    \"roles\": [\"$3\"],
    \"full_name\": \"tagwatch $4\",
    \"metadata\": {\"managed_by\": \"tagwatch compose setup\"}
  }")
  expect_2xx "user $1" "$status"
}
create_user "$FILEBEAT_USERNAME" "$FILEBEAT_PASSWORD" tagwatch_filebeat_writer Filebeat
create_user "$METRICBEAT_USERNAME" "$METRICBEAT_PASSWORD" tagwatch_metricbeat_writer Metricbeat

# ---- 4. Kibana -------------------------------------------------------------------------------------
# /api/status answers 503 until Kibana is up (200 also when merely "degraded", which is fine here);
# then the data views API must answer too (it needs Kibana's saved objects index).
log "waiting for Kibana at $KIBANA_URL (up to $KIBANA_WAIT_TRIES tries)"
i=0
while :; do
  i=$((i + 1))
  status=$(http GET "$KIBANA_URL/api/status" 2>/dev/null)
  if [ "$status" = 200 ]; then
    status=$(http GET "$KIBANA_URL/api/data_views" 2>/dev/null)
    [ "$status" = 200 ] && break
  fi
  [ "$i" -ge "$KIBANA_WAIT_TRIES" ] && die "Kibana not ready after $i tries (last HTTP $status)"
  sleep 5
done
log "Kibana is up"

# ---- 5. data views ---------------------------------------------------------------------------------
# Fixed ids, because the saved objects reference them. Created when missing; the import below then
# overwrites them with the full definitions (field formats included), so the end state is the same
# on every run.
create_data_view() {
  status=$(http GET "$KIBANA_URL/api/data_views/data_view/$1")
  case "$status" in
    200) log "data view $1 exists" ; return 0 ;;
    404) ;;
    *) expect_2xx "look up data view $1" "$status" ;;
  esac
  status=$(http POST "$KIBANA_URL/api/data_views/data_view" "{
    \"data_view\": {
      \"id\": \"$1\",
      \"title\": \"$2\",
      \"name\": \"$3\",
      \"timeFieldName\": \"@timestamp\"
    }
  }")
  expect_2xx "create data view $1 ($2)" "$status"
}
create_data_view tagwatch-logs 'logs-tagwatch-*' 'tagwatch logs'
create_data_view tagwatch-metrics 'metricbeat-*' 'tagwatch metrics (Metricbeat)'

# ---- 6. saved objects ------------------------------------------------------------------------------
found=0
for f in "$KIBANA_OBJECTS_DIR"/*.ndjson; do
  [ -f "$f" ] || continue
  found=1
  : > "$BODY"
  status=$(curl -sS -K "$CURLRC" -o "$BODY" -w '%{http_code}' --max-time 120 \
    -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" \
    -H 'kbn-xsrf: tagwatch-setup' --form "file=@$f") || true
  if [ "$status" = 200 ] && grep -Eq '"success"[[:space:]]*:[[:space:]]*true' "$BODY"; then
    count=$(sed -n 's/.*"successCount"[[:space:]]*:[[:space:]]*\([0-9]*\).*/\1/p' "$BODY")
    log "imported $(basename "$f"): ${count:-?} objects"
  else
    log "import of $(basename "$f") failed: HTTP $status"
    cat "$BODY" >&2 || true
    echo >&2
    die "saved objects import failed"
  fi
done
[ "$found" = 1 ] || log "no *.ndjson in $KIBANA_OBJECTS_DIR; nothing imported"

# The logs data view opens first in Discover.
status=$(http POST "$KIBANA_URL/api/data_views/default" \
  '{"data_view_id": "tagwatch-logs", "force": true}')
expect_2xx "default data view" "$status"

log "done: Kibana at http://localhost:5601 (user elastic), dashboards \"tagwatch — Service\", \"tagwatch — Collector\", \"tagwatch — Logs\""
