#!/usr/bin/env bash
# The production stack, natively: migrations, static files, the background worker
# and gunicorn, against PostgreSQL and Redis on this machine (or wherever
# DATABASE_URL and REDIS_URL point). `make serve` runs this; docker-compose.yml runs
# the same commands in containers.
#
#   SECRET_KEY=... ALLOWED_HOSTS=conference.example.org deploy/serve.sh
#   deploy/serve.sh --dry-run    # print what would run, run nothing
set -euo pipefail
cd "$(dirname "$0")/.."

DRY_RUN=0
if [[ "${1:-}" == "--dry-run" ]]; then DRY_RUN=1; fi

PYTHON="${PYTHON:-.venv/bin/python}"
[[ -x "$PYTHON" ]] || PYTHON=python3

export DEBUG="${DEBUG:-0}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/alliance}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export RATELIMIT_CACHE_URL="${RATELIMIT_CACHE_URL:-$REDIS_URL}"
export GUNICORN_BIND="${GUNICORN_BIND:-${HOST:-127.0.0.1}:${PORT:-8000}}"

if [[ -z "${SECRET_KEY:-}" ]] && ! grep -qs '^SECRET_KEY=' .env; then
  if [[ $DRY_RUN == 1 ]]; then
    export SECRET_KEY="dry-run-only"
  else
    echo "serve: set SECRET_KEY (in the environment or in .env), for example:" >&2
    echo "  export SECRET_KEY=\"\$($PYTHON -c 'import secrets; print(secrets.token_urlsafe(50))')\"" >&2
    exit 2
  fi
fi

run() {
  echo "+ $*"
  if [[ $DRY_RUN == 0 ]]; then "$@"; fi
}

run "$PYTHON" manage.py migrate --no-input
run "$PYTHON" manage.py collectstatic --no-input --verbosity 0

WORKER=("$PYTHON" manage.py db_worker --queue-name '*')
GUNICORN=("$PYTHON" -m gunicorn -c deploy/gunicorn.conf.py alliance.wsgi)
if [[ $DRY_RUN == 1 ]]; then
  echo "+ ${WORKER[*]} &"
  echo "+ ${GUNICORN[*]}  # on $GUNICORN_BIND"
  exit 0
fi

# The worker and gunicorn run side by side; when one of them ends, so does the other.
"${WORKER[@]}" &
WORKER_PID=$!
"${GUNICORN[@]}" &
WEB_PID=$!
stop() { kill -TERM "$WEB_PID" "$WORKER_PID" 2>/dev/null || true; }
trap stop TERM INT
echo "serve: gunicorn on http://$GUNICORN_BIND (pid $WEB_PID), worker pid $WORKER_PID"
status=0
wait -n "$WEB_PID" "$WORKER_PID" || status=$?
stop
wait || true
exit "$status"
