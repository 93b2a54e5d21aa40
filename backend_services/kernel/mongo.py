"""MongoDB through pymongo only: one code path for SecantusDB locally and MongoDB in production."""

from __future__ import annotations

from pymongo import MongoClient
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
