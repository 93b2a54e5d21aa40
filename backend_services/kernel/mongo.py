"""MongoDB through pymongo only: one code path for SecantusDB locally and MongoDB in production."""

from __future__ import annotations

from typing import Any

from pymongo import MongoClient
from pymongo.collection import Collection
from pymongo.database import Database


def make_mongo_client(uri: str, *, timeout_ms: int = 2000, journal: bool = True) -> MongoClient:
    """``journal=True`` (write concern ``j: true``): a write is acknowledged only once it is in
    the server's journal, so an acknowledged write survives a server crash. With the default
    ``j: false`` a SIGKILL of the server right after the ack loses the write."""
    return MongoClient(
        uri,
        journal=journal,
        serverSelectionTimeoutMS=timeout_ms,
        connectTimeoutMS=timeout_ms,
        socketTimeoutMS=max(timeout_ms * 5, 10000),
        tz_aware=True,
        uuidRepresentation="standard",
    )


def default_database(client: MongoClient, fallback: str = "fitledger") -> Database:
    """The database named in the URI's path, else ``fallback``."""
    return client.get_default_database(default=fallback)


def ping_mongo(client: MongoClient) -> None:
    client.admin.command("ping")


def update_and_read(
    collection: Collection, where: dict[str, Any], change: Any, projection: Any = None
) -> dict[str, Any] | None:
    """``find_one_and_update(where, change, return_document=AFTER)`` as two indexed steps: the
    atomic conditional ``update_one`` (``where`` names the ``_id``), then the document by its
    ``_id``; ``None`` when nothing matched. SecantusDB runs findAndModify as a collection scan
    whatever its filter (460-490 ms at 10,000 workouts even by ``_id`` alone), while both of
    these are point lookups (4.5 and 2 ms). The read may already show a later write of another
    request, never an earlier state than this one's."""
    if collection.update_one(where, change).matched_count == 0:
        return None
    return collection.find_one({"_id": where["_id"]}, projection)
