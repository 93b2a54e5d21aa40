"""The business metrics move with what users do: read from every service instance's and
worker's own /metrics (summed), before and after real traffic through the gateway."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from polling import wait_until
from prometheus_client.parser import text_string_to_metric_families
from push_receiver import PushReceiver
from stack_env import STACK_ENV
from test_scenarios import finish_workout, food, log_meal, new_user

from backend_services.stack.topology import SERVICES, StackSettings

pytestmark = pytest.mark.e2e
Key = tuple[str, tuple[tuple[str, str], ...]]
SETTINGS = StackSettings(
    port_base=int(STACK_ENV["SERVICE_PORT_BASE"]),
    worker_metrics_base=int(STACK_ENV["WORKER_METRICS_BASE"]),
)


def scrape() -> dict[Key, float]:
    """Every fitledger_* sample of the stack, summed over the processes that expose it."""
    urls = [url for spec in SERVICES for url in SETTINGS.instance_urls(spec)]
    urls += [
        f"http://127.0.0.1:{SETTINGS.worker_metrics_port(spec)}" for spec in SERVICES if spec.worker
    ]
    totals: dict[Key, float] = defaultdict(float)
    for url in urls:
        text = httpx.get(f"{url}/metrics", timeout=10).text
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.name.startswith("fitledger_"):
                    totals[(sample.name, tuple(sorted(sample.labels.items())))] += sample.value
    return totals


class Deltas:
    def __init__(self) -> None:
        self.before = scrape()

    def __call__(self, name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return scrape().get(key, 0.0) - self.before.get(key, 0.0)


def test_sign_ins_count_each_outcome(client: httpx.Client, register: Callable) -> None:
    delta = Deltas()
    account = register()  # one registration and one sign-in
    wrong = {"email": account.email, "password": "wrong password!"}

    def attempt(_: int = 0) -> int:
        return client.post("/api/auth/login", json=wrong, timeout=60).status_code

    # Six at once (each passes the check before any failure is recorded), then the next is
    # over the limit of 5 failures: no race with the test stack's short throttle window.
    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(attempt, range(6)))
    statuses.append(attempt())
    assert set(statuses) == {401, 429}
    assert delta("fitledger_registrations_total") == 1
    assert delta("fitledger_sign_ins_total", outcome="ok") == 1
    assert delta("fitledger_sign_ins_total", outcome="failed") == statuses.count(401)
    assert delta("fitledger_sign_ins_total", outcome="throttled") == statuses.count(429)

    # Same answer for an address that has an account: not another registration.
    again = client.post(
        "/api/auth/register",
        json={"email": account.email, "password": uuid.uuid4().hex, "display_name": "Again"},
    )
    assert again.status_code == 201
    assert delta("fitledger_registrations_total") == 1


def test_the_meal_and_workout_scenarios_move_their_metrics(
    client: httpx.Client, register: Callable, push_receiver: PushReceiver
) -> None:
    account, target, _ = new_user(client, register, push_receiver)
    delta = Deltas()
    almonds = food(client, account, "almonds")
    grams = round(0.6 * target / float(almonds["nutrients_per_100g"]["energy_kcal"]) * 100)
    meals = [log_meal(client, account, almonds["id"], grams) for _ in range(2)]
    finish_workout(client, account, 50)

    assert delta("fitledger_meals_logged_total", meal_type="lunch") == 2
    assert delta("fitledger_food_items_logged_total") == 2
    assert delta("fitledger_calories_logged_kcal_total") == pytest.approx(
        sum(m["meal"]["totals"]["energy_kcal"] for m in meals)
    )
    assert delta("fitledger_workouts_completed_total", source="app") == 1
    # The consumers' side: one warning, and both scenarios timed end to end.
    wait_until(lambda: delta("fitledger_over_norm_warnings_total") == 1, what="the warning")
    for scenario in ("meal_over_norm", "workout_congratulated"):
        wait_until(
            lambda s=scenario: delta("fitledger_scenario_seconds_count", scenario=s) == 1,
            what=f"the {scenario} timing",
        )
    for kind in ("daily_norm_exceeded", "workout_completed"):
        assert (
            delta(
                "fitledger_notifications_sent_total", type=kind, channel="in_app", outcome="stored"
            )
            == 1
        )
        for channel in ("email", "push"):
            wait_until(
                lambda k=kind, c=channel: (
                    delta("fitledger_notifications_sent_total", type=k, channel=c, outcome="sent")
                    == 1
                ),
                what=f"the {kind} {channel} delivery",
            )


def test_active_users_include_who_just_signed_in(register: Callable) -> None:
    register()
    # The auth worker recounts every 30 s.
    day = wait_until(
        lambda: scrape().get(("fitledger_active_users", (("window", "day"),)), 0) >= 1,
        timeout=60,
        what="a daily active user",
    )
    assert day
    totals = scrape()
    assert (
        totals[("fitledger_active_users", (("window", "week"),))]
        >= totals[("fitledger_active_users", (("window", "day"),))]
    )
