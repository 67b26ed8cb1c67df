#!/usr/bin/env bash
# The whole production stack on this machine, on loopback, from Debian packages:
# PostgreSQL, Redis, N Traza app processes (gunicorn, one threaded worker each) and nginx
# in front — then down again.
#
#   deploy/stack.sh up       # prints the URL (default http://127.0.0.1:8080/)
#   deploy/stack.sh status
#   deploy/stack.sh down
#
# Settings (environment): TRAZA_STACK_DIR (default /tmp/traza-stack: data, logs, keys),
# TRAZA_STACK_PORT (8080), TRAZA_STACK_APPS (2), TRAZA_STACK_THREADS (200 per process),
# TRAZA_STACK_DB (postgresql, or sqlite: one file shared by the app processes, no PostgreSQL),
# TRAZA_STACK_WSGI (forum.wsgi:app; bench/http.py serves its floor beside Traza with bench.served:app),
# PYTHON (python3, with Traza installed).
# Needs the packages postgresql, redis-server and nginx (`bash scripts/test` installs them).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${TRAZA_STACK_DIR:-/tmp/traza-stack}
PORT=${TRAZA_STACK_PORT:-8080}
APPS=${TRAZA_STACK_APPS:-2}
# Threads per app process: each open WebSocket holds one for as long as it is connected,
# so this bounds the live clients a process serves (docs/deploy.md).
THREADS=${TRAZA_STACK_THREADS:-200}
DB=${TRAZA_STACK_DB:-postgresql}
WSGI=${TRAZA_STACK_WSGI:-forum.wsgi:app}
PY=${PYTHON:-python3}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
AS_PG=()
[ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)

