"""FitLedger's own export, back again (issue 17), through the gateway (run with E2E_PORT_SHIFT):
a rich account is exported as the settings page does (app/session/export.py), deleted; a new
account imports the file part by part (app/session/account_import.py) and exports again; the
two files agree field by field but for the named exclusions. Importing again adds nothing;
bad files are refused with the one error shape and change nothing; an import only ever
touches the caller's account.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from polling import wait_until
from reference_data import SR28_SHIPPED
from stack_env import STACK_ENV

from app.session.account_import import import_requests
from app.session.export import export_document, export_parts
from backend_services.nutrition.importers.run import import_foods

pytestmark = pytest.mark.e2e
N, W, U = "/api/nutrition", "/api/workouts", "/api/users"
TODAY = dt.datetime.now(dt.UTC).date()
YESTERDAY = TODAY - dt.timedelta(days=1)

PROFILE = {
    "sex": "female",
    "birth_date": "1988-04-12",
    "height_cm": 168,
    "weight_kg": 64.5,
    "activity_level": "light",
    "goal": "lose",
    "goal_rate_kg_per_week": 0.25,
    "body_fat_pct": 27,
    "custom_calorie_target_kcal": 1850,
    "custom_protein_g_per_kg": 1.8,
    "custom_fat_energy_share": 0.3,
    "training_rule": {"kind": "add_back", "amount": 50},
    "units": "imperial",
    "week_start": "sunday",
    "timezone": "Europe/Berlin",
    "language": "ru",
    "notifications": {
        "preferences": {"goal_progress": {"email": False, "push": True}},
        "quiet_hours": {"start": "22:30:00", "end": "07:00:00"},
    },
}
REMINDERS = {
    "meal_reminder_times": ["08:00", "12:30"],
    "workout_reminder_days": [0, 3],
    "workout_reminder_time": "18:00",
    "goal_weight_kg": 60,
}


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json() if response.content else None


def export(client: httpx.Client, headers: dict[str, str]) -> dict[str, Any]:
    """The file the settings page downloads, read through the gateway part by part."""
    results = {
        (service, name): ok(client.get(path, params=params, headers=headers))
        for service, name, path, params in export_parts(TODAY)
    }
    return export_document(results, {}, dt.datetime.now(dt.UTC))


def import_file(client: httpx.Client, headers: dict[str, str], document: Any) -> dict[str, Any]:
    return {
        kind: ok(client.request(method, path, json=body, headers=headers))
        for kind, method, path, body in import_requests(document)
    }


def build_rich_account(client: httpx.Client, h: dict[str, str]) -> None:
    ok(client.patch(f"{U}/me", json=PROFILE, headers=h))
    for days, kg in ((20, 66.2), (10, 65.4), (3, 64.9)):
        day = (TODAY - dt.timedelta(days=days)).isoformat()
        ok(client.post(f"{U}/me/weights", json={"date": day, "weight_kg": kg}, headers=h), 201)
    ok(client.put("/api/notifications/settings", json=REMINDERS, headers=h))

    apple = ok(client.get(f"{N}/foods", params={"q": "apple"}, headers=h))["items"][0]
    portion = apple["portions"][0]["id"] if apple["portions"] else None
    pie = {"name": "Grandma's pie", "brand": "Home", "energy_kcal": 310, "protein_g": 4,
           "fat_g": 14, "carbohydrate_g": 42, "fibre_g": 2.5, "sodium_mg": 120}  # fmt: skip
    food = ok(client.post(f"{N}/foods", json=pie, headers=h), 201)
    recipe = ok(
        client.post(
            f"{N}/recipes",
            json={
                "name": "Pie with apples",
                "servings": 4,
                "cooked_weight_g": 700,
                "ingredients": [
                    {"food_id": food["id"], "grams": 500},
                    {"food_id": apple["id"], "grams": 300},
                ],
            },
            headers=h,
        ),
        201,
    )
    apple_item = (
        {"food_id": apple["id"], "portion_id": portion, "quantity": 1.5}
        if portion
        else {"food_id": apple["id"], "grams": 150}
    )
    meals = [
        (YESTERDAY, "breakfast", "before the run",
         [apple_item, {"food_id": food["id"], "grams": 80}]),
        (YESTERDAY, "Pre-workout", None, [{"recipe_id": recipe["id"], "quantity": 2}]),
        (TODAY, "lunch", None, [{"quick_add": {"name": "Canteen soup", "energy_kcal": 240,
                                                "protein_g": 9}}]),
    ]  # fmt: skip
    for day, meal_type, note, items in meals:
        body = {"date": day.isoformat(), "meal_type": meal_type, "note": note, "items": items}
        ok(client.post(f"{N}/meals", json={k: v for k, v in body.items() if v}, headers=h), 201)
    ok(client.put(f"{N}/water-goal", json={"goal_ml": 2400}, headers=h))
    for day, ml in ((YESTERDAY, 500), (YESTERDAY, 250), (TODAY, 330)):
        ok(client.post(f"{N}/water/{day.isoformat()}", json={"amount_ml": ml}, headers=h), 201)
    fasted = dt.datetime.combine(YESTERDAY, dt.time(6, 0), tzinfo=dt.UTC) - dt.timedelta(hours=14)
    fast = {"protocol": "16:8", "started_at": fasted.isoformat(),
            "ended_at": (fasted + dt.timedelta(hours=15)).isoformat()}  # fmt: skip
    ok(client.post(f"{N}/fasts", json=fast, headers=h), 201)

    custom = {"name": "Sled push", "kind": "cardio", "category": "cardio",
              "primary_muscles": ["quadriceps"], "equipment": "sled"}  # fmt: skip
    sled = ok(client.post(f"{W}/exercises", json=custom, headers=h), 201)
    program = {
        "name": "My 5x5",
        "description": "Add 2.5 kg after every full session",
        "days_per_week": 2,
        "days": [
            {"name": "A", "exercises": [{"exercise_id": "builtin:barbell-bench-press", "sets": 5,
                                         "reps": 5, "start_weight_kg": 40, "increment_kg": 2.5}]},
            {"name": "B", "exercises": [{"exercise_id": "builtin:barbell-row", "sets": 5,
                                         "reps": 5, "start_weight_kg": 35, "increment_kg": 2.5}]},
        ],
    }  # fmt: skip
    own = ok(client.post(f"{W}/programs", json=program, headers=h), 201)
    started = ok(client.post(f"{W}/programs/{own['id']}/start", headers=h), 201)
    entry = started["exercises"][0]["id"]
    for reps, kg in ((5, 40), (5, 40), (4, 42.5)):
        set_ = {"kind": "strength", "reps": reps, "weight_kg": kg, "rpe": 8}
        ok(client.post(f"{W}/workouts/{started['id']}/exercises/{entry}/sets", json=set_,
                       headers=h), 201)  # fmt: skip
    ok(client.post(f"{W}/workouts/{started['id']}/complete", json={}, headers=h))
    begun = dt.datetime.combine(YESTERDAY, dt.time(17, 0), tzinfo=dt.UTC)
    cardio = {
        "name": "Evening sled",
        "notes": "felt heavy",
        "started_at": begun.isoformat(),
        "utc_offset_minutes": 60,
        "exercises": [{"exercise_id": sled["id"], "notes": "turf",
                       "sets": [{"kind": "cardio", "duration_s": 600, "distance_m": 400,
                                 "avg_heart_rate": 150}]}],
    }  # fmt: skip
    sledding = ok(client.post(f"{W}/workouts", json=cardio, headers=h), 201)
    ended = (begun + dt.timedelta(minutes=40)).isoformat()
    ok(client.post(f"{W}/workouts/{sledding['id']}/complete", json={"ended_at": ended}, headers=h))


def _renumber(rows: list[dict[str, Any]], prefix: str) -> dict[str, str]:
    """Ids by position (``prefix-0``, ``prefix-1``, ...) for ``rows``; answers old id -> new."""
    ids = {row["id"]: f"{prefix}-{n}" for n, row in enumerate(rows)}
    for row in rows:
        row["id"] = ids[row["id"]]
    return ids


def _ids(mapping: dict[Any, str], old: Any) -> Any:
    return mapping.get(old, old)


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The file without what must differ between two accounts, each exclusion named; ids of
    records the import recreates become their place in the file, so a reference that does
    not follow its record shows as a difference."""
    doc = copy.deepcopy(document)
    del doc["exported_at"]  # when the file was made
    services = doc["services"]
    del services["auth"]  # the account itself: its id, e-mail, sign-up time, sessions
    del services["notifications"]["feed"]  # messages sent to the old account: not imported
    profile = services["users"]["profile"]
    for name in ("user_id", "display_name", "created_at", "updated_at"):  # the new account's
        del profile[name]
    nutrition = services["nutrition"]["export"]
    del nutrition["user_id"], nutrition["exported_at"]  # the account, the file's time
    foods = _renumber(nutrition["foods"], "private-food")
    recipes = _renumber(nutrition["recipes"], "recipe")
    for recipe in nutrition["recipes"]:
        for ingredient in recipe["ingredients"]:
            ingredient["food_id"] = _ids(foods, ingredient["food_id"])
    for drink in nutrition["water"]["drinks"]:
        drink["id"] = "drink"  # new rows (their order is compared)
    for fast in nutrition["fasts"]:
        fast["id"] = "fast"
    for day in nutrition["diary"]:
        for meal in day["meals"]:
            meal["id"] = "meal"  # new rows (their order in the day is compared)
            for item in meal["items"]:
                item["id"] = "item"
                item["food_id"] = _ids(foods, item["food_id"])
                item["recipe_id"] = _ids(recipes, item["recipe_id"])
    library = services["workouts"]["library"]
    exercises = _renumber(library["exercises"], "custom-exercise")
    programs = _renumber(library["programs"], "program")
    for program in library["programs"]:
        for day in program["days"]:
            for item in day["exercises"]:
                item["exercise_id"] = _ids(exercises, item["exercise_id"])
    for n, workout in enumerate(services["workouts"]["workouts"]["items"]):
        workout["id"], workout["user_id"] = f"workout-{n}", "the account's"
        for entry in workout["exercises"]:
            entry["exercise_id"] = _ids(exercises, entry["exercise_id"])
        result = workout.get("result") or {}
        for part in [*result.get("per_exercise", []), *result.get("personal_records", [])]:
            part["exercise_id"] = _ids(exercises, part["exercise_id"])
        if workout.get("program"):
            workout["program"]["program_id"] = _ids(programs, workout["program"]["program_id"])
    return doc


