"""MongoDB access (pymongo only; identical for SecantusDB locally and MongoDB in production).

Collections: ``exercises`` (catalog + private custom ones), ``workouts`` (sessions with their
exercises, sets, results and embedded outbox), ``profiles`` (body-weight log per user),
``programs`` (users' own programs), ``daily_metrics`` (imported steps/active energy per day),
``import_jobs`` (progress of background imports).

Search: text indexes are off limits and SecantusDB does not use an index for an anchored
``$regex`` (explain shows COLLSCAN; MongoDB would), so every exercise stores ``search_keys`` =
every suffix (>= 2 chars) of every lower-cased word of its name, with a multikey index; a
case-insensitive prefix or substring query is then an index range scan
``{search_keys: {$gte: q, $lt: q + "\\uffff"}}`` on both servers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel, ReturnDocument
from pymongo.collection import Collection
from pymongo.database import Database

_WORD = re.compile(r"[a-z0-9]+")
MIN_KEY = 2


def search_name(name: str) -> str:
    return " ".join(_WORD.findall(name.lower()))


def search_keys(name: str) -> list[str]:
    """Suffixes of each word: a prefix match on them is a substring match on the word."""
    keys: set[str] = set()
    for word in _WORD.findall(name.lower()):
        keys.update(word[i:] for i in range(len(word) - MIN_KEY + 1) if len(word) >= MIN_KEY)
        keys.add(word)
    return sorted(keys)


def prefix_range(prefix: str) -> dict[str, str]:
    return {"$gte": prefix, "$lt": prefix + "\uffff"}


class WorkoutsRepository:
    def __init__(self, db: Database):
        self.db = db
        self.exercises: Collection = db["exercises"]
        self.workouts: Collection = db["workouts"]
        self.profiles: Collection = db["profiles"]
        self.programs: Collection = db["programs"]
        self.daily_metrics: Collection = db["daily_metrics"]
        self.import_jobs: Collection = db["import_jobs"]

    def create_indexes(self) -> None:
        """Idempotent; run at start-up by the API and the worker."""
        self.exercises.create_indexes(
            [
                IndexModel([("search_keys", ASCENDING)]),
                IndexModel([("owner_id", ASCENDING), ("search_name", ASCENDING)]),
                IndexModel([("primary_muscles", ASCENDING)]),
            ]
        )
        self.workouts.create_indexes(
            [
                IndexModel([("user_id", ASCENDING), ("local_date", DESCENDING)]),
                IndexModel(
                    [("user_id", ASCENDING), ("iso_year", ASCENDING), ("iso_week", ASCENDING)]
                ),
                IndexModel(
                    [
                        ("user_id", ASCENDING),
                        ("exercises.exercise_id", ASCENDING),
                        ("local_date", ASCENDING),
                    ]
                ),
                IndexModel(
                    [("user_id", ASCENDING), ("idempotency_key", ASCENDING)],
                    unique=True,
                    partialFilterExpression={"idempotency_key": {"$exists": True}},
                    name="user_idempotency_key",
                ),
                IndexModel(
                    [("user_id", ASCENDING), ("external_id", ASCENDING)],
                    unique=True,
                    partialFilterExpression={"external_id": {"$exists": True}},
                    name="user_external_id",
                ),
                # Only documents with unsent events carry the field: the relay's scan is tiny.
                IndexModel([("outbox_pending", ASCENDING)], sparse=True, name="outbox_pending"),
            ]
        )
        self.programs.create_indexes([IndexModel([("owner_id", ASCENDING)])])
        self.daily_metrics.create_indexes(
            [IndexModel([("user_id", ASCENDING), ("date", ASCENDING)])]
        )
        self.import_jobs.create_indexes([IndexModel([("user_id", ASCENDING)])])

    # ---- exercises
    def upsert_exercises(self, docs: Iterable[dict[str, Any]]) -> tuple[int, int, int]:
        """Insert or refresh shared exercises by id; returns (inserted, updated, unchanged)."""
        inserted = updated = unchanged = 0
        for doc in docs:
            doc = {
                **doc,
                "search_name": search_name(doc["name"]),
                "search_keys": search_keys(doc["name"]),
            }
            result = self.exercises.replace_one({"_id": doc["_id"]}, doc, upsert=True)
            if result.upserted_id is not None:
                inserted += 1
            elif result.modified_count:
                updated += 1
            else:
                unchanged += 1
        return inserted, updated, unchanged

    def insert_exercise(self, doc: dict[str, Any]) -> None:
        doc = {
            **doc,
            "search_name": search_name(doc["name"]),
            "search_keys": search_keys(doc["name"]),
        }
        self.exercises.insert_one(doc)

    def visible_exercise(self, user_id: str, exercise_id: str) -> dict[str, Any] | None:
        return self.exercises.find_one({"_id": exercise_id, "owner_id": {"$in": [None, user_id]}})

    def visible_exercises(self, user_id: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        docs = self.exercises.find(
            {"_id": {"$in": list(ids)}, "owner_id": {"$in": [None, user_id]}}
        )
        return {d["_id"]: d for d in docs}

    def search_exercises(
        self,
        user_id: str,
        *,
        words: Sequence[str],
        muscle: str | None,
        equipment: str | None,
        category: str | None,
        kind: str | None,
        limit: int,
    ) -> list[dict[str, Any]]:
        clauses: list[dict[str, Any]] = [{"owner_id": {"$in": [None, user_id]}}]
        # The longest word drives the index range; the others filter what it found.
        for word in sorted(words, key=len, reverse=True):
            clauses.append({"search_keys": prefix_range(word)})
        if muscle:
            clauses.append({"$or": [{"primary_muscles": muscle}, {"secondary_muscles": muscle}]})
        for field, value in (("equipment", equipment), ("category", category), ("kind", kind)):
            if value:
                clauses.append({field: value})
        cursor = self.exercises.find({"$and": clauses}).sort("search_name", ASCENDING).limit(limit)
        return list(cursor)

    def delete_custom_exercise(self, user_id: str, exercise_id: str) -> bool:
        return (
            self.exercises.delete_one({"_id": exercise_id, "owner_id": user_id}).deleted_count == 1
        )

    # ---- workouts
    def insert_workout(self, doc: dict[str, Any]) -> None:
        self.workouts.insert_one(doc)

    def get_workout(self, user_id: str, workout_id: str) -> dict[str, Any] | None:
        return self.workouts.find_one(
            {"_id": workout_id, "user_id": user_id, "deleted": {"$ne": True}}
        )

    def by_idempotency_key(self, user_id: str, key: str) -> dict[str, Any] | None:
        return self.workouts.find_one({"user_id": user_id, "idempotency_key": key})

    def replace_if_version(
        self, doc: dict[str, Any], version: int, changes: dict[str, Any]
    ) -> dict[str, Any] | None:
        """Optimistic concurrency: apply ``changes`` only if nobody wrote since ``version``."""
        return self.workouts.find_one_and_update(
            {
                "_id": doc["_id"],
                "user_id": doc["user_id"],
                "version": version,
                "deleted": {"$ne": True},
            },
            {"$set": changes, "$inc": {"version": 1}},
            return_document=ReturnDocument.AFTER,
        )

    def complete_workout(
        self, user_id: str, workout_id: str, version: int, changes: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The one atomic write of a completion: result, status and outbox events together.
        Matches only an in-progress workout at the version read, so completing twice (even
        concurrently) writes the events once."""
        return self.workouts.find_one_and_update(
            {
                "_id": workout_id,
                "user_id": user_id,
                "status": "in_progress",
                "version": version,
                "deleted": {"$ne": True},
            },
            {"$set": changes, "$inc": {"version": 1}},
            return_document=ReturnDocument.AFTER,
        )

    def delete_workout(self, user_id: str, workout_id: str) -> bool:
        """Delete; a workout whose events are not yet published is only hidden (the relay
        removes it after publishing), so an acknowledged completion is never lost."""
        gone = self.workouts.delete_one(
            {"_id": workout_id, "user_id": user_id, "outbox_pending": {"$exists": False}}
        ).deleted_count
        if gone:
            return True
        hidden = self.workouts.update_one(
            {"_id": workout_id, "user_id": user_id, "deleted": {"$ne": True}},
            {"$set": {"deleted": True}},
        ).modified_count
        return hidden == 1

    def list_workouts(
        self, user_id: str, date_from: str | None, date_to: str | None, limit: int
    ) -> list[dict[str, Any]]:
        query: dict[str, Any] = {"user_id": user_id, "deleted": {"$ne": True}}
        dates: dict[str, str] = {}
        if date_from:
            dates["$gte"] = date_from
        if date_to:
            dates["$lte"] = date_to
        if dates:
            query["local_date"] = dates
        projection = {"outbox": 0}
        cursor = self.workouts.find(query, projection).sort(
            [("local_date", DESCENDING), ("started_at", DESCENDING)]
        )
        return list(cursor.limit(limit))

    def completed_with_exercises(
        self, user_id: str, exercise_ids: Sequence[str], *, exclude_id: str | None = None
    ) -> list[dict[str, Any]]:
        query: dict[str, Any] = {
            "user_id": user_id,
            "status": "completed",
            "deleted": {"$ne": True},
            "exercises.exercise_id": {"$in": list(exercise_ids)},
        }
        if exclude_id:
            query["_id"] = {"$ne": exclude_id}
        projection = {
            "exercises": 1,
            "local_date": 1,
            "iso_year": 1,
            "iso_week": 1,
            "result": 1,
            "started_at": 1,
            "program": 1,
        }
        return list(self.workouts.find(query, projection).sort("local_date", ASCENDING))

    def last_program_workout(self, user_id: str, program_id: str) -> dict[str, Any] | None:
        return self.workouts.find_one(
            {"user_id": user_id, "program.program_id": program_id, "deleted": {"$ne": True}},
            sort=[("started_at", DESCENDING)],
        )

    def aggregate(self, pipeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return list(self.workouts.aggregate(pipeline))

    # ---- profile (body weight known to this service)
    def record_weight(self, user_id: str, on: str, kg: float, source: str) -> None:
        self.profiles.update_one(
            {"_id": user_id}, {"$pull": {"weights": {"date": on}}}, upsert=True
        )
        self.profiles.update_one(
            {"_id": user_id},
            {
                "$push": {
                    "weights": {
                        "$each": [{"date": on, "kg": kg, "source": source}],
                        "$sort": {"date": 1},
                        "$slice": -1000,
                    }
                }
            },
        )

    def profile(self, user_id: str) -> dict[str, Any] | None:
        return self.profiles.find_one({"_id": user_id})

    # ---- programs
    def insert_program(self, doc: dict[str, Any]) -> None:
        self.programs.insert_one(doc)

    def get_program(self, user_id: str, program_id: str) -> dict[str, Any] | None:
        return self.programs.find_one({"_id": program_id, "owner_id": user_id})

    def list_programs(self, user_id: str) -> list[dict[str, Any]]:
        return list(self.programs.find({"owner_id": user_id}).sort("name", ASCENDING))

    def delete_program(self, user_id: str, program_id: str) -> bool:
        return self.programs.delete_one({"_id": program_id, "owner_id": user_id}).deleted_count == 1
