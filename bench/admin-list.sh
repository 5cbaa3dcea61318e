#!/usr/bin/env bash
# The admin list at scale, one command: bench/admin-list.sh
# Seeds one realm of TOKENS tokens (100,000 by default, 10 per user, facts varied: see bench/SeedAdminList.java),
# imports it into a throw-away Keycloak 26.7.3 (dev mode) on H2 and then on PostgreSQL, and times
# GET /admin/realms/bench-list/personal-api-tokens/tokens (first and deep pages, every sort, every filter) and …/count
# with curl: one warm-up call, then REPEAT timed calls each, median and worst reported. On PostgreSQL it then turns
# auto_explain on (log_analyze) and replays the main queries once, so the report shows the plans of the SQL Hibernate
# really sent, with its parameters. Writes bench/results/<date>-admin-list.md.
# Knobs (environment): TOKENS=100000 REPEAT=5 PORT=18180 DBS="h2 postgres" JAR=<provider jar, else built> TAG=<report name suffix>
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TOKENS=${TOKENS:-100000}
REPEAT=${REPEAT:-5}
PORT=${PORT:-18180}
DBS=${DBS:-h2 postgres}
REALM=bench-list

if [ -z "${JAR:-}" ]; then
  echo "Building the provider..."
  mvn -B -q -o -Dstyle.color=never -DskipTests package
  JAR=$(ls provider/target/keycloak-personal-api-tokens-*.jar | grep -v sources | head -n 1)
fi
KC_VERSION=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml)
WORK=$ROOT/bench/target/admin-list
mkdir -p "$WORK"
KC_HOME=$WORK/keycloak-$KC_VERSION
if [ ! -d "$KC_HOME" ]; then
  mvn -B -q -o -Dstyle.color=never dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$WORK"
fi
RAW=$WORK/raw
rm -rf "$RAW" "$WORK/seed" && mkdir -p "$RAW"
echo "Seeding $TOKENS tokens..."
java -cp "$JAR" bench/SeedAdminList.java "$TOKENS" "$WORK/seed" "$REALM"
rm -f "$KC_HOME"/providers/keycloak-personal-api-tokens-*.jar && cp "$JAR" "$KC_HOME/providers/"

KC_PID=
stop_keycloak() { if [ -n "$KC_PID" ]; then kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; fi; KC_PID=; }
source bench/postgres.sh
trap 'stop_keycloak; stop_postgres' EXIT

