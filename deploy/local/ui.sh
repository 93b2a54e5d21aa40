#!/usr/bin/env bash
# FitLedger UI (Reflex 0.10): install bun, build the production frontend, run the servers.
#
#   deploy/local/ui.sh install-bun    bun from the npm registry into .local/bun (idempotent)
#   deploy/local/ui.sh build          compile the app + production frontend into .web/build/client
#   deploy/local/ui.sh run-backend    Reflex backend (websocket /_event, /ping, /_upload, ...) on UI_BACKEND_PORT
#   deploy/local/ui.sh run-frontend   static server for the built frontend on UI_FRONTEND_PORT
#   deploy/local/ui.sh run            both of the above in the foreground (for a shell; under
#                                     supervisord prefer one program per run-* subcommand)
#
# Run from anywhere; it works in the project root. The run-* commands exec the server, so
# the server is the process supervisord signals; SIGTERM stops it and its workers.
# Nothing is downloaded except npm packages from the npm registry (bun itself and the
# frontend dependencies during `build`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

VENV="${VENV:-$ROOT/.venv}"
REFLEX="$VENV/bin/reflex"
PYTHON="$VENV/bin/python"
BUN_PREFIX="$ROOT/.local/bun"
BUN_PACKAGE="@oven/bun-linux-x64"
# Reflex 0.10.1 requires bun >= 1.4.4; pin the major.minor so builds are reproducible.
BUN_VERSION="${BUN_VERSION:-1.4}"

export UI_FRONTEND_PORT="${UI_FRONTEND_PORT:-3000}"
export UI_BACKEND_PORT="${UI_BACKEND_PORT:-8000}"
export UI_BIND_HOST="${UI_BIND_HOST:-127.0.0.1}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:8080}"
export REDIS_URL="${REDIS_URL:-redis://localhost:6379/0}"
export GATEWAY_INTERNAL_URL="${GATEWAY_INTERNAL_URL:-http://127.0.0.1:8080}"

export REFLEX_BUN_PATH="${REFLEX_BUN_PATH:-$BUN_PREFIX/node_modules/$BUN_PACKAGE/bin/bun}"
export REFLEX_TELEMETRY_ENABLED=false
# No PyPI "newer version" probe at startup.
export REFLEX_CHECK_LATEST_VERSION=false
# Without this Reflex times registry.npmjs.org against registry.npmmirror.com to pick one.
export NPM_CONFIG_REGISTRY="${NPM_CONFIG_REGISTRY:-https://registry.npmjs.org}"
# Reflex's own cache dir (default ~/.local/share/reflex) stays inside the project.
export REFLEX_DIR="${REFLEX_DIR:-$ROOT/.local/reflex}"
# Reflex defaults to 2*cores+1 backend workers; 2 is plenty for a self-hosted UI.
export GRANIAN_WORKERS="${UI_BACKEND_WORKERS:-2}"

die() { echo "ui.sh: $*" >&2; exit 1; }

have_bun() { [[ -x "$REFLEX_BUN_PATH" ]] && "$REFLEX_BUN_PATH" --version >/dev/null 2>&1; }

install_bun() {
    if have_bun; then
        echo "bun $("$REFLEX_BUN_PATH" --version) already at $REFLEX_BUN_PATH"
        return
    fi
    command -v npm >/dev/null || die "npm is needed to fetch bun from the npm registry"
    mkdir -p "$BUN_PREFIX"
    npm install --prefix "$BUN_PREFIX" --no-audit --no-fund --no-save \
        --registry "$NPM_CONFIG_REGISTRY" "$BUN_PACKAGE@$BUN_VERSION"
    have_bun || die "bun did not install at $REFLEX_BUN_PATH"
    echo "bun $("$REFLEX_BUN_PATH" --version) installed at $REFLEX_BUN_PATH"
}

build() {
    have_bun || install_bun
    [[ -x "$REFLEX" ]] || die "no reflex at $REFLEX (pip install -e '.[dev]' into $VENV)"
    echo "building for PUBLIC_URL=$PUBLIC_URL (baked into the bundle)"
    # Compiles app/, installs frontend packages with bun, runs the vite production build
    # (prerendered pages) into .web/build/client. No zip: we serve .web in place.
    "$REFLEX" export --frontend-only --no-zip --env prod
    [[ -f .web/build/client/index.html ]] || die "build produced no .web/build/client/index.html"
    # Radix Themes' stylesheet without the breakpoints and colours no page uses (app/css_trim.py).
    "$PYTHON" -m app.css_trim .web/build/client/assets
}

require_build() {
    [[ -f .web/build/client/index.html ]] || die "no production build; run: $0 build"
}

run_backend() {
    require_build
    # The env var, not --backend-only, so rxconfig.py also sees it and drops frontend_port.
    export REFLEX_BACKEND_ONLY=true
    exec "$REFLEX" run --env prod --backend-host "$UI_BIND_HOST"
}

run_frontend() {
    require_build
    # `reflex run --env prod --frontend-only` would recompile and rebuild on every start;
    # this serves the finished build with the same ASGI app Reflex uses for that mode
    # (static files + SPA fallback + precompressed .gz), in one uvicorn process.
    export REFLEX_FRONTEND_ONLY=true
    exec "$PYTHON" -m uvicorn --factory reflex.utils.exec:_frontend_prod_app \
        --host "$UI_BIND_HOST" --port "$UI_FRONTEND_PORT" --no-access-log --log-level warning
}

run_both() {
    require_build
    local pids=()
    "$0" run-backend & pids+=($!)
    "$0" run-frontend & pids+=($!)
    # Forward SIGTERM/SIGINT to both servers, then wait for them to finish.
    trap 'kill -TERM "${pids[@]}" 2>/dev/null || true' TERM INT
    # If either server exits, stop the other too.
    wait -n "${pids[@]}" || true
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
}

case "${1:-}" in
    install-bun) install_bun ;;
    build) build ;;
    run-backend) run_backend ;;
    run-frontend) run_frontend ;;
    run) run_both ;;
    *) echo "usage: $0 {install-bun|build|run-backend|run-frontend|run}" >&2; exit 2 ;;
esac
