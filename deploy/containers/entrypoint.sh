#!/bin/sh
# FitLedger image entry point: one image, the role chosen by the arguments (compose `command`,
# Kubernetes `args`).
#
#   serve <service>          uvicorn on 0.0.0.0:$PORT (default 8000)
#   worker <service>         outbox relay + consumers; metrics on $METRICS_PORT (default 9100)
#   migrate                  create the database if missing, upgrade every service schema
#   keys <dir> [<jwks-dir>]  create an Ed25519 signing key if <dir> has none; copy jwks.json
#   render-gateway ...       the gateway's nginx config (deploy/containers/render_gateway.py)
#   healthcheck              what the image's HEALTHCHECK runs
#   anything else            exec'd as is (e.g. `python`, `fitledger`)
set -eu

HEALTH_URL_FILE=/tmp/fitledger-health-url

fresh_metrics_dir() {
    # prometheus-client's multiprocess files must not outlive the process that wrote them.
    rm -rf "${PROMETHEUS_MULTIPROC_DIR:?}"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
}

command="${1:-}"
[ $# -gt 0 ] && shift

case "$command" in
    serve)
        service="${1:?usage: serve <service>}"
        fresh_metrics_dir
        echo "http://127.0.0.1:${PORT:-8000}/healthz" > "$HEALTH_URL_FILE"
        exec uvicorn "backend_services.${service}.main:create_app" --factory \
            --host 0.0.0.0 --port "${PORT:-8000}" --no-access-log \
            --proxy-headers --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-*}" \
            --timeout-graceful-shutdown 10
        ;;
    worker)
        service="${1:?usage: worker <service>}"
        fresh_metrics_dir
        export METRICS_PORT="${METRICS_PORT:-9100}"
        echo "http://127.0.0.1:${METRICS_PORT}/metrics" > "$HEALTH_URL_FILE"
        exec python -m "backend_services.${service}.worker"
        ;;
    migrate)
        exec python - <<'PY'
import os
from backend_services.stack.runner import ensure_database, migrate
url = os.environ["DATABASE_URL"]
if os.environ.get("CREATE_DATABASE", "true") == "true":
    ensure_database(url)
migrate(url)
print("migrations applied")
PY
        ;;
    keys)
        keys_dir="${1:?usage: keys <dir> [<jwks-dir>]}"
        python -c 'import sys; from pathlib import Path; from backend_services.stack.runner import ensure_keys; ensure_keys(Path(sys.argv[1]))' "$keys_dir"
        if [ $# -ge 2 ]; then cp "$keys_dir/jwks.json" "$2/jwks.json"; fi
        ;;
    render-gateway)
        exec python /app/deploy/containers/render_gateway.py "$@"
        ;;
    healthcheck)
        # One-shot roles (migrate, keys) write no URL: nothing to check.
        [ -f "$HEALTH_URL_FILE" ] || exit 0
        exec python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' \
            "$(cat "$HEALTH_URL_FILE")"
        ;;
    "")
        echo "usage: serve|worker <service> | migrate | keys <dir> | render-gateway | healthcheck" >&2
        exit 2
        ;;
    *)
        exec "$command" "$@"
        ;;
esac
