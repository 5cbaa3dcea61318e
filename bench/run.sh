#!/usr/bin/env bash
# The benchmark, one command: bench/run.sh
# Builds the JAR, seeds one realm per size (100, 10,000, 100,000 tokens by default: realms bench-100, …),
# starts Keycloak 26.7.3 in dev mode (H2, or PostgreSQL with DB=postgres) with all of them imported, warms every scenario up, then loads
# every door and Keycloak's own references with wrk from a second process on loopback, in interleaved
# rounds, and writes bench/results/<date>-<commit>.md and .png.
# One server for every size: all sizes share one JIT warm-up and are measured turn about, so a JVM still
# warming up or a noisy minute cannot favour one size or one scenario.
# Knobs (environment): SIZES=100,10000,100000 CONNECTIONS=16 THREADS=2 WARMUP=10 DURATION=8 ROUNDS=3 PORT=18080
#   ONLY=<regex> runs only the scenarios whose name matches (e.g. ONLY='^(exchange|forward-auth|verify)(-limited)?$')
#   DB=h2|postgres (postgres: an embedded PostgreSQL 17 on PORT+2, see bench/postgres.sh)
#   METRICS=off|on (on: Keycloak's --metrics-enabled=true, so the extension's meters count and time every use; a build
#   option, so switching it costs one re-augmentation of bench/target's Keycloak)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${SIZES:-100,10000,100000}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18080}
DB=${DB:-h2}
METRICS=${METRICS:-off}
SAMPLE=1000
BASIC=$(printf 'bench-gateway:bench-secret' | base64)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

echo "Building the provider..."
mvn -B -q -Dstyle.color=never -DskipTests package
JAR=$(ls provider/target/keycloak-personal-api-tokens-*.jar | head -n 1)
KC_VERSION=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml)
WORK=$ROOT/bench/target
KC_HOME=$WORK/keycloak-$KC_VERSION
if [ ! -d "$KC_HOME" ]; then
  mvn -B -q -Dstyle.color=never dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$WORK"
fi
RAW=$WORK/raw
rm -rf "$RAW" "$WORK/seed" "$KC_HOME/data" && mkdir -p "$RAW" "$KC_HOME/data/import"
KC_PID=
stop_keycloak() { if [ -n "$KC_PID" ]; then kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; fi; KC_PID=; }
DB_OPTIONS=()
if [ "$DB" = postgres ]; then
  source bench/postgres.sh
  trap 'stop_keycloak; stop_postgres' EXIT
  start_postgres $((PORT + 2))
  DB_OPTIONS=(--db=postgres --db-url="jdbc:postgresql://127.0.0.1:$((PORT + 2))/postgres" --db-username=postgres --db-password=postgres)
else
  trap stop_keycloak EXIT
fi

