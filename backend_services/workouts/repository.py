"""MongoDB access (pymongo only; identical for SecantusDB locally and MongoDB in production).

Collections: ``exercises`` (catalog + private custom ones), ``workouts`` (sessions with their
exercises, sets, results and embedded outbox), ``body_weights`` (a read-only copy of the
users service's weigh-ins, one document per user and day; ``profiles`` is the body-weight log
workouts kept before, no longer read),
``programs`` (users' own programs), ``daily_metrics`` (imported steps/active energy per day),
``import_jobs`` (progress of background imports), ``import_mappings`` (which of our
exercises a user chose for a Strong/Hevy exercise name, used by their next imports).

Search: text indexes are off limits and SecantusDB does not use an index for an anchored
``$regex`` (explain shows COLLSCAN; MongoDB would), so every exercise stores ``search_keys`` =
every suffix (>= 2 chars) of every lower-cased word of its name, with a multikey index; a
case-insensitive prefix or substring query is then an index range scan
``{search_keys: {$gte: q, $lt: q + "\\uffff"}}`` on both servers.

Query shapes: SecantusDB plans a filter on an index only when the filter's fields ARE an index
prefix (equalities, then at most one range/``$in`` field next in the key); one extra predicate
(``deleted: {$ne: true}``, ``status``, ``user_id`` beside ``_id``) and it scans the collection
(``tests/integration/workouts/test_workouts_query_plans.py`` pins this with ``explain``). So
the hot queries name exactly an index prefix and the remaining conditions (not hidden, completed,
owner) are checked here in Python; MongoDB plans the same filters on the same indexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from backend_services.kernel.mongo import update_and_read

_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script ("жим", "3x5")
MIN_KEY = 2
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _fold(text: str) -> str:
    """Lower case, and Russian "yo" as "ye" (often typed without the dots)."""
    return text.lower().replace("\u0451", "\u0435")


def search_name(name: str) -> str:
    return " ".join(_WORD.findall(_fold(name)))


def search_keys(name: str, *other_names: str) -> list[str]:
    """Suffixes of each word of every name (the English one and its translations): a prefix
    match on them is a substring match on the word."""
    keys: set[str] = set()
    for word in _WORD.findall(_fold(" ".join((name, *other_names)))):
        keys.update(word[i:] for i in range(len(word) - MIN_KEY + 1) if len(word) >= MIN_KEY)
        keys.add(word)
    return sorted(keys)


def relevance(doc: dict[str, Any], words: Sequence[str]) -> tuple[Any, ...]:
    """Sort key of a search hit, best first: over its names (English and translations), the
    most query words that start a word of the name, then a name whose head word (the
    movement: first in Russian, "Жим штанги лёжа"; last in English, "Barbell Bench Press")
    starts with a query word, then the shortest such name (the plain exercise before its
    variations); the curated built-in catalog before imported exercises; then the name."""
    best: tuple[int, int, int] | None = None
    for name in (doc.get("name") or "", *(doc.get("names") or {}).values()):
        name_words = _WORD.findall(_fold(name))
        if not name_words:
            continue
        starts = sum(any(w.startswith(q) for w in name_words) for q in words)
        head = name_words[0] if _CYRILLIC.search(name) else name_words[-1]
        misses_head = 0 if any(head.startswith(q) for q in words) else 1
        key = (-starts, misses_head, len(name_words))
        best = key if best is None or key < best else best
    builtin = 0 if doc.get("source") == "builtin" else 1
    return (*(best or (0, 1, 99)), builtin, doc.get("search_name") or "")


def _completed_and_visible(doc: dict[str, Any]) -> bool:
    """What history and reports count: completed, and not hidden (deleted, events pending)."""
    return doc.get("status") == "completed" and doc.get("deleted") is not True


def prefix_range(prefix: str) -> dict[str, str]:
    return {"$gte": prefix, "$lt": prefix + "\uffff"}


class WorkoutsRepository:
    def __init__(self, db: Database):
        self.db = db
        self.exercises: Collection = db["exercises"]
        self.workouts: Collection = db["workouts"]
        self.profiles: Collection = db["profiles"]  # before decision 0010; erased with accounts
        self.body_weights: Collection = db["body_weights"]
        self.programs: Collection = db["programs"]
        self.daily_metrics: Collection = db["daily_metrics"]
        self.import_jobs: Collection = db["import_jobs"]
        self.import_mappings: Collection = db["import_mappings"]
        # Tombstones ({_id: user id}): an event about a deleted account that arrives after
        # its erasure (another service's, which nothing orders) must not bring data back.
        self.deleted_users: Collection = db["deleted_users"]
        # Per user and exercise: all-time bests of completed workouts (PR detection reads these
        # instead of the history). A document without ``seeded: true`` is rebuilt from history.
        self.exercise_bests: Collection = db["exercise_bests"]

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
                    [
                        ("user_id", ASCENDING),
                        ("program.program_id", ASCENDING),
                        ("started_at", DESCENDING),
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
                # Its value is when the document is next due (now, or the end of a lease).
                IndexModel([("outbox_pending", ASCENDING)], sparse=True, name="outbox_pending"),
            ]
        )
        self.exercise_bests.create_indexes([IndexModel([("user_id", ASCENDING)])])
        self.programs.create_indexes(
            [
                IndexModel([("owner_id", ASCENDING)]),
                IndexModel([("outbox_pending", ASCENDING)], sparse=True, name="outbox_pending"),
            ]
        )
        self.daily_metrics.create_indexes(
            [IndexModel([("user_id", ASCENDING), ("date", ASCENDING)])]
        )
        self.import_jobs.create_indexes(
            [
                IndexModel([("user_id", ASCENDING)]),
                # a finished job's weigh-ins wait here for the imports relay
                IndexModel([("outbox_pending", ASCENDING)], sparse=True, name="outbox_pending"),
            ]
        )
        self.body_weights.create_indexes(
            [IndexModel([("user_id", ASCENDING), ("date", ASCENDING)])]
        )
        self.import_mappings.create_indexes([IndexModel([("user_id", ASCENDING)])])

    # ---- exercises
    def upsert_exercises(self, docs: Iterable[dict[str, Any]]) -> tuple[int, int, int]:
        """Insert or refresh shared exercises by id; returns (inserted, updated, unchanged)."""
        inserted = updated = unchanged = 0
        for doc in docs:
            doc = {
                **doc,
                "search_name": search_name(doc["name"]),
                "search_keys": search_keys(doc["name"], *(doc.get("names") or {}).values()),
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

    def exercise_catalog(self, user_id: str) -> list[dict[str, Any]]:
        """Every exercise the user can log (shared and their own): what imports match against."""
        projection = {"name": 1, "equipment": 1, "source": 1, "kind": 1}
        return list(self.exercises.find({"owner_id": {"$in": [None, user_id]}}, projection))

    # ---- the user's choices for imported exercise names
    def remembered_exercises(self, user_id: str) -> dict[str, str]:
        """Normalised imported name -> exercise id."""
        return {d["key"]: d["exercise_id"] for d in self.import_mappings.find({"user_id": user_id})}

    def remember_exercise(self, user_id: str, key: str, name: str, exercise_id: str) -> None:
        self.import_mappings.replace_one(
            {"_id": f"{user_id}|{key}"},
            {"user_id": user_id, "key": key, "name": name, "exercise_id": exercise_id},
            upsert=True,
        )

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
        """The longest word's range on ``search_keys`` (or, with no words, the visible owners on
        ``{owner_id, search_name}``) is the whole filter, so it is one index range on both
        servers; the catalog is small, and the other conditions are checked here."""
        ordered = sorted(words, key=len, reverse=True)
        if ordered:
            query: dict[str, Any] = {"search_keys": prefix_range(ordered[0])}
        else:
            query = {"owner_id": {"$in": [None, user_id]}}

        def wanted(doc: dict[str, Any]) -> bool:
            if doc.get("owner_id") not in (None, user_id):
                return False
            keys = doc.get("search_keys") or []
            if any(not any(k.startswith(w) for k in keys) for w in ordered[1:]):
                return False
            if muscle and muscle not in (doc.get("primary_muscles") or []) + (
                doc.get("secondary_muscles") or []
            ):
                return False
            fields = (("equipment", equipment), ("category", category), ("kind", kind))
            return all(not value or doc.get(field) == value for field, value in fields)

        found = [d for d in self.exercises.find(query) if wanted(d)]
        found.sort(key=lambda d: relevance(d, ordered))
        return found[:limit]

    def delete_custom_exercise(self, user_id: str, exercise_id: str) -> bool:
        return (
            self.exercises.delete_one({"_id": exercise_id, "owner_id": user_id}).deleted_count == 1
        )

    # ---- workouts
    def insert_workout(self, doc: dict[str, Any]) -> None:
        self.workouts.insert_one(doc)

    def get_workout(self, user_id: str, workout_id: str) -> dict[str, Any] | None:
        """By ``_id`` alone (the one shape every server plans on the ``_id`` index); another
        user's or a hidden workout is ``None``, exactly as if the filter had said so."""
        doc = self.workouts.find_one({"_id": workout_id})
        if doc is None or doc.get("user_id") != user_id or doc.get("deleted") is True:
            return None
        return doc

    def by_idempotency_key(self, user_id: str, key: str) -> dict[str, Any] | None:
        return self.workouts.find_one({"user_id": user_id, "idempotency_key": key})

    def replace_if_version(
        self, doc: dict[str, Any], version: int, changes: dict[str, Any]
    ) -> dict[str, Any] | None:
        """Optimistic concurrency: apply ``changes`` only if nobody wrote since ``version``."""
        return update_and_read(
            self.workouts,
            {
                "_id": doc["_id"],
                "user_id": doc["user_id"],
                "version": version,
                "deleted": {"$ne": True},
            },
            {"$set": changes, "$inc": {"version": 1}},
        )

    def complete_workout(
        self, user_id: str, workout_id: str, version: int, changes: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The one atomic write of a completion: result, status and outbox events together.
        Matches only an in-progress workout at the version read, so completing twice (even
        concurrently) writes the events once."""
        return update_and_read(
            self.workouts,
            {
                "_id": workout_id,
                "user_id": user_id,
                "status": "in_progress",
                "version": version,
                "deleted": {"$ne": True},
            },
            {"$set": changes, "$inc": {"version": 1}},
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
        query: dict[str, Any] = {"user_id": user_id}
        dates: dict[str, str] = {}
        if date_from:
            dates["$gte"] = date_from
        if date_to:
            dates["$lte"] = date_to
        if dates:
            query["local_date"] = dates
        order = [("local_date", DESCENDING), ("started_at", DESCENDING)]
        # Hidden (deleted, events not yet published) workouts are rare and short-lived: read a
        # few more than asked, and only if that was not enough, the whole window.
        slack = limit + 16
        docs = list(self.workouts.find(query, {"outbox": 0}).sort(order).limit(slack))
        visible = [d for d in docs if d.get("deleted") is not True]
        if len(visible) < limit and len(docs) == slack:
            cursor = self.workouts.find(query, {"outbox": 0}).sort(order)
            visible = [d for d in cursor if d.get("deleted") is not True]
        return visible[:limit]

    def completed_with_exercises(
        self,
        user_id: str,
        exercise_ids: Sequence[str],
        *,
        since: str | None = None,
        exclude_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Completed, visible workouts holding any of ``exercise_ids`` (on or after the local
        date ``since`` if given), oldest first. One query per exercise: ``{user_id, exercise,
        local_date range}`` is a prefix of the ``{user_id, exercises.exercise_id, local_date}``
        index (a second range or ``$in`` beside the date would not be, on SecantusDB)."""
        projection = {
            "exercises": 1,
            "local_date": 1,
            "iso_year": 1,
            "iso_week": 1,
            "result": 1,
            "started_at": 1,
            "program": 1,
            "status": 1,
            "deleted": 1,
        }
        found: dict[str, dict[str, Any]] = {}
        for exercise_id in dict.fromkeys(exercise_ids):
            query: dict[str, Any] = {"user_id": user_id, "exercises.exercise_id": exercise_id}
            if since:
                query["local_date"] = {"$gte": since}
            for doc in self.workouts.find(query, projection):
                if _completed_and_visible(doc) and doc["_id"] != exclude_id:
                    found[doc["_id"]] = doc
        return sorted(found.values(), key=lambda d: (d["local_date"], d["_id"]))

    def completed_between(
        self, user_id: str, date_from: str, date_to: str, fields: dict[str, int]
    ) -> list[dict[str, Any]]:
        """Completed, visible workouts with a local date in [from, to], with only ``fields``.
        The filter is exactly the {user_id, local_date} index prefix (SecantusDB plans nothing
        else on an index): status and hidden are checked here."""
        query = {"user_id": user_id, "local_date": {"$gte": date_from, "$lte": date_to}}
        found = self.workouts.find(query, {**fields, "status": 1, "deleted": 1})
        return [d for d in found if _completed_and_visible(d)]

    def last_program_workout(self, user_id: str, program_id: str) -> dict[str, Any] | None:
        cursor = self.workouts.find(
            {"user_id": user_id, "program.program_id": program_id},
            {"program": 1, "started_at": 1, "deleted": 1},
        ).sort("started_at", DESCENDING)
        return next((d for d in cursor if d.get("deleted") is not True), None)

    # ---- all-time bests per exercise (PR detection without reading the history)
    @staticmethod
    def _bests_id(user_id: str, exercise_id: str) -> str:
        return f"{user_id}|{exercise_id}"

    def exercise_bests_docs(
        self, user_id: str, exercise_ids: Sequence[str]
    ) -> dict[str, dict[str, Any]]:
        """The seeded bests documents of these exercises, by exercise id."""
        keys = [self._bests_id(user_id, e) for e in dict.fromkeys(exercise_ids)]
        docs = self.exercise_bests.find({"_id": {"$in": keys}})
        return {
            d["exercise_id"]: d
            for d in docs
            if d.get("seeded") is True and d.get("user_id") == user_id
        }

    def merge_exercise_bests(
        self,
        user_id: str,
        exercise_id: str,
        bests: dict[str, Any],
        *,
        replace: int | None = None,
    ) -> None:
        """``$max`` one more session's bests in (commutative: concurrent completions merge), or
        with ``replace`` = the number of sessions, write bests rebuilt from the whole history
        and mark the document seeded (``sessions: 0`` = no history: no records yet)."""
        values: dict[str, Any] = {"volume": bests.get("volume") or 0.0}
        if bests.get("e1rm") is not None:
            values["e1rm"] = bests["e1rm"]
        for reps, kg in (bests.get("weight_by_reps") or {}).items():
            values[f"weight_by_reps.{reps}"] = kg
        ident = {"user_id": user_id, "exercise_id": exercise_id}
        key = {"_id": self._bests_id(user_id, exercise_id)}
        if replace is not None:
            doc = {
                **ident,
                "e1rm": bests.get("e1rm"),
                "volume": values["volume"],
                "weight_by_reps": dict(bests.get("weight_by_reps") or {}),
                "sessions": replace,
                "seeded": True,
            }
            self.exercise_bests.replace_one(key, doc, upsert=True)
        else:
            self.exercise_bests.update_one(
                key, {"$max": values, "$inc": {"sessions": 1}, "$setOnInsert": ident}, upsert=True
            )

    def forget_exercise_bests(self, user_id: str) -> None:
        """A completed workout went away: bests are rebuilt from history when next needed."""
        self.exercise_bests.delete_many({"user_id": user_id})

    # ---- deleted accounts
    def mark_deleted(self, user_id: str) -> None:
        self.deleted_users.update_one(
            {"_id": user_id}, {"$setOnInsert": {"at": datetime.now(UTC)}}, upsert=True
        )

    def is_deleted(self, user_id: str) -> bool:
        return self.deleted_users.find_one({"_id": user_id}, projection={"_id": 1}) is not None

    # ---- profile (body weight known to this service)
    def copy_weigh_in(self, user_id: str, on: str, kg: float, as_of: datetime) -> None:
        """The users service's weigh-in of ``on`` (an event of ``as_of``): an older event
        than the one already copied for that day changes nothing, and none for a deleted
        account stays. The erasure marks the account before it deletes, and the copy looks
        after it wrote: a copy written after the erasure's delete sees the mark and goes."""
        if self.is_deleted(user_id):
            return
        key = f"{user_id}:{on}"
        # no match on a newer copy: the upsert's insert hits its _id, and nothing changes
        with suppress(DuplicateKeyError):
            self.body_weights.update_one(
                {"_id": key, "as_of": {"$lte": as_of}},
                {"$set": {"user_id": user_id, "date": on, "kg": kg, "as_of": as_of}},
                upsert=True,
            )
        if self.is_deleted(user_id):
            self.body_weights.delete_one({"_id": key})

    def copied_weight_on_or_before(self, user_id: str, on: str) -> float | None:
        found = self.body_weights.find_one(
            {"user_id": user_id, "date": {"$lte": on}}, sort=[("date", DESCENDING)]
        )
        return None if found is None else float(found["kg"])

    def copied_weight_after(self, user_id: str, on: str) -> float | None:
        found = self.body_weights.find_one(
            {"user_id": user_id, "date": {"$gt": on}}, sort=[("date", ASCENDING)]
        )
        return None if found is None else float(found["kg"])

    # ---- programs (a deleted one waits, marked, for its last event to go out)
    def insert_program(self, doc: dict[str, Any]) -> None:
        self.programs.insert_one(doc)

    @staticmethod
    def _own(user_id: str, program_id: str) -> dict[str, Any]:
        return {"_id": program_id, "owner_id": user_id, "deleted": {"$ne": True}}

    # Reads keep their index-prefix filters (query plans test) and skip a deleted one here.
    def get_program(self, user_id: str, program_id: str) -> dict[str, Any] | None:
        found = self.programs.find_one({"_id": program_id, "owner_id": user_id})
        return None if found is None or found.get("deleted") else found

    def list_programs(self, user_id: str) -> list[dict[str, Any]]:
        found = self.programs.find({"owner_id": user_id}).sort("name", ASCENDING)
        return [p for p in found if not p.get("deleted")]

    def replace_program(
        self,
        user_id: str,
        program_id: str,
        fields: dict[str, Any],
        event: dict[str, Any] | None = None,
    ) -> dict[str, Any] | None:
        """Set the program's fields, with ``event`` (an outbox entry) in the same write."""
        change: dict[str, Any] = {"$set": fields}
        if event is not None:
            change = {"$set": {**fields, "outbox_pending": event["created_at"]}}
            change["$push"] = {"outbox": event}
        return update_and_read(self.programs, self._own(user_id, program_id), change)

    def delete_program_announcing(
        self, user_id: str, program_id: str, event: dict[str, Any]
    ) -> bool:
        """Mark the program deleted with ``event`` to send: the relay removes it once sent."""
        found = self.programs.update_one(
            self._own(user_id, program_id),
            {
                "$set": {"deleted": True, "outbox_pending": event["created_at"]},
                "$push": {"outbox": event},
            },
        )
        return found.matched_count == 1

    def followed_program_workout(self, user_id: str) -> dict[str, Any] | None:
        """The most recently started workout from a program (its program is the one the user
        follows): its ``program`` and ``started_at``. A range on the {user_id, program id,
        started_at} index's second field (any id: ids are non-empty; ``$exists`` is a
        collection scan on SecantusDB); hidden ones skipped here (as last_program_workout)."""
        cursor = self.workouts.find(
            {"user_id": user_id, "program.program_id": {"$gt": ""}},
            {"program": 1, "started_at": 1, "deleted": 1},
        ).sort("started_at", DESCENDING)
        return next((d for d in cursor if d.get("deleted") is not True), None)

    def followed_program_id(self, user_id: str) -> str | None:
        found = self.followed_program_workout(user_id)
        return None if found is None else found["program"]["program_id"]

    def count_programs(self, user_id: str) -> int:
        # A deleted one still waiting for its event to go out counts for those seconds.
        return self.programs.count_documents({"owner_id": user_id})

    def program_sessions_done(self, user_id: str, program_id: str) -> int:
        """Completed workouts started from the program (deleted ones do not count)."""
        return self.workouts.count_documents(
            {
                "user_id": user_id,
                "program.program_id": program_id,
                "status": "completed",
                "deleted": {"$ne": True},
            }
        )

    def delete_program(self, user_id: str, program_id: str) -> bool:
        return self.programs.delete_one(self._own(user_id, program_id)).deleted_count == 1
