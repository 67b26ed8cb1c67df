#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and instance folder,
# then verify the trail there before anyone uses it.
#
#   deploy/restore.sh DATABASE_BACKUP KEYS_TAR
#
# Restores into TRAZA_DATABASE_URL and TRAZA_INSTANCE_PATH. Exits non-zero, saying why, if
# the restored trail does not verify.
set -euo pipefail
DB=${1:?usage: deploy/restore.sh DATABASE_BACKUP KEYS_TAR}
KEYS=${2:?usage: deploy/restore.sh DATABASE_BACKUP KEYS_TAR}
PY=${PYTHON:-python3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
URL=${TRAZA_DATABASE_URL:?TRAZA_DATABASE_URL is not set}
INSTANCE=${TRAZA_INSTANCE_PATH:?TRAZA_INSTANCE_PATH is not set}
mkdir -p "$INSTANCE"
if [ -e "$INSTANCE/trail-signing-key.pem" ]; then
  echo "restore: $INSTANCE already holds a signing key; restore into an empty instance folder" >&2; exit 1
fi
case "$URL" in
  postgresql*) pg_restore --no-owner --exit-on-error --dbname "${URL/+psycopg/}" "$DB" ;;
  sqlite*) DEST=${URL#sqlite:///}; [ -e "$DEST" ] && { echo "restore: $DEST exists" >&2; exit 1; }; cp "$DB" "$DEST" ;;
  *) echo "restore: unknown database URL $URL" >&2; exit 1 ;;
esac
(umask 077 && tar -C "$INSTANCE" -xf "$KEYS")
cd "$ROOT"
"$PY" -m flask --app forum trail verify