echo "Seeding $SIZES tokens..."
TOTAL=0
for SIZE in ${SIZES//,/ }; do
  java -cp "$JAR" bench/Seed.java "$SIZE" "$SAMPLE" "$WORK/seed/$SIZE" "bench-$SIZE"
  cp "$WORK/seed/$SIZE"/*.json "$KC_HOME/data/import/"
  TOTAL=$((TOTAL + SIZE))
done
rm -f "$KC_HOME"/providers/keycloak-personal-api-tokens-*.jar && cp "$JAR" "$KC_HOME/providers/"
START=$(date +%s)
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KC_HOME/bin/kc.sh" start-dev --http-port="$PORT" --http-management-port=$((PORT + 1)) --import-realm \
  "${DB_OPTIONS[@]}" --metrics-enabled="$([ "$METRICS" = on ] && echo true || echo false)" --log-level=WARN \
  >"$RAW/keycloak.log" 2>&1 &
KC_PID=$!
for SIZE in ${SIZES//,/ }; do
  until curl -fs "http://127.0.0.1:$PORT/realms/bench-$SIZE" >/dev/null; do
    kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak stopped, see $RAW/keycloak.log"; exit 1; }
    sleep 2
  done
done
echo "start + import of $TOTAL tokens in realms of ${SIZES//,/, } tokens: $(( $(date +%s) - START )) s" | tee "$RAW/import.txt"

access_token() {
  curl -fs -u bench-gateway:bench-secret -d grant_type=client_credentials "http://127.0.0.1:$PORT/realms/$1/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

# scenario name, URL path under the realm, wrk script, the sample of tokens it sends (see Seed.java); *-limited: tokens
# with every check on (a chosen role and an IP allowlist), measured beside the same door with plain tokens;
# *-previous: the previous values of tokens rotated with an overlap that still lasts
SCENARIOS="exchange:/personal-api-tokens/exchange:exchange:tokens.txt
rfc8693:/protocol/openid-connect/token:rfc8693:tokens.txt
forward-auth:/personal-api-tokens/auth:forward_auth:tokens.txt
verify:/personal-api-tokens/verify:verify:tokens.txt
client-credentials:/protocol/openid-connect/token:client_credentials:tokens.txt
introspection:/protocol/openid-connect/token/introspect:introspection:tokens.txt
exchange-limited:/personal-api-tokens/exchange:exchange:tokens-limited.txt
rfc8693-limited:/protocol/openid-connect/token:rfc8693:tokens-limited.txt
forward-auth-limited:/personal-api-tokens/auth:forward_auth:tokens-limited.txt
verify-limited:/personal-api-tokens/verify:verify:tokens-limited.txt
forward-auth-basic:/personal-api-tokens/auth:forward_auth_basic:tokens-basic.txt
exchange-previous:/personal-api-tokens/exchange:exchange:tokens-previous.txt
forward-auth-previous:/personal-api-tokens/auth:forward_auth:tokens-previous.txt
verify-previous:/personal-api-tokens/verify:verify:tokens-previous.txt"
RUNS=()
for SIZE in ${SIZES//,/ }; do
  while IFS= read -r LINE; do
    [[ "${LINE%%:*}" =~ ${ONLY:-.} ]] && RUNS+=("$SIZE:$LINE")
  done <<<"$SCENARIOS"
done

# run SIZE NAME PATH SCRIPT SECONDS OUTPUT TOKENS
run() {
  # a fresh access token for each introspection run: one issued before a long run would expire during it
  local token=-
  [ "$2" = introspection ] && token=$(access_token "bench-$1")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$5s" --latency -s "bench/lua/$4.lua" "http://127.0.0.1:$PORT/realms/bench-$1$3" \
    -- "$WORK/seed/$1/$7" "$BASIC" "$token" >"$6"
}

echo "Warm-up: every scenario ${WARMUP}s (${#RUNS[@]} scenarios)"
for ENTRY in "${RUNS[@]}"; do
  IFS=: read -r SIZE NAME PATH_ SCRIPT TOKENS <<<"$ENTRY"
  run "$SIZE" "$NAME" "$PATH_" "$SCRIPT" "$WARMUP" /dev/null "$TOKENS"
done
# each round starts one size further on, so no size is always measured first
for ROUND in $(seq 1 "$ROUNDS"); do
  echo "Round $ROUND of $ROUNDS: every scenario ${DURATION}s"
  COUNT=${#RUNS[@]}
  SHIFT=$(( (ROUND - 1) * COUNT / ROUNDS ))
  for I in $(seq 0 $((COUNT - 1))); do
    IFS=: read -r SIZE NAME PATH_ SCRIPT TOKENS <<<"${RUNS[$(( (I + SHIFT) % COUNT ))]}"
    run "$SIZE" "$NAME" "$PATH_" "$SCRIPT" "$DURATION" "$RAW/$SIZE-$NAME-$ROUND.txt" "$TOKENS"
  done
done
stop_keycloak

STAMP="$(date -u +%Y-%m-%d)-$(git rev-parse --short HEAD 2>/dev/null || echo local)"
if [ "$DB" = postgres ]; then STAMP=$STAMP-postgres; fi
if [ "$METRICS" = on ]; then STAMP=$STAMP-metrics; fi
mkdir -p bench/results
java bench/Report.java "$RAW" "bench/results/$STAMP" "$SIZES" \
  "$DB" "metrics $METRICS, connections=$CONNECTIONS threads=$THREADS, warm-up ${WARMUP}s per scenario, $ROUNDS interleaved rounds of ${DURATION}s per scenario"
echo "Report: bench/results/$STAMP.md and .png"
