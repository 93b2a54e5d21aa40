"""Fuzz every service's OpenAPI with schemathesis (RELIABILITY.md, "Bad input"), through the
gateway and on the service's own port.

Each service's schema is read from one of its instances directly (the gateway does not serve
``/openapi.json``). Through the gateway the requests meet the same nginx checks, rate limits
and identity headers as the UI's; on the service's own port (as anything inside the cluster
could call it) the service alone must hold to its document, with the same real session.
Every response must be: no 5xx, a documented status, the declared content type, declared
headers and a body matching the declared schema; input that violates the schema must be
refused (``negative_data_rejection``) and input the schema allows must be accepted
(``positive_data_acceptance``), except for the rules no OpenAPI keyword can state, listed per
operation in ``REFUSED_VALID_INPUT`` with the status that refuses them and why.

Schemathesis checks not run here: ``missing_required_header`` and ``unsupported_method`` judge
only the coverage phase's cases, which this driver does not generate (the phase would multiply
the requests of a run that must stay short; tests/api/security covers 405 and missing headers);
``ignored_auth`` needs ``securitySchemes`` in the documents, which declare sign-in as the 401/403
answers of each route instead, and it would send two more requests per accepted case
(tests/api/security/test_forged_tokens covers missing and forged tokens on every route).

Bounded and repeatable: ``MAX_EXAMPLES`` positive and as many negative cases per operation,
derandomized, no shrinking, requests through the gateway paced under its rate limit. Driven through
Hypothesis directly: schemathesis 4.32's lazy pytest loader fails on pytest 9.2. Operations
that would end the fuzzing user's session mid-run are left out (``DESTRUCTIVE``); their inputs
are covered by tests/api/auth.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import PositiveDataAcceptanceConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from stack_env import STACK_ENV

from backend_services.stack.topology import SERVICES, StackSettings

pytestmark = pytest.mark.e2e

# The service's own port holds each document to account (10 + 10 cases an operation); through
# the gateway the same documents get a few cases each, enough to show that nginx's checks,
# limits and error pages keep to them.
MAX_EXAMPLES = {"gateway": 3, "direct": 10}
# The gateway allows 50 requests/s (burst 100) per client on /api/ and 6000/min (burst 20) on
# /api/auth/ in the test stack: stay under both, so a 429 here is the service's own answer.
MIN_INTERVAL_SECONDS = 1 / 40
LOGIN_FAILURE_WINDOW_SECONDS = int(STACK_ENV["LOGIN_FAILURE_WINDOW_SECONDS"])

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
]

# Rules of valid input that no OpenAPI keyword states, so a schema-valid request can meet them:
# (method, path) -> (the statuses that refuse it, why). Every other operation must accept every
# request its document allows.
DATES = "a date is from 2000-01-01 to a few days after today (a moving bound)"
READABLE = "the file is not empty and holds the export it is sent as"
DECIMALS = (
    "Decimal fields have at most 2 or 3 decimal places (multipleOf on binary floats cannot say it)"
)
RANGE = "a date range is from 2000-01-01 to a few days after today, and at most so long"
AGE = "the birth date gives an age from 13 to 120 years, counted from today"
REFUSED_VALID_INPUT: dict[tuple[str, str], tuple[tuple[int, ...], str]] = {
    ("POST", "/api/auth/register"): ((422,), "common passwords and reserved e-mail domains"),
    ("POST", "/api/auth/login"): ((422,), "e-mail addresses in reserved domains (RFC 6761)"),
    ("POST", "/api/auth/password/forgot"): ((422,), "e-mail addresses in reserved domains"),
    ("POST", "/api/auth/password/reset"): ((422,), "the token is one the service e-mailed"),
    ("PUT", "/api/users/me"): (
        (422,),
        f"{AGE}; the training-day amount's bounds depend on its kind",
    ),
    ("PATCH", "/api/users/me"): (
        (422,),
        f"{AGE}; the training-day amount's bounds depend on its kind",
    ),
    ("POST", "/api/users/import"): ((422,), f"{AGE}; {DATES}; training-day amounts by kind"),
    ("POST", "/api/users/me/weights"): ((422,), DATES),
    ("GET", "/api/users/me/weights"): ((422,), RANGE),
    ("GET", "/api/users/me/stats"): ((422,), RANGE),
    ("GET", "/api/users/me/expenditure"): ((422,), RANGE),
    ("GET", "/api/users/me/targets"): ((422,), DATES),
    ("GET", "/api/users/me/targets/micronutrients"): ((422,), DATES),
    ("GET", "/api/nutrition/foods"): ((422,), "the cursor is one the service gave"),
    ("GET", "/api/nutrition/foods/barcode/{code}"): ((422,), "a barcode's check digit"),
    ("POST", "/api/nutrition/foods"): ((422,), DECIMALS),
    ("PATCH", "/api/nutrition/admin/foods/{food_id}"): ((422,), DECIMALS),
    ("PATCH", "/api/nutrition/items/{item_id}"): ((422,), DECIMALS),
    ("POST", "/api/nutrition/recipes"): ((422,), DECIMALS),
    ("POST", "/api/nutrition/describe"): ((422,), "the text names a food the service knows"),
    ("POST", "/api/nutrition/meals"): (
        (422,),
        f"each item is exactly one of food_id, recipe_id, quick_add; {DATES}",
    ),
    ("PATCH", "/api/nutrition/meals/{meal_id}"): ((422,), DATES),
    ("POST", "/api/nutrition/meals/{meal_id}/copy"): ((422,), DATES),
    ("GET", "/api/nutrition/diary/{day}"): ((422,), DATES),
    ("POST", "/api/nutrition/diary/{day}/copy"): ((422,), DATES),
    ("GET", "/api/nutrition/reports"): ((422,), RANGE),
    ("POST", "/api/nutrition/import"): ((422,), f"{DATES}; ids of foods and recipes in the file"),
    ("POST", "/api/nutrition/imports/diary"): ((422,), "the file holds a diary export it can read"),
    ("POST", "/api/nutrition/imports/diary/{import_id}/import"): (
        (422,),
        "food_id goes with action food only",
    ),
    ("GET", "/api/nutrition/water/{day}"): ((422,), DATES),
    ("POST", "/api/nutrition/water/{day}"): ((422,), DATES),
    ("POST", "/api/nutrition/fasts"): ((422,), "a custom fast gives target_hours, the others not"),
    ("POST", "/api/nutrition/fasts/current/end"): ((422,), DATES),
    ("POST", "/api/workouts/workouts"): ((422,), DATES),
    ("GET", "/api/workouts/workouts"): ((422,), RANGE),
    ("PATCH", "/api/workouts/workouts/{workout_id}"): ((422,), DATES),
    ("POST", "/api/workouts/workouts/{workout_id}/complete"): ((422,), DATES),
    ("GET", "/api/workouts/progress/{exercise_id}"): ((422,), RANGE),
    ("GET", "/api/workouts/summary"): ((422,), RANGE),
    ("POST", "/api/workouts/import"): (
        (422,),
        f"the exercises named exist in the catalog; {DATES}",
    ),
    ("POST", "/api/workouts/exercises"): ((422,), "met_code is a code of the Compendium"),
    ("POST", "/api/workouts/programs"): ((422,), "the exercises named exist in the catalog"),
    ("PUT", "/api/workouts/programs/{program_id}"): (
        (422,),
        "the exercises named exist in the catalog",
    ),
    ("POST", "/api/workouts/imports/{job_id}/review"): (
        (422,),
        "exactly one of exercise_id, new_exercise",
    ),
    ("POST", "/api/workouts/imports/strong"): ((400, 422), READABLE),
    ("POST", "/api/workouts/imports/hevy"): ((400, 422), READABLE),
    ("POST", "/api/workouts/imports/{provider}"): ((400, 422), READABLE),
    ("GET", "/api/dashboard/day/{day}"): ((422,), DATES),
    ("GET", "/api/dashboard/week/{day}"): ((422,), DATES),
    ("GET", "/api/aggregator/ledger"): ((422,), RANGE),
    ("GET", "/api/notifications/"): ((422,), "the cursor is one the service gave"),
    ("POST", "/api/notifications/push-subscriptions"): (
        (422,),
        "the endpoint's host name resolves",
    ),
}

# (method, path): these end the caller's sessions or account.
DESTRUCTIVE = {
    ("DELETE", "/api/auth/me"),
    ("POST", "/api/auth/logout"),
    ("POST", "/api/auth/logout-all"),
    ("POST", "/api/auth/password/change"),
    # Fans out to every opted-in user of the stack: a mail flood for the tests after this.
    ("POST", "/api/notifications/admin/announcements"),
}

# (method, path): a file part's bytes are opaque to the schema ("a number" sent as a file is
# still a file); the import job itself rejects what it cannot parse, and its tests show that.
OPAQUE_UPLOADS = {
    ("POST", "/api/workouts/imports/{provider}"),
    ("POST", "/api/workouts/imports/strong"),
    ("POST", "/api/workouts/imports/hevy"),
}

FUZZED = [
    "auth",
    "users",
    "nutrition",
    "workouts",
    "aggregator",
    "notifications",
]

_SPECS = {spec.name: spec for spec in SERVICES}


def _instance_port(service: str) -> int:
    topology = StackSettings(**STACK_ENV)
    return topology.instance_ports(_SPECS[service])[0]


@pytest.fixture(scope="module")
def fuzz_user(register: Callable[..., Any]) -> Any:  # conftest's Account
    return register()


def _checks_config() -> schemathesis.Config:
    """``REFUSED_VALID_INPUT`` as schemathesis' own per-operation setting."""
    accepted = PositiveDataAcceptanceConfig().expected_statuses
    return schemathesis.Config.from_dict(
        {
            "operations": [
                {
                    "include-name": f"{method} {path}",
                    "checks": {
                        "positive_data_acceptance": {
                            "expected-statuses": [*accepted, *map(str, statuses)]
                        }
                    },
                }
                for (method, path), (statuses, _why) in REFUSED_VALID_INPUT.items()
            ]
        }
    )


