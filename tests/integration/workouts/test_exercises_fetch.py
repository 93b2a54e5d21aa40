"""``fitledger data fetch exercises``: download from a loopback server, verify, import into
the MongoDB wire server."""

from __future__ import annotations

import uuid
from pathlib import Path

from file_server import data_fetch, serve, sha
from pymongo import MongoClient
from reference_data import EXERCISES_SAMPLE


def test_fetch_exercises_downloads_verifies_and_imports(secantus_uri: str, tmp_path: Path) -> None:
    body = EXERCISES_SAMPLE.read_bytes()
    database = f"fetch_{uuid.uuid4().hex[:10]}"
    client: MongoClient = MongoClient(secantus_uri)
    try:
        with serve() as (base, files):
            files.content["/exercises.json"] = body
            result = data_fetch(
                "exercises",
                tmp_path,
                f"{base}/exercises.json",
                sha(body),
                "--mongodb-uri",
                secantus_uri.replace("/?", f"/{database}?"),
            )
        assert result.exit_code == 0, result.output
        assert '"inserted": 26' in result.output
        stored = client[database]["exercises"].count_documents({"_id": {"$regex": "^fedb:"}})
        assert stored == 26
    finally:
        client.drop_database(database)
        client.close()