BASE="http://127.0.0.1:$PORT/admin/realms/$REALM/personal-api-tokens/tokens"
admin_token() {
  curl -fs -d grant_type=password -d client_id=admin-cli -d username=admin -d password=admin \
    "http://127.0.0.1:$PORT/realms/master/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

# name|path and query under …/tokens
QUERIES="first page (owner)|?max=100
deep page (owner, first=99900)|?first=99900&max=100
sort=name|?sort=name&max=100
sort=created desc|?sort=created&order=desc&max=100
sort=expiry|?sort=expiry&max=100
sort=lastUsed desc|?sort=lastUsed&order=desc&max=100
sort=lastUsed desc, deep (first=50000)|?sort=lastUsed&order=desc&first=50000&max=100
neverUsed=true|?neverUsed=true&max=100
unusedDays=90|?unusedDays=90&max=100
unusedDays=90, deep (first=20000)|?unusedDays=90&first=20000&max=100
expiringWithinDays=30|?expiringWithinDays=30&max=100
expired=true, sort=expiry desc|?expired=true&sort=expiry&order=desc&max=100
state=disabled|?state=disabled&max=100
disabledBy=idle|?disabledBy=idle&max=100
ownerDisabled=true|?ownerDisabled=true&max=100
scope=demo-api|?scope=demo-api&max=100
role=reader (realm role)|?role=reader&max=100
role=orders-api/read (confirmed in Java)|?role=orders-api/read&max=100
role=orders-api/read, deep (first=10000)|?role=orders-api/read&first=10000&max=100
search=user0042|?search=user0042&max=100
unusedDays=90&state=active&sort=lastUsed|?unusedDays=90&state=active&sort=lastUsed&max=100
count|/count
count expired=true|/count?expired=true
count unusedDays=90&state=active|/count?unusedDays=90&state=active
count role=orders-api/read (confirmed in Java)|/count?role=orders-api/read"

# time_queries DB: one line per query in $RAW/<db>.txt: name|median ms|worst ms|rows or count
time_queries() {
  local db=$1
  : >"$RAW/$db.txt"
  while IFS='|' read -r NAME QUERY; do
    local token url times=() body
    url="$BASE$QUERY"
    # a fresh admin token for every call: master's live 60 s, and a slow query must not outlive its token
    body=$(curl -fs -H "Authorization: Bearer $(admin_token)" "$url") || { echo "FAILED: $NAME ($url)"; exit 1; }
    for CALL in $(seq 1 "$REPEAT"); do
      token=$(admin_token)
      # H2 keeps the result of a query run again with the same parameters; a page size one smaller each call
      # (100, 99, …) makes every call run the query (PostgreSQL keeps no results)
      times+=("$(curl -fs -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "${url/max=100/max=$((101 - CALL))}")") \
        || { echo "FAILED: $NAME ($url)"; exit 1; }
    done
    local sorted median worst rows
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    median=$(echo "$sorted" | sed -n "$(( (REPEAT + 1) / 2 ))p" | awk '{printf "%.0f", $1 * 1000}')
    worst=$(echo "$sorted" | tail -n 1 | awk '{printf "%.0f", $1 * 1000}')
    if [[ "$body" == \{* ]]; then rows=$(echo "$body" | sed -n 's/.*"count":\([0-9]*\).*/\1/p'); else rows=$(echo "$body" | grep -o '"key":' | wc -l); fi
    echo "$NAME|$median|$worst|$rows" | tee -a "$RAW/$db.txt"
  done <<<"$QUERIES"
}

start_keycloak() {
  local db=$1; shift
  rm -rf "$KC_HOME/data" && mkdir -p "$KC_HOME/data/import" && cp "$WORK/seed"/*.json "$KC_HOME/data/import/"
  local start; start=$(date +%s)
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$KC_HOME/bin/kc.sh" start-dev --http-port="$PORT" --http-management-port=$((PORT + 1)) --import-realm "$@" \
    --log-level=WARN >"$RAW/keycloak-$db.log" 2>&1 &
  KC_PID=$!
  until curl -fs "http://127.0.0.1:$PORT/realms/$REALM" >/dev/null; do
    kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak stopped, see $RAW/keycloak-$db.log"; exit 1; }
    sleep 2
  done
  echo "$db: start + import of $TOKENS tokens: $(( $(date +%s) - start )) s" | tee "$RAW/import-$db.txt"
}

for DB in $DBS; do
  if [ "$DB" = postgres ]; then
    PG_PORT=$((PORT + 2))
    start_postgres "$PG_PORT"
    start_keycloak postgres --db=postgres --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" --db-username=postgres --db-password=postgres
    PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -X -q)
    "${PSQL[@]}" -c 'VACUUM ANALYZE credential' -c 'VACUUM ANALYZE user_entity'
    time_queries postgres
    # the plans of the SQL Hibernate sends, with its parameters: auto_explain in every session, from now on
    "${PSQL[@]}" -c "ALTER SYSTEM SET session_preload_libraries = 'auto_explain'" \
      -c "ALTER SYSTEM SET auto_explain.log_min_duration = 0" -c "ALTER SYSTEM SET auto_explain.log_analyze = on" \
      -c "ALTER SYSTEM SET auto_explain.log_buffers = on" -c "SELECT pg_reload_conf()" >/dev/null
    "${PSQL[@]}" -c "LOAD 'auto_explain'" >/dev/null
    # a new pool connection loads it; restarting Keycloak is the sure way to give every connection a fresh session
    stop_keycloak
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
      "$KC_HOME/bin/kc.sh" start-dev --http-port="$PORT" --http-management-port=$((PORT + 1)) --db=postgres \
      --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" --db-username=postgres --db-password=postgres \
      --log-level=WARN >"$RAW/keycloak-postgres-explain.log" 2>&1 &
    KC_PID=$!
    until curl -fs "http://127.0.0.1:$PORT/realms/$REALM" >/dev/null; do sleep 2; done
    MARK=$(wc -l <"$PG_DIR/postgres.log")
    TOKEN=$(admin_token)
    for QUERY in "?max=100" "?unusedDays=90&state=active&sort=lastUsed&max=100" "?sort=lastUsed&order=desc&first=50000&max=100" \
        "?role=orders-api/read&max=100" "/count?expired=true"; do
      curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE$QUERY"
    done
    tail -n +"$((MARK + 1))" "$PG_DIR/postgres.log" >"$RAW/postgres-plans.log"
    "${PSQL[@]}" -c "ALTER SYSTEM RESET ALL" -c "SELECT pg_reload_conf()" >/dev/null
    stop_keycloak
    stop_postgres
  else
    start_keycloak h2
    time_queries h2
    stop_keycloak
  fi
done

STAMP="$(date -u +%Y-%m-%d)"
OUT=bench/results/$STAMP-admin-list${TAG:+-$TAG}.md
mkdir -p bench/results
{
  echo "# Admin list at $TOKENS tokens ($(git rev-parse --short HEAD 2>/dev/null || echo local))"
  echo
  echo "\`TOKENS=$TOKENS REPEAT=$REPEAT bench/admin-list.sh\` on $(nproc) cores ($(uname -m)), Keycloak $KC_VERSION dev mode,"
  echo "realm \`$REALM\`: $TOKENS tokens over $((TOKENS / 10)) users (bench/SeedAdminList.java). Times: curl's time_total"
  echo "over loopback, $REPEAT calls after one warm-up, in ms; 'rows' = tokens on the page, or the count."
  echo
  for DB in $DBS; do cat "$RAW/import-$DB.txt" 2>/dev/null | sed 's/^/- /'; done
  echo
  echo "| query | $(for DB in $DBS; do printf '%s median | %s worst | %s rows | ' "$DB" "$DB" "$DB"; done)"
  echo "| --- | $(for DB in $DBS; do printf -- '--: | --: | --: | '; done)"
  while IFS='|' read -r NAME _; do
    printf '| %s | ' "$NAME"
    for DB in $DBS; do
      LINE=$(grep -F "$NAME|" "$RAW/$DB.txt" | head -n 1 || true)
      IFS='|' read -r _ MEDIAN WORST ROWS <<<"$LINE"
      printf '%s | %s | %s | ' "${MEDIAN:-}" "${WORST:-}" "${ROWS:-}"
    done
    echo
  done <<<"$QUERIES"
  if [ -f "$RAW/postgres-plans.log" ]; then
    echo
    echo "## PostgreSQL plans (auto_explain, log_analyze) of the statements over the credential table"
    echo
    echo '```'
    # one log entry per statement: a timestamped line, then its indented plan; keep the entries of our query
    awk '/^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] /{if (keep) print buf "\n"; buf=$0; keep=0; next}
         {buf=buf "\n" $0; if ($0 ~ /Query Text: .*from CREDENTIAL ce1_0 join USER_ENTITY/) keep=1}
         END{if (keep) print buf}' "$RAW/postgres-plans.log"
    echo '```'
  fi
} >"$OUT"
echo "Report: $OUT"