def _load_schema(service: str, base_url: str) -> schemathesis.BaseSchema:
    url = f"http://127.0.0.1:{_instance_port(service)}/openapi.json"
    schema = schemathesis.openapi.from_url(url, config=_checks_config(), timeout=10)
    schema.config.update(base_url=base_url)
    return schema


_last_request = [0.0]


def _pace() -> None:
    wait = _last_request[0] + MIN_INTERVAL_SECONDS - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    _last_request[0] = time.monotonic()


def _fuzz_operation(
    operation: APIOperation, headers: dict[str, str], max_examples: int, *, paced: bool
) -> list[str]:
    """Run positive and negative cases; return one line per distinct failure."""
    found: dict[str, str] = {}
    key = (operation.method.upper(), operation.path)
    checks = [c for c in CHECKS if not (key in OPAQUE_UPLOADS and c is negative_data_rejection)]
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=max_examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            if paced:
                _pace()
            try:
                case.call_and_validate(headers=headers, checks=checks, timeout=30)
            except (AssertionError, FailureGroup) as exc:
                title = str(exc).strip().splitlines()[0][:200]
                found.setdefault(title, str(exc).strip()[:1500])

        with contextlib.suppress(Unsatisfiable):  # nothing to make invalid (no parameters)
            run()
    return list(found.values())


