#!/usr/bin/env bash
# Builds the provider, starts Keycloak with it and the demo realm on http://localhost:${PORT:-8080},
# prints how to try it, and runs until Ctrl-C. Data stays in .demo/ (H2 file), so tokens survive a restart.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PORT=${PORT:-8080}
BASE=http://localhost:$PORT

KC_VERSION=$(sed -n 's:.*<keycloak.dist.version>\(.*\)</keycloak.dist.version>.*:\1:p' pom.xml)
KC_HOME=$ROOT/.demo/keycloak-$KC_VERSION

echo "Building the provider..."
mvn -B -q -Dstyle.color=never -DskipTests package
JAR=$(ls provider/target/keycloak-personal-api-tokens-*.jar | grep -v -e '-sources' -e '-javadoc' | head -n 1)

if [ ! -d "$KC_HOME" ]; then
  echo "Unpacking Keycloak $KC_VERSION into .demo/ ..."
  mvn -B -q -Dstyle.color=never dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$ROOT/.demo"
fi

rm -f "$KC_HOME"/providers/keycloak-personal-api-tokens-*.jar
cp "$JAR" "$KC_HOME/providers/"
mkdir -p "$KC_HOME/data/import"
cp demo/demo-realm.json "$KC_HOME/data/import/"

LOG=$ROOT/.demo/keycloak.log
MANAGEMENT_PORT=${MANAGEMENT_PORT:-9000}
echo "Starting Keycloak on $BASE (log: $LOG)..."
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  "$KC_HOME/bin/kc.sh" start-dev --http-port="$PORT" --http-management-port="$MANAGEMENT_PORT" --metrics-enabled=true \
  --import-realm >"$LOG" 2>&1 &
KC_PID=$!
stop_keycloak() { kill -TERM "$KC_PID" 2>/dev/null || true; wait "$KC_PID" 2>/dev/null || true; }
trap 'stop_keycloak; exit 0' INT TERM
trap 'stop_keycloak' EXIT

for _ in $(seq 1 180); do
  if curl -fs "$BASE/realms/demo" >/dev/null; then break; fi
  if ! kill -0 "$KC_PID" 2>/dev/null; then echo "Keycloak stopped; last lines of $LOG:"; tail -n 40 "$LOG"; exit 1; fi
  sleep 1
done
curl -fs "$BASE/realms/demo" >/dev/null || { echo "Keycloak not ready after 180 s; see $LOG"; exit 1; }

# The demo-api client scope is added over the admin API: a realm file listing any client scope
# would get none of Keycloak's built-in ones (profile, email, roles...). 409 = already there.
ADMIN_TOKEN=$(curl -fs "$BASE/realms/master/protocol/openid-connect/token" -d grant_type=password \
  -d client_id=admin-cli -d username=admin -d password=admin | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
SCOPE_ID=$(curl -s -D - -o /dev/null -X POST "$BASE/admin/realms/demo/client-scopes" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' --data-binary @demo/demo-api-scope.json \
  | tr -d '\r' | sed -n 's|^[Ll]ocation: .*/client-scopes/\(.*\)$|\1|p')
if [ -n "$SCOPE_ID" ]; then
  curl -fs -X PUT "$BASE/admin/realms/demo/default-optional-client-scopes/$SCOPE_ID" -H "Authorization: Bearer $ADMIN_TOKEN"
  # RFC 8693 grants a client only the token scopes it was given: api-gateway (imported before the scope existed) gets it
  GATEWAY_ID=$(curl -fs "$BASE/admin/realms/demo/clients?clientId=api-gateway" -H "Authorization: Bearer $ADMIN_TOKEN" \
    | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
  curl -fs -X PUT "$BASE/admin/realms/demo/clients/$GATEWAY_ID/optional-client-scopes/$SCOPE_ID" \
    -H "Authorization: Bearer $ADMIN_TOKEN"
  # door 4 grants a token's scopes only when its client offers them: api-token-cli gets it too
  CLI_ID=$(curl -fs "$BASE/admin/realms/demo/clients?clientId=api-token-cli" -H "Authorization: Bearer $ADMIN_TOKEN" \
    | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
  curl -fs -X PUT "$BASE/admin/realms/demo/clients/$CLI_ID/optional-client-scopes/$SCOPE_ID" -H "Authorization: Bearer $ADMIN_TOKEN"
fi

# The admin console at /admin runs in the master realm and takes that realm's admin theme: ours adds the
# realm page "User API tokens" to the stock console.
curl -fs -X PUT "$BASE/admin/realms/master" -H "Authorization: Bearer $ADMIN_TOKEN" \
  -H 'Content-Type: application/json' -d '{"adminTheme":"personal-api-tokens"}'

cat <<EOT

Keycloak is running with the personal API tokens provider.

  Admin console:    $BASE/admin/           (admin / admin; realm demo → "User API tokens")
  Account console:  $BASE/realms/demo/account
                    alice / alice and bob / bob hold the role personal-api-tokens;
                    carol / carol does not.
  Metrics:          http://localhost:$MANAGEMENT_PORT/metrics  (the extension's: personal_api_tokens_*)

Try it with curl (the sed lines pick fields out of the JSON; jq -r .access_token works too):

  ACCESS=\$(curl -s $BASE/realms/demo/protocol/openid-connect/token \\
    -d grant_type=password -d client_id=demo-cli -d username=alice -d password=alice \\
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')

  TOKEN=\$(curl -s -X POST $BASE/realms/demo/personal-api-tokens/tokens \\
    -H "Authorization: Bearer \$ACCESS" -H 'Content-Type: application/json' \\
    -d '{"name":"my-script","scopes":["demo-api"]}' \\
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  echo "\$TOKEN"

  curl -s -X POST $BASE/realms/demo/personal-api-tokens/exchange -H "Authorization: APIToken \$TOKEN"

Data stays in .demo/ (tokens survive a restart). Ctrl-C stops Keycloak.
EOT

wait "$KC_PID"