die() { echo "stack: $*" >&2; exit 1; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
static_dir() { "$PY" -c 'import forum, pathlib; h = pathlib.Path(forum.__file__).parent; print(h / "static" if (h / "static").is_dir() else h.parent / "static")'; }

wait_http() {  # url, seconds
  for _ in $(seq 1 "$(( $2 * 10 ))"); do
    if "$PY" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

up() {
  [ -e "$DIR/env" ] && die "$DIR holds a stack already: run '$0 down' first"
  [ -x "$NGINX" ] || die "nginx is missing (apt-get install nginx)"
  command -v redis-server >/dev/null || die "redis-server is missing (apt-get install redis-server)"
  case "$DB" in postgresql|sqlite) ;; *) die "TRAZA_STACK_DB is postgresql or sqlite, not '$DB'" ;; esac
  mkdir -p "$DIR"/{logs,run,instance,redis,nginx,data}
  local redis_port database; redis_port=$(free_port)
  if [ "$DB" = postgresql ]; then
    local bin; bin=$(pg_bin); [ -n "$bin" ] || die "PostgreSQL is missing (apt-get install postgresql)"
    local pg_port; pg_port=$(free_port)
    # PostgreSQL: a cluster of its own, trust on loopback only. As root, the cluster lives
    # where the postgres user may reach it (the stack folder may sit under a private one).
    local pg; pg=$DIR/pg
    if [ "$(id -u)" = 0 ]; then pg=$(mktemp -d /tmp/traza-stack-pg.XXXXXX); chown postgres "$pg"; fi
    echo "$pg" >"$DIR/run/pgdir"
    "${AS_PG[@]}" "$bin/initdb" -D "$pg/data" -A trust -U postgres >"$DIR/logs/initdb.log"
    "${AS_PG[@]}" "$bin/pg_ctl" -D "$pg/data" -w -l "$pg/postgres.log" \
        -o "-p $pg_port -k $pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    "${AS_PG[@]}" "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres traza
    database=postgresql+psycopg://postgres@127.0.0.1:$pg_port/traza
  else
    database=sqlite:///$DIR/data/traza.db  # WAL: the processes read side by side, one writes at a time
  fi

  # Redis: the Socket.IO message queue and the rate-limit counters, no persistence.
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$DIR/redis" \
      --daemonize yes --pidfile "$DIR/run/redis.pid" --logfile "$DIR/logs/redis.log"

  local secret; secret=$("$PY" -c 'import secrets; print(secrets.token_hex(32))')
  cat >"$DIR/env" <<ENV
TRAZA_ENV=production
TRAZA_DATABASE_URL=$database
TRAZA_MESSAGE_QUEUE=redis://127.0.0.1:$redis_port/0
TRAZA_SECRET_KEY=$secret
TRAZA_INSTANCE_PATH=$DIR/instance
TRAZA_PUBLIC_URL=http://127.0.0.1:$PORT
TRAZA_PROXY_COUNT=1
TRAZA_INSECURE_COOKIES=1
ENV
  set -a; . "$DIR/env"; set +a
  (cd "$ROOT" && "$PY" -m flask --app forum up --no-serve) >"$DIR/logs/migrate.log" 2>&1 \
      || die "migrations or demo data failed: see $DIR/logs/migrate.log"

  local upstreams="" app_port
  for i in $(seq 1 "$APPS"); do
    app_port=$(free_port)
    (cd "$ROOT" && "$PY" -m gunicorn -w 1 -k gthread --threads "$THREADS" --keep-alive 65 --no-control-socket -b "127.0.0.1:$app_port" \
        --pid "$DIR/run/app$i.pid" --daemon --access-logfile "$DIR/logs/app$i.access.log" \
        --error-logfile "$DIR/logs/app$i.log" "$WSGI")
    echo "$app_port" >"$DIR/run/app$i.port"
    upstreams+="    server 127.0.0.1:$app_port max_fails=1 fail_timeout=5s;"$'\n'
  done

  local static; static=$(static_dir)
  { [ "$(id -u)" = 0 ] && echo "user root;"
    echo "worker_processes 1; pid $DIR/run/nginx.pid; error_log $DIR/logs/nginx.error.log;"
    echo "events { worker_connections 4096; }"
    echo "http { include /etc/nginx/mime.types;"
    # each request's time and the page cache's answer: bench/busy.py reads them per page
    echo "log_format timed '\$request_uri \$status \$request_time \$upstream_http_x_page_cache';"
    echo "access_log $DIR/logs/nginx.access.log timed;"
    echo "client_body_temp_path $DIR/nginx/body; proxy_temp_path $DIR/nginx/proxy;"
    echo "fastcgi_temp_path $DIR/nginx/fastcgi; uwsgi_temp_path $DIR/nginx/uwsgi; scgi_temp_path $DIR/nginx/scgi;"
    UPSTREAMS="$upstreams" LISTEN="127.0.0.1:$PORT" STATIC="$static" "$PY" - "$ROOT/deploy/nginx/traza.conf" <<'PYEOF'
import os, sys
text = open(sys.argv[1]).read()
for name in ("UPSTREAMS", "LISTEN", "STATIC"):
    text = text.replace(f"@{name}@", os.environ[name].rstrip("\n"))
print(text)
PYEOF
    echo "}"; } >"$DIR/nginx.conf"
  "$NGINX" -t -c "$DIR/nginx.conf" -p "$DIR/nginx" >"$DIR/logs/nginx.test.log" 2>&1 \
      || die "nginx refused its configuration: see $DIR/logs/nginx.test.log"
  "$NGINX" -c "$DIR/nginx.conf" -p "$DIR/nginx"

  for i in $(seq 1 "$APPS"); do
    wait_http "http://127.0.0.1:$(cat "$DIR/run/app$i.port")/" 60 || die "app process $i did not answer: $DIR/logs/app$i.log"
  done
  wait_http "http://127.0.0.1:$PORT/" 30 || die "nginx did not answer on $PORT: $DIR/logs/nginx.error.log"
  local where="PostgreSQL :${pg_port:-}"; [ "$DB" = sqlite ] && where="SQLite $DIR/data/traza.db"
  echo "Traza is up on http://127.0.0.1:$PORT/ ($APPS app processes, $where, Redis :$redis_port)"
  echo "settings: $DIR/env   logs: $DIR/logs/   down: $0 down"
}

down() {
  [ -d "$DIR" ] || { echo "no stack in $DIR"; return 0; }
  [ -f "$DIR/run/nginx.pid" ] && "$NGINX" -c "$DIR/nginx.conf" -p "$DIR/nginx" -s stop 2>/dev/null || true
  for pidfile in "$DIR"/run/app*.pid "$DIR/run/redis.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  local bin pg; bin=$(pg_bin); pg=$(cat "$DIR/run/pgdir" 2>/dev/null || echo "$DIR/pg")
  [ -n "$bin" ] && [ -d "$pg/data" ] && "${AS_PG[@]}" "$bin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true
  for _ in $(seq 1 50); do  # until every process let go of its port
    alive=0
    for pidfile in "$DIR"/run/*.pid; do [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break; sleep 0.1
  done
  [ "$pg" != "$DIR/pg" ] && rm -rf "$pg"
  rm -rf "$DIR"
  echo "stack in $DIR is down"
}

status() {
  [ -f "$DIR/env" ] || { echo "no stack in $DIR"; return 1; }
  for pidfile in "$DIR"/run/*.pid; do
    name=$(basename "$pidfile" .pid)
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "$name: running"; else echo "$name: stopped"; fi
  done
}

case "${1:-}" in
  up) up ;; down) down ;; status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
