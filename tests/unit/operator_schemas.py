"""JSON Schemas for the operators' custom resources the production overlay uses, checked with
jsonschema in tests/unit/test_kustomize.py (kubernetes-validate knows only built-in kinds).

Each is a subset, written by hand, of what the operator's CRD (its ``openAPIV3Schema``)
says about the fields our manifests use: the fields it requires, their types and enums.
Unlike the CRDs, ``spec`` and the objects under it are closed: a misspelt field fails here,
where the API server would silently prune it. MongoDBCommunity's required fields and
patterns follow the operator's CRD; CloudNativePG's and the RabbitMQ operator's follow their
API references. A validator that loads the operators' real CRDs would replace this module.
"""

from __future__ import annotations

from typing import Any

_OBJECT = {"type": "object"}
_SECRET_KEY = {
    "type": "object",
    "required": ["name", "key"],
    "properties": {"name": {"type": "string"}, "key": {"type": "string"}},
}
_QUANTITY = {"type": ["string", "integer"]}
_STRING_MAP = {"type": "object", "additionalProperties": {"type": "string"}}
_DNS_SUBDOMAIN = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"


def _resource(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["apiVersion", "kind", "metadata", "spec"],
        "properties": {
            "metadata": {"type": "object", "required": ["name", "namespace"]},
            "spec": spec,
        },
    }


def _closed(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


CLUSTER = _resource(
    _closed(
        ["instances"],
        {
            "instances": {"type": "integer", "minimum": 1},
            "inheritedMetadata": _closed([], {"annotations": _STRING_MAP, "labels": _STRING_MAP}),
            "imageName": {"type": "string"},
            "minSyncReplicas": {"type": "integer", "minimum": 0},
            "maxSyncReplicas": {"type": "integer", "minimum": 0},
            "primaryUpdateStrategy": {"enum": ["unsupervised", "supervised"]},
            "postgresql": {
                "type": "object",
                "properties": {
                    "parameters": {"type": "object", "additionalProperties": {"type": "string"}}
                },
            },
            "bootstrap": _closed(
                [],
                {
                    "initdb": _closed(
                        [],
                        {
                            "database": {"type": "string"},
                            "owner": {"type": "string"},
                            "secret": _closed(["name"], {"name": {"type": "string"}}),
                        },
                    )
                },
            ),
            "storage": _closed([], {"size": {"type": "string"}}),
            "walStorage": _closed([], {"size": {"type": "string"}}),
            "resources": _OBJECT,
            "affinity": _closed(
                [],
                {
                    "enablePodAntiAffinity": {"type": "boolean"},
                    "podAntiAffinityType": {"enum": ["preferred", "required"]},
                    "topologyKey": {"type": "string"},
                },
            ),
            "backup": _closed(
                [],
                {
                    "retentionPolicy": {"type": "string", "pattern": "^[1-9][0-9]*[dwm]$"},
                    "barmanObjectStore": _closed(
                        ["destinationPath"],
                        {
                            "destinationPath": {"type": "string", "minLength": 1},
                            "endpointURL": {"type": "string"},
                            "s3Credentials": _closed(
                                [],
                                {"accessKeyId": _SECRET_KEY, "secretAccessKey": _SECRET_KEY},
                            ),
                            "wal": _closed(
                                [], {"compression": {"enum": ["gzip", "bzip2", "snappy"]}}
                            ),
                            "data": _closed(
                                [], {"compression": {"enum": ["gzip", "bzip2", "snappy"]}}
                            ),
                        },
                    ),
                },
            ),
        },
    )
)

SCHEDULED_BACKUP = _resource(
    _closed(
        ["schedule", "cluster"],
        {
            # six fields: CloudNativePG's cron has seconds
            "schedule": {"type": "string", "pattern": r"^\S+( \S+){5}$"},
            "cluster": _closed(["name"], {"name": {"type": "string"}}),
            "backupOwnerReference": {"enum": ["none", "self", "cluster"]},
        },
    )
)

MONGODB_COMMUNITY = _resource(
    _closed(
        ["type", "version", "security", "users"],
        {
            "members": {"type": "integer", "minimum": 1},
            "type": {"enum": ["ReplicaSet"]},
            "version": {"type": "string", "pattern": r"^\d+\.\d+\.\d+$"},
            "security": _closed(
                [],
                {
                    "authentication": _closed(
                        ["modes"],
                        {
                            "modes": {
                                "type": "array",
                                "minItems": 1,
                                "items": {
                                    "enum": ["SCRAM", "SCRAM-SHA-256", "SCRAM-SHA-1", "X509"]
                                },
                            }
                        },
                    )
                },
            ),
            "users": {
                "type": "array",
                "items": _closed(
                    ["name", "passwordSecretRef", "roles", "scramCredentialsSecretName"],
                    {
                        "name": {"type": "string"},
                        "db": {"type": "string"},
                        "passwordSecretRef": _closed(
                            ["name"], {"name": {"type": "string"}, "key": {"type": "string"}}
                        ),
                        "roles": {
                            "type": "array",
                            "items": _closed(
                                ["name", "db"],
                                {"name": {"type": "string"}, "db": {"type": "string"}},
                            ),
                        },
                        "scramCredentialsSecretName": {
                            "type": "string",
                            "pattern": _DNS_SUBDOMAIN,
                        },
                    },
                ),
            },
            "additionalMongodConfig": _OBJECT,
            "statefulSet": _closed(["spec"], {"spec": _OBJECT}),
        },
    )
)

RABBITMQ_CLUSTER = _resource(
    _closed(
        [],
        {
            "replicas": {"type": "integer", "minimum": 0},
            "image": {"type": "string"},
            "resources": _OBJECT,
            "persistence": _closed(
                [], {"storage": _QUANTITY, "storageClassName": {"type": "string"}}
            ),
            "rabbitmq": _closed(
                [],
                {
                    "additionalPlugins": {
                        "type": "array",
                        "maxItems": 100,
                        "items": {"type": "string", "pattern": "^\\w+$"},
                    },
                    "additionalConfig": {"type": "string", "maxLength": 100000},
                },
            ),
            "affinity": _OBJECT,
            "override": _OBJECT,
        },
    )
)

SCHEMAS = {
    ("postgresql.cnpg.io/v1", "Cluster"): CLUSTER,
    ("postgresql.cnpg.io/v1", "ScheduledBackup"): SCHEDULED_BACKUP,
    ("mongodbcommunity.mongodb.com/v1", "MongoDBCommunity"): MONGODB_COMMUNITY,
    ("rabbitmq.com/v1beta1", "RabbitmqCluster"): RABBITMQ_CLUSTER,
}