@pytest.fixture(scope="module")
def roundtrip(stack: str, register: Callable[..., Any]) -> dict[str, Any]:
    import_foods("sr28", SR28_SHIPPED, STACK_ENV["DATABASE_URL"])  # the public foods
    with httpx.Client(base_url=stack, timeout=30) as client:
        old = register()
        build_rich_account(client, old.headers)
        first = export(client, old.headers)
        deleted = client.request(
            "DELETE", "/api/auth/me", json={"password": old.password}, headers=old.headers
        )
        assert deleted.status_code == 204, deleted.text
        new = register()
        counts = import_file(client, new.headers, json.loads(json.dumps(first)))
        wanted = comparable(first)["services"]["notifications"]

        def settled() -> dict[str, Any] | None:
            """The notifications service hears the profile (time zone, language, target)
            by event: the new file once it has."""
            second = export(client, new.headers)
            return second if comparable(second)["services"]["notifications"] == wanted else None

        second = wait_until(settled, 90, what="the notifications service has the imported profile")
        return {"first": first, "second": second, "counts": counts, "account": new}


def test_the_file_comes_back_field_by_field(roundtrip: dict[str, Any]) -> None:
    first, second = comparable(roundtrip["first"]), comparable(roundtrip["second"])
    assert first["incomplete"] == second["incomplete"] == []
    for service, parts in first["services"].items():
        for name, part in parts.items():
            assert second["services"][service][name] == part, f"{service}.{name} differs"
    assert first == second
    counts = roundtrip["counts"]
    assert counts["nutrition"] == {
        **{"foods": 1, "recipes": 1, "meals": 3, "items": 4},
        **{"drinks": 3, "fasts": 1},
    }
    assert counts["workouts"] == {"exercises": 1, "programs": 1, "workouts": 2}
    assert counts["users"]["weights"] == len(first["services"]["users"]["weights"]["entries"])
    # the rich account really was rich: the comparison is not of empty lists
    nutrition = first["services"]["nutrition"]["export"]
    assert nutrition["public_foods"] and nutrition["foods"][0]["name"] == "Grandma's pie"
    items = [i for d in nutrition["diary"] for m in d["meals"] for i in m["items"]]
    assert {i["recipe_id"] for i in items} == {None, "recipe-0"}
    assert {i["food_id"] for i in items} >= {"private-food-0"}
    workouts = first["services"]["workouts"]
    assert sum(len(e["sets"]) for w in workouts["workouts"]["items"] for e in w["exercises"]) == 4
    assert workouts["library"]["programs"][0]["position"]["sessions_done"] == 1
    assert {w["program"]["program_id"] for w in workouts["workouts"]["items"] if w["program"]} == {
        "program-0"
    }
    assert first["services"]["users"]["profile"]["custom_calorie_target_kcal"] == 1850
    assert nutrition["water"]["goal_ml"] == 2400 and len(nutrition["water"]["drinks"]) == 3
    assert nutrition["fasts"][0]["protocol"] == "16:8" and nutrition["fasts"][0]["ended_at"]
    assert first["services"]["users"]["profile"]["training_rule"] == {
        "kind": "add_back",
        "amount": 50,
    }


