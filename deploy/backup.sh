#!/usr/bin/env bash
# A consistent backup of Traza: the database and the instance folder's keys.
#
#   deploy/backup.sh DEST_DIR
#
# Reads TRAZA_DATABASE_URL and TRAZA_INSTANCE_PATH (as the app does; e.g. `set -a; . /etc/traza/env`).
# PostgreSQL: pg_dump in its custom format (one consistent snapshot while the app runs).
# SQLite: the online backup API (a consistent copy while the app writes).
# The keys: the trail signing key (without it no new checkpoint continues the signed log
# under the same key), the secret key, and any witness key kept there. Keep the
# backups where the database is not: they hold what an attacker would need to sign.
set -euo pipefail
DEST=${1:?usage: deploy/backup.sh DEST_DIR}
PY=${PYTHON:-python3}
URL=${TRAZA_DATABASE_URL:?TRAZA_DATABASE_URL is not set}
INSTANCE=${TRAZA_INSTANCE_PATH:?TRAZA_INSTANCE_PATH is not set (the folder with trail-signing-key.pem)}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$DEST"
umask 077
case "$URL" in
  postgresql*)
    LIBPQ=${URL/+psycopg/}
    pg_dump --format=custom --no-owner --file "$DEST/traza-$STAMP.dump" "$LIBPQ"
    DB="$DEST/traza-$STAMP.dump" ;;
  sqlite*)
    SRC=${URL#sqlite:///}
    "$PY" -c 'import sqlite3, sys; s = sqlite3.connect(sys.argv[1]); d = sqlite3.connect(sys.argv[2]); s.backup(d); d.close()' \
        "$SRC" "$DEST/traza-$STAMP.db"
    DB="$DEST/traza-$STAMP.db" ;;
  *) echo "backup: unknown database URL $URL" >&2; exit 1 ;;
esac
tar -C "$INSTANCE" -cf "$DEST/traza-$STAMP-keys.tar" $(cd "$INSTANCE" && ls secret_key *.pem 2>/dev/null)
echo "$DB"
echo "$DEST/traza-$STAMP-keys.tar"