# One test per service: every failing operation is listed at once, not just the first.
@pytest.mark.parametrize("door", ["gateway", "direct"])
@pytest.mark.parametrize("service", FUZZED)
def test_openapi_fuzz(
    service: str, door: str, stack: str, fuzz_user: Any, admin_account: Any
) -> None:
    base_url = stack if door == "gateway" else f"http://127.0.0.1:{_instance_port(service)}"
    schema = _load_schema(service, base_url)
    failures: list[str] = []
    try:
        for result in schema.get_all_operations():
            operation = result.ok()  # type: ignore[union-attr]  # a schema error fails here
            label = f"{operation.method.upper()} {operation.path}"
            if (operation.method.upper(), operation.path) in DESTRUCTIVE:
                continue
            account = admin_account if "/admin/" in operation.path else fuzz_user
            found = _fuzz_operation(
                operation, account.headers, MAX_EXAMPLES[door], paced=door == "gateway"
            )
            failures += [f"{label}: {line}" for line in found]
    finally:
        if service == "auth":
            # Fuzzed sign-ins count as failures per client address: let the window pass, so
            # the tests after this one can sign in from this address again.
            time.sleep(LOGIN_FAILURE_WINDOW_SECONDS + 1)
    assert not failures, f"{len(failures)} failure(s):\n\n" + "\n\n".join(failures)