def test_importing_the_same_file_again_adds_nothing(
    client: httpx.Client, roundtrip: dict[str, Any]
) -> None:
    h = roundtrip["account"].headers
    again = import_file(client, h, roundtrip["first"])
    assert again["nutrition"] == {
        **{"foods": 0, "recipes": 0, "meals": 0, "items": 0},
        **{"drinks": 0, "fasts": 0},
    }
    assert again["workouts"] == {"exercises": 0, "programs": 0, "workouts": 0}
    assert again["users"] == {"profile": 1, "weights": 0}
    # the account's own export: its records are found by their ids, not copied
    own = import_file(client, h, roundtrip["second"])
    assert own["nutrition"] == again["nutrition"] and own["workouts"] == again["workouts"]
    assert comparable(export(client, h)) == comparable(roundtrip["second"])


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) >= {"code", "message", "fields"}
    return error


def test_bad_files_are_refused_and_change_nothing(
    client: httpx.Client, roundtrip: dict[str, Any], make_token: Callable[..., str]
) -> None:
    h = roundtrip["account"].headers
    parts = {kind: (method, path, body) for kind, method, path, body in
             import_requests(roundtrip["first"])}  # fmt: skip
    nutrition = parts["nutrition"][2]
    cases: list[tuple[str, dict[str, Any] | bytes, int]] = []
    for kind in ("nutrition", "users", "workouts"):
        _method, path, body = parts[kind]
        cases.append((path, {**body, "format": "fitledger-export/2"}, 422))  # another version
        cases.append((path, {k: v for k, v in body.items() if k != "format"}, 422))
        cases.append((path, b'{"format": "fitledger-export/1", "diary": [', 422))  # malformed
    cases.append((f"{N}/import", roundtrip["first"], 422))  # the whole file: another schema
    cases.append((f"{W}/import", parts["users"][2], 422))  # another service's part
    cases.append((f"{N}/import", {**nutrition, "padding": "x" * (3 << 20)}, 413))  # too big
    # all or nothing: a fresh meal beside one naming a recipe the file lacks
    fresh = copy.deepcopy(nutrition["diary"][0])
    for n, meal in enumerate(fresh["meals"]):
        meal["id"] = f"fresh-{n}"
        for item in meal["items"]:
            item["id"], item["recipe_id"] = f"fresh-item-{n}", "not-in-the-file"
    cases.append((f"{N}/import", {**nutrition, "diary": [fresh]}, 422))
    impossible = copy.deepcopy(nutrition["foods"][0])
    impossible.update(id=987654321, name="Impossible bar")
    impossible["nutrients_per_100g"]["protein_g"] = 150  # more than 100 g in 100 g
    cases.append((f"{N}/import", {**nutrition, "foods": [impossible]}, 422))
    unknown = copy.deepcopy(parts["workouts"][2])
    unknown["workouts"][0]["exercises"][0]["exercise_id"] = "builtin:no-such-lift"
    unknown["workouts"][0]["id"] = "fresh-workout"
    cases.append((f"{W}/import", unknown, 422))
    for path, body, status in cases:
        sent = (
            {"content": body, "headers": {**h, "Content-Type": "application/json"}}
            if isinstance(body, bytes)
            else {"json": body, "headers": h}
        )
        _error(client.post(path, **sent), status)
    assert comparable(export(client, h)) == comparable(roundtrip["second"])

    # the file names the old account; an import only ever writes the caller's own
    other = {"Authorization": f"Bearer {make_token('importer-' + uuid.uuid4().hex[:8])}"}
    theirs = ok(client.post(f"{N}/import", json=nutrition, headers=other))
    assert theirs == {"foods": 1, "recipes": 1, "meals": 3, "items": 4, "drinks": 3, "fasts": 1}
    assert comparable(export(client, h)) == comparable(roundtrip["second"])
