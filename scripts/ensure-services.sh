#!/usr/bin/env bash
# Make sure the local PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer, starting them if not.
# Idempotent: does nothing when both already answer. Used by .ci/run; the start commands are the ones this
# machine kind uses (see the tool library's env/machines/node-svc.md).
set -euo pipefail

WAIT_SECONDS="${WAIT_SECONDS:-30}"

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

# wait_for NAME CHECK_FUNCTION
wait_for() {
  local name="$1" check="$2" i
  for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    if "$check"; then echo "ensure-services: $name is up"; return 0; fi
    sleep 0.5
  done
  echo "ensure-services: ERROR: $name did not answer on 127.0.0.1 within ${WAIT_SECONDS}s" >&2
  return 1
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "ensure-services: ERROR: '$1' not found; $2" >&2; exit 1; }
}

ensure_postgres() {
  need pg_isready "install PostgreSQL (apt-get install postgresql)"
  if pg_up; then echo "ensure-services: PostgreSQL answers on 127.0.0.1:5432"; return 0; fi
  need pg_ctlcluster "install PostgreSQL (apt-get install postgresql)"
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$version" ]; then
    echo "ensure-services: ERROR: no cluster under /etc/postgresql to start" >&2
    return 1
  fi
  echo "ensure-services: starting PostgreSQL $version/main"
  # "already running" (exit 2) is fine: we wait for it to answer below.
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for PostgreSQL pg_up
}

ensure_redis() {
  need redis-cli "install Redis (apt-get install redis-server)"
  if redis_up; then echo "ensure-services: Redis answers on 127.0.0.1:6379"; return 0; fi
  need redis-server "install Redis (apt-get install redis-server)"
  echo "ensure-services: starting redis-server"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  wait_for Redis redis_up
}

ensure_postgres
ensure_redis
