"""Renders the gateway's nginx config for compose or Kubernetes into one directory.

Runs in the FitLedger image (compose one-shot service `gateway-config`, Kubernetes init
container of the gateway) and writes, into OUTPUT (shared with the nginx container):

    OUTPUT/gateway.conf        the http{} block, upstreams at the platform's service names
    OUTPUT/deploy/nginx/*.conf the includes the block names (security headers, proxy settings)

The nginx container's top-level config (deploy/containers/nginx.conf, or the Kubernetes
ConfigMap `gateway-nginx`) includes OUTPUT/gateway.conf. Rate limits and body size come from
the same environment variables as the local stack (GATEWAY_RATE_PER_SECOND, ...).
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from backend_services.stack.render import render_gateway
from backend_services.stack.topology import SERVICES, StackSettings

NGINX_SOURCES = Path(__file__).resolve().parents[1] / "nginx"
SERVICE_PORT = 8000
# Compose runs each service with `deploy.replicas: 2` behind one DNS name (nginx resolves
# every replica's address at start); Kubernetes gives each service one ClusterIP Service.
UI_SERVERS = {"ui_frontend": "ui-frontend:3000", "ui_backend": "ui-backend:8000"}


def render(output: Path, *, with_ui: bool, listen_port: int) -> Path:
    conf_dir = output / "deploy" / "nginx"
    conf_dir.mkdir(parents=True, exist_ok=True)
    for source in NGINX_SOURCES.iterdir():
        if source.is_file():
            shutil.copy2(source, conf_dir / source.name)
    settings = StackSettings(
        root=output, gateway_host="0.0.0.0", gateway_port=listen_port, with_ui=with_ui
    )
    servers = {spec.name: [f"{spec.name}:{SERVICE_PORT}"] for spec in SERVICES}
    if with_ui:
        servers.update({name: [address] for name, address in UI_SERVERS.items()})
    text = render_gateway(
        settings,
        standalone=False,
        upstream_servers=servers,
        access_log="/dev/stdout",
        # The secret the UI backend reads too (Kubernetes: the Secret fitledger-ui-gateway-key).
        ui_key=os.environ.get("UI_GATEWAY_KEY", ""),
    )
    if "127.0.0.1" in text:
        raise SystemExit("rendered gateway config still points at 127.0.0.1")
    target = output / "gateway.conf"
    target.write_text(text)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("/etc/fitledger"))
    parser.add_argument("--listen-port", type=int, default=8080)
    parser.add_argument("--without-ui", action="store_true")
    args = parser.parse_args()
    target = render(args.output, with_ui=not args.without_ui, listen_port=args.listen_port)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
