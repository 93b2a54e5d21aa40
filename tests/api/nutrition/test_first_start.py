"""A fresh stack is useful at once: it imported the USDA SR28 the repository ships on start
(its database was empty), so a new user's first search finds food. Nothing here imports."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import psycopg
import pytest
from stack_env import STACK_ENV

from backend_services.nutrition.importers.run import psycopg_url

pytestmark = pytest.mark.e2e


def test_the_first_search_on_a_fresh_stack_finds_usda_foods(
    client: httpx.Client, make_token: Callable[..., str], user_id: str
) -> None:
    with psycopg.connect(psycopg_url(STACK_ENV["DATABASE_URL"])) as conn:
        row = conn.execute(
            "SELECT count(*) FROM nutrition.foods WHERE source = 'usda-sr28'"
        ).fetchone()
    assert row == (8789,)
    found = client.get(
        "/api/nutrition/foods",
        params={"q": "apple"},
        headers={"Authorization": f"Bearer {make_token(user_id)}"},
    )
    assert found.status_code == 200
    assert found.json()["items"][0]["name"].startswith("Apples, raw")
