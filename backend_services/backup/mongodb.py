"""MongoDB: every collection of the service database as a file of raw BSON documents, through
pymongo (the same code path for SecantusDB locally and a MongoDB replica set)."""

from __future__ import annotations

from typing import Any

import bson
from bson.codec_options import CodecOptions
from bson.raw_bson import RawBSONDocument
from pymongo.database import Database

from .archive import ArchiveReader, ArchiveWriter

RAW = CodecOptions(document_class=RawBSONDocument)
BATCH = 1000


def dump_database(db: Database, archive: ArchiveWriter) -> dict[str, Any]:
    collections: dict[str, Any] = {}
    for name in sorted(db.list_collection_names()):
        if name.startswith("system."):
            continue
        file_name = f"mongodb/{name}.bson"
        count = 0
        with archive.path_for(file_name).open("wb") as file:
            for document in db.get_collection(name, codec_options=RAW).find(sort=[("_id", 1)]):
                file.write(document.raw)
                count += 1
        archive.added(file_name)
        collections[name] = {"file": file_name, "documents": count}
    return {"database": db.name, "collections": collections}


def restore_database(db: Database, reader: ArchiveReader, manifest: dict[str, Any]) -> None:
    """Each collection's documents replaced by the archive's (its indexes stay)."""
    for name in sorted(set(db.list_collection_names()) - set(manifest["collections"])):
        if not name.startswith("system."):
            db[name].delete_many({})
    for name, entry in manifest["collections"].items():
        collection = db.get_collection(name, codec_options=RAW)
        collection.delete_many({})
        with reader.open(entry["file"]) as file:
            documents = bson.decode_file_iter(file, RAW)
            batch: list[RawBSONDocument] = []
            for document in documents:
                batch.append(document)
                if len(batch) == BATCH:
                    collection.insert_many(batch, ordered=True)
                    batch = []
            if batch:
                collection.insert_many(batch, ordered=True)
