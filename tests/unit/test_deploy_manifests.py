"""Checks every deployment file under deploy/: parses, is consistent with the topology, and
passes promtool / Kubernetes schema validation when those tools are installed."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from backend_services.stack.runner import write_prometheus_config
from backend_services.stack.topology import PROJECT_ROOT, SERVICES, StackSettings

DEPLOY = PROJECT_ROOT / "deploy"
DASHBOARD = DEPLOY / "grafana" / "dashboards" / "fitledger-overview.json"
K8S_VERSION = "1.29"  # oldest Kubernetes the manifests must work on
OUR_METRICS = {
    "up",
    "http_requests_total",
    "http_request_duration_seconds_bucket",
    "http_requests_in_flight",
    "outbox_events_published_total",
    "outbox_relay_reconnects_total",
    "events_consumed_total",
    "audit_events_total",
}
needs_promtool = pytest.mark.skipif(
    shutil.which("promtool") is None, reason="promtool not installed (Debian package prometheus)"
)


def yaml_files() -> list[Path]:
    return sorted(p for ext in ("*.yml", "*.yaml") for p in DEPLOY.rglob(ext))


def k8s_documents() -> list[dict]:
    docs = []
    for path in sorted((DEPLOY / "kubernetes" / "base").glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        docs += [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    return docs


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["promtool", *args], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_yaml_file_parses(path: Path) -> None:
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    assert docs, f"{path} is empty"


@pytest.mark.parametrize(
    "path", sorted(DEPLOY.rglob("*.json")), ids=lambda p: str(p.relative_to(DEPLOY))
)
def test_every_json_file_parses(path: Path) -> None:
    json.loads(path.read_text())


def test_local_prometheus_config_scrapes_every_instance_and_worker(tmp_path: Path) -> None:
    settings = StackSettings(FITLEDGER_DATA_DIR=tmp_path)
    settings.run_dir.mkdir(parents=True)
    write_prometheus_config(settings)
    config = yaml.safe_load((settings.run_dir / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    services = {
        target
        for group in jobs["fitledger-services"]["static_configs"]
        for target in group["targets"]
    }
    assert services == {
        url.removeprefix("http://") for spec in SERVICES for url in settings.instance_urls(spec)
    }
    workers = {
        target
        for group in jobs["fitledger-workers"]["static_configs"]
        for target in group["targets"]
    }
    assert workers == {
        f"127.0.0.1:{settings.worker_metrics_port(spec)}" for spec in SERVICES if spec.worker
    }


@needs_promtool
def test_promtool_accepts_the_local_config(tmp_path: Path) -> None:
    settings = StackSettings(FITLEDGER_DATA_DIR=tmp_path)
    settings.run_dir.mkdir(parents=True)
    write_prometheus_config(settings)
    result = promtool("check", "config", str(settings.run_dir / "prometheus.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_promtool_accepts_the_rules() -> None:
    result = promtool("check", "rules", str(DEPLOY / "prometheus" / "rules.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_promtool_accepts_the_compose_config(tmp_path: Path) -> None:
    # Its rule file path is the container's; point it at the repository's copy.
    text = (DEPLOY / "prometheus" / "prometheus.compose.yml").read_text()
    text = text.replace("/etc/prometheus/rules.yml", str(DEPLOY / "prometheus" / "rules.yml"))
    (tmp_path / "prometheus.yml").write_text(text)
    result = promtool("check", "config", str(tmp_path / "prometheus.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_dashboard_is_well_formed() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] == "fitledger-overview"
    panels = dashboard["panels"]
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    queries = [t["expr"] for p in panels if p["type"] != "row" for t in p["targets"]]
    assert queries and all(q.strip() for q in queries)
    used = {
        name
        for q in queries
        for name in re.findall(r"\b([a-z_]+)\s*(?:\{|\[)", q)
        if name not in {"by", "without"}
    }
    assert used <= OUR_METRICS, f"unknown metrics in the dashboard: {used - OUR_METRICS}"
    for required in ("http_request_duration_seconds_bucket", "events_consumed_total"):
        assert required in used
    datasource = yaml.safe_load(
        (DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text()
    )["datasources"][0]
    variable = next(v for v in dashboard["templating"]["list"] if v["name"] == "datasource")
    assert variable["current"]["value"] == datasource["uid"]


def test_every_kubernetes_object_is_namespaced_and_named() -> None:
    for doc in k8s_documents():
        assert {"apiVersion", "kind", "metadata"} <= doc.keys(), doc
        assert doc["metadata"]["name"]
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "fitledger", doc["metadata"]["name"]


def test_every_service_has_deployment_hpa_pdb_and_probes() -> None:
    by_kind: dict[str, dict[str, dict]] = {}
    for doc in k8s_documents():
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    for spec in SERVICES:
        deployment = by_kind["Deployment"][spec.name]
        assert deployment["spec"]["replicas"] == 2
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert container["args"] == ["serve", spec.name]
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert {"requests", "limits"} <= container["resources"].keys()
        assert spec.name in by_kind["Service"]
        assert by_kind["HorizontalPodAutoscaler"][spec.name]["spec"]["minReplicas"] >= 2
        assert spec.name in by_kind["PodDisruptionBudget"]
        if spec.worker:
            worker = by_kind["Deployment"][f"{spec.name}-worker"]
            assert worker["spec"]["template"]["spec"]["containers"][0]["args"] == [
                "worker",
                spec.name,
            ]
    gateway_conf = by_kind["ConfigMap"]["gateway-nginx"]["data"]["nginx.conf"]
    assert gateway_conf == (DEPLOY / "containers" / "nginx.conf").read_text()


@pytest.mark.skipif(
    importlib.util.find_spec("kubernetes_validate") is None,
    reason="kubernetes-validate not installed",
)
def test_kubernetes_manifests_match_the_schemas() -> None:
    import kubernetes_validate

    for doc in k8s_documents():
        kubernetes_validate.validate(doc, K8S_VERSION, strict=True)


def test_compose_runs_every_service_twice_and_every_worker() -> None:
    compose = yaml.safe_load((DEPLOY / "containers" / "compose.yaml").read_text())
    services = compose["services"]
    for spec in SERVICES:
        assert services[spec.name]["command"] == ["serve", spec.name]
        assert services[spec.name]["deploy"]["replicas"] == 2
        if spec.worker:
            assert services[f"{spec.name}-worker"]["command"] == ["worker", spec.name]
    for store in ("postgres", "redis", "rabbitmq", "mongo", "gateway", "prometheus", "grafana"):
        assert store in services
    assert services["mongo"]["image"].startswith("mongo:")


def test_compose_gives_the_gateway_and_the_ui_backend_one_ui_key() -> None:
    """The gateway believes the browser address the UI backend names only with their shared
    key: both containers get it from one variable, and nothing else gets it."""
    compose = yaml.safe_load((DEPLOY / "containers" / "compose.yaml").read_text())
    holders = {
        name: service["environment"]["UI_GATEWAY_KEY"]
        for name, service in compose["services"].items()
        if "UI_GATEWAY_KEY" in (service.get("environment") or {})
    }
    assert set(holders) == {"gateway-config", "ui-backend"}
    assert len(set(holders.values())) == 1
    assert "UI_GATEWAY_KEY" in (DEPLOY / "containers" / ".env.example").read_text()


def test_deployment_gateway_config_points_at_service_names(tmp_path: Path) -> None:
    script = DEPLOY / "containers" / "render_gateway.py"
    result = subprocess.run(
        [sys.executable, str(script), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "gateway.conf").read_text()
    assert "127.0.0.1" not in text and "daemon off" not in text
    for spec in SERVICES:
        assert f"server {spec.name}:8000" in text
    assert (tmp_path / "deploy" / "nginx" / "proxy_common.conf").is_file()
