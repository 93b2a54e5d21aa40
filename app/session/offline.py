"""The UI backend's offline routes: the diary day a phone keeps for offline use, and the food
entries it queued while offline.

Plain HTTP with the session cookie (not websocket events): offline, Reflex's websocket is down
and its event queue is replayed on reconnect, so a queued entry sent as a Reflex event could be
sent twice and not at all from a page that was closed. The page's own JavaScript
(assets/offline.js) sends each queued entry here with the key it made when the entry was
queued, and this route passes that key on as the nutrition API's Idempotency-Key: a retry, a
second tab or a lost answer never logs an entry twice. CSRF: the same Origin check as the
other /session/* posts, on top of the SameSite=Lax cookie; JSON bodies only.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
from typing import Annotated, Any, Literal, Self

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app import routes
from app.api.diary import DiaryDay, ItemInput
from app.api.errors import ApiError
from app.api.gateway import Authorized, shared_gateway
from app.api.nutrition import NutritionApi
from app.api.parsing import EARLIEST_DAY
from app.session.http import _refused, client_ip, same_origin
from app.session.store import COOKIE, SessionEnded, SessionTokens, shared_store
from app.state import diary_logic as logic
from app.state.portions import MAX_GRAMS

offline_app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

RECENT_FOODS = 8
MAX_BODY_BYTES = 4096
Amount = Annotated[float, Field(ge=0, le=10000, allow_inf_nan=False)]


def owner_tag(user_id: str) -> str:
    """Which account a queued entry belongs to (a shared phone may change hands offline)."""
    return hashlib.sha256(f"fitledger-offline:{user_id}".encode()).hexdigest()[:24]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class QuickAdd(_Strict):
    energy_kcal: Amount
    protein_g: Amount = 0.0
    fat_g: Amount = 0.0
    carbohydrate_g: Amount = 0.0
    name: Annotated[str, Field(max_length=200)] | None = None


class FoodAmount(_Strict):
    food_id: Annotated[int, Field(gt=0, lt=2**62)]
    grams: Annotated[float, Field(gt=0, le=MAX_GRAMS, allow_inf_nan=False)]


class QueuedEntry(_Strict):
    """One entry made offline: a quick add or an amount of a recent food."""

    key: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{16,64}$")]
    owner: Annotated[str, Field(max_length=64)]
    date: dt.date
    meal_type: Literal["breakfast", "lunch", "dinner", "snack"]
    quick_add: QuickAdd | None = None
    food: FoodAmount | None = None

    @model_validator(mode="after")
    def one_kind(self) -> Self:
        if (self.quick_add is None) == (self.food is None):
            raise ValueError("give either quick_add or food")
        if self.date < EARLIEST_DAY:
            raise ValueError("the date is too early")
        return self

    def item(self) -> ItemInput:
        if self.food is not None:
            return ItemInput.food(self.food.food_id, grams=self.food.grams)
        quick = self.quick_add
        assert quick is not None  # one_kind
        return ItemInput.quick_add(
            quick.energy_kcal,
            protein_g=quick.protein_g,
            fat_g=quick.fat_g,
            carbohydrate_g=quick.carbohydrate_g,
            name=(quick.name or "").strip() or None,
        )


def error_answer(status: int, code: str, message: str, fields: dict[str, str] | None = None):
    """The one error shape of the API (`{"error": {code, message, fields}}`)."""
    return JSONResponse(
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


def _field_errors(error: ValidationError) -> dict[str, str]:
    return {".".join(str(p) for p in e["loc"]) or "body": e["msg"] for e in error.errors()}


def _signed_out() -> Response:
    return error_answer(401, "signed_out", "Sign in again to send your entries.")


async def _session(request: Request) -> tuple[Authorized, str] | None:
    session_id = request.cookies.get(COOKIE, "")
    stored = await shared_store().read(session_id)
    if stored is None:
        return None
    api = Authorized(
        shared_gateway(),
        SessionTokens(shared_store(), session_id),
        client_ip=client_ip(request) or None,
    )
    return api, stored.user_id


def offline_day(day: DiaryDay, recent: list[Any], owner: str) -> dict[str, Any]:
    """What the page shows offline: the day's meals as display strings, the recent foods."""
    rows = logic.meal_rows(day)
    sums = logic.meal_totals(day)
    return {
        "owner": owner,
        "date": day.date.isoformat(),
        "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "kcal": logic.fmt_kcal(day.totals.kcal),
        "meals": [
            {
                "meal_type": kind,
                "label": logic.meal_label(kind),
                "kcal": sums.get(kind, {}).get("kcal", "0"),
                "items": [
                    {"name": r["name"], "amount": r["amount"], "kcal": r["kcal"]} for r in items
                ],
            }
            for kind, items in rows.items()
        ],
        "recent": [{"id": f.id, "name": f.name, "brand": f.brand or ""} for f in recent],
    }


@offline_app.get(routes.SESSION_OFFLINE_DIARY + "/{day}")
async def diary_day(request: Request, day: str) -> Response:
    """The day for offline use; the service worker keeps the last one asked for."""
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return error_answer(422, "invalid_date", "Give the day as YYYY-MM-DD.", {"day": day[:20]})
    session = await _session(request)
    if session is None:
        return _signed_out()
    api, user_id = session
    nutrition = NutritionApi(api)
    try:
        diary, recent = await asyncio.gather(
            nutrition.diary(date), nutrition.recent_foods(RECENT_FOODS)
        )
    except SessionEnded:
        return _signed_out()
    except ApiError as error:
        return error_answer(error.status, error.code, error.message, error.fields)
    body = offline_day(diary, list(recent), owner_tag(user_id))
    return JSONResponse(body, headers={"Cache-Control": "private, no-cache"})


@offline_app.post(routes.SESSION_OFFLINE_ENTRIES)
async def send_entry(request: Request) -> Response:
    """Logs one queued entry, exactly once per key (201 again when the key was seen)."""
    if not same_origin(request):
        return _refused()
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return error_answer(415, "unsupported_media_type", "Send the entry as JSON.")
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        return error_answer(413, "too_large", "The entry is too large.")
    try:
        entry = QueuedEntry.model_validate(json.loads(raw or b"null"))
    except ValueError as error:  # ValidationError is a ValueError; so is bad JSON
        fields = _field_errors(error) if isinstance(error, ValidationError) else {}
        return error_answer(422, "validation_error", "The entry is not valid.", fields)
    session = await _session(request)
    if session is None:
        return _signed_out()
    api, user_id = session
    if entry.owner != owner_tag(user_id):
        return error_answer(
            409, "other_account", "This entry was made by another account on this device."
        )
    try:
        await NutritionApi(api).log_meal(
            entry.date, entry.meal_type, [entry.item()], idempotency_key=entry.key
        )
    except SessionEnded:
        return _signed_out()
    except ApiError as error:
        return error_answer(error.status, error.code, error.message, error.fields)
    return JSONResponse({"key": entry.key, "stored": True}, status_code=201)
