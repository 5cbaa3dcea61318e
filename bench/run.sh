#!/usr/bin/env bash
# The benchmark, one command: bench/run.sh
# Builds the JAR, and for each size (100, 10,000, 100,000 tokens by default) starts Keycloak 26.7.3 in dev
# mode on H2 with the tokens imported, loads every door and Keycloak's own references with wrk from a
# second process on loopback, then writes bench/results/<date>-<commit>.md and .png.
# Knobs (environment): SIZES=100,10000,100000 CONNECTIONS=16 THREADS=2 WARMUP=5 DURATION=10 ROUNDS=3 PORT=18080
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${SIZES:-100,10000,100000}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18080}
SAMPLE=1000
BASE=http://127.0.0.1:$PORT/realms/bench
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
rm -rf "$RAW" && mkdir -p "$RAW"
KC_PID=
stop_keycloak() { if [ -n "$KC_PID" ]; then kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; fi; KC_PID=; }
trap stop_keycloak EXIT

access_token() {
  curl -fs -u bench-gateway:bench-secret -d grant_type=client_credentials "$BASE/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

# scenario name, URL path under the realm, wrk script
SCENARIOS="exchange:/personal-api-tokens/exchange:exchange
rfc8693:/protocol/openid-connect/token:rfc8693
forward-auth:/personal-api-tokens/auth:forward_auth
verify:/personal-api-tokens/verify:verify
client-credentials:/protocol/openid-connect/token:client_credentials
introspection:/protocol/openid-connect/token/introspect:introspection"

for SIZE in ${SIZES//,/ }; do
  echo "== $SIZE tokens: seeding"
  SEED=$WORK/seed-$SIZE
  rm -rf "$SEED" "$KC_HOME/data"
  java -cp "$JAR" bench/Seed.java "$SIZE" "$SAMPLE" "$SEED"
  mkdir -p "$KC_HOME/data/import" && cp "$SEED"/*.json "$KC_HOME/data/import/"
  rm -f "$KC_HOME"/providers/keycloak-personal-api-tokens-*.jar && cp "$JAR" "$KC_HOME/providers/"
  START=$(date +%s)
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$KC_HOME/bin/kc.sh" start-dev --http-port="$PORT" --http-management-port=$((PORT + 1)) --import-realm \
    --log-level=WARN >"$RAW/keycloak-$SIZE.log" 2>&1 &
  KC_PID=$!
  until curl -fs "$BASE" >/dev/null; do
    kill -0 "$KC_PID" 2>/dev/null || { echo "Keycloak stopped, see $RAW/keycloak-$SIZE.log"; exit 1; }
    sleep 2
  done
  echo "start + import of $SIZE tokens: $(( $(date +%s) - START )) s" | tee "$RAW/import-$SIZE.txt"
  while IFS=: read -r NAME PATH_ SCRIPT; do
    TOKEN=$( [ "$NAME" = introspection ] && access_token || echo - )
    ARGS=("$SEED/tokens.txt" "$BASIC" "$TOKEN")
    echo "   $NAME: warm-up ${WARMUP}s, $ROUNDS x ${DURATION}s"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "bench/lua/$SCRIPT.lua" "$BASE$PATH_" -- "${ARGS[@]}" >/dev/null
    for ROUND in $(seq 1 "$ROUNDS"); do
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "bench/lua/$SCRIPT.lua" "$BASE$PATH_" -- "${ARGS[@]}" \
        >"$RAW/$SIZE-$NAME-$ROUND.txt"
    done
  done <<<"$SCENARIOS"
  stop_keycloak
done

STAMP="$(date -u +%Y-%m-%d)-$(git rev-parse --short HEAD 2>/dev/null || echo local)"
mkdir -p bench/results
java bench/Report.java "$RAW" "bench/results/$STAMP" "$SIZES" "connections=$CONNECTIONS threads=$THREADS warmup=${WARMUP}s rounds=$ROUNDS x ${DURATION}s"
echo "Report: bench/results/$STAMP.md and .png"
