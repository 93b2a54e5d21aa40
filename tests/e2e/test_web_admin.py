"""The admin area in the browser, through nginx (issue 11): a normal user gets the 403 page
and a 403 from every admin route; an administrator disables a user, who is then sent to sign
in; an announcement reaches a user's feed; the audit log shows who did what. Screenshots of
every admin page at phone and desktop size (.local/screenshots/admin-*.png)."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from accounts import put_profile
from browser import no_sideways_overflow, screenshot, signed_in, signed_in_page, user_with_token
from playwright.sync_api import Browser, BrowserContext, Page, expect
from stack_env import STACK_ENV

from backend_services.stack.topology import SERVICES, StackSettings

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

# (path, screenshot name, what shows once its data is there) of each admin page without an id.
ADMIN_PAGES = {
    "/admin": ("overview", "#admin-sections"),
    "/admin/users": ("users", "#user-list li"),
    "/admin/audit": ("audit", "#audit-list li"),
    "/admin/announcements": ("announcements", "#audience"),
    "/admin/foods": ("foods", "#food-imports li"),
    "/admin/health": ("health", "#instances li"),
    "/admin/messaging": ("messaging", "#queues li"),
}
# Plausible values for the admin routes' path parameters (the refusal must come first).
PATH_VALUES = {"queue": "users.activity.dlq"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _session_cookie(ui_url: str, email: str, password: str) -> str:
    """Signed in by the UI's own form post, as the sign-in page does."""
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        answer = http.post(
            "/session/login",
            data={"email": email, "password": password},
            headers={"Origin": ui_url},
        )
        assert answer.status_code == 303, answer.text
        return answer.cookies["fl_session"]


@pytest.fixture(scope="module")
def admin_with_profile(ui_url: str, admin_account: Any) -> Any:
    """The administrator, onboarded (so the app opens on today, not on onboarding), with a
    fresh access token (the shared one is from the session's start and lives 15 minutes)."""
    with httpx.Client(base_url=ui_url, timeout=20) as http:
        login = http.post(
            "/api/auth/login",
            json={"email": admin_account.email, "password": admin_account.password},
        )
        assert login.status_code == 200, login.text
        admin = dataclasses.replace(admin_account, access_token=login.json()["access_token"])
        put_profile(http, admin)
    return admin


@pytest.fixture
def admin_context(
    browser: Browser, ui_url: str, admin_with_profile: Any
) -> Iterator[BrowserContext]:
    admin_account = admin_with_profile
    context = signed_in(
        browser,
        ui_url,
        _session_cookie(ui_url, admin_account.email, admin_account.password),
        phone=False,
    )
    yield context
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#admin-sections")).to_be_visible()


def _admin_operations() -> list[tuple[str, str]]:
    """(method, path) of every admin route of every service, from their OpenAPI documents."""
    found = []
    topology = StackSettings(**STACK_ENV)  # type: ignore[arg-type]
    for spec in SERVICES:
        url = topology.instance_urls(spec)[0]
        document = httpx.get(f"{url}/openapi.json", timeout=10).json()
        for path, item in document["paths"].items():
            if "/admin/" in path:
                found += [
                    (m.upper(), path) for m in item if m in ("get", "post", "patch", "delete")
                ]
    return found


def _filled(path: str, user_id: str) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return PATH_VALUES.get(name, user_id if name == "user_id" else str(uuid.uuid4()))

    return re.sub(r"\{([a-z_]+)\}", value, path)


def test_a_normal_user_gets_the_403_page_and_a_403_from_every_admin_route(
    browser: Browser, ui_url: str
) -> None:
    cookie, token = user_with_token(ui_url, name="Nora")
    with signed_in_page(browser, ui_url, cookie, phone=True) as page:
        page.goto(f"{ui_url}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.locator("#admin-link")).to_have_count(0)
        for path in (*ADMIN_PAGES, f"/admin/users/{uuid.uuid4()}"):
            page.goto(f"{ui_url}{path}")
            expect(page.locator("#admin-forbidden")).to_be_visible()
            expect(page.get_by_role("heading", level=1)).to_have_text("403 · Administrators only")
            assert page.url.rstrip("/").endswith(path), page.url  # no redirect (loop)
            expect(page.locator("#admin-sections")).to_have_count(0)
        screenshot(page, "admin-403-phone")

    operations = _admin_operations()
    assert len(operations) >= 10, operations
    with httpx.Client(base_url=ui_url, timeout=20) as http:
        me = http.get("/api/auth/me", headers=bearer(token)).json()["id"]
        answers = {
            f"{method} {path}": http.request(
                method, _filled(path, me), headers=bearer(token), json={}
            ).status_code
            for method, path in operations
        }
    assert {k: v for k, v in answers.items() if v != 403} == {}


def test_an_admin_disables_a_user_who_is_then_sent_to_sign_in(
    browser: Browser, ui_url: str, admin_context: BrowserContext, admin_account: Any
) -> None:
    cookie, token = user_with_token(ui_url, name="Dora")
    with httpx.Client(base_url=ui_url, timeout=20) as http:
        victim = http.get("/api/auth/me", headers=bearer(token)).json()
    with signed_in_page(browser, ui_url, cookie, phone=True) as user_page:
        user_page.goto(f"{ui_url}/")
        expect(user_page.get_by_role("heading", level=1)).to_be_visible()
        assert "/login" not in user_page.url

        admin = admin_context.new_page()
        admin.goto(f"{ui_url}/")
        admin.locator("#admin-link").click()
        expect(admin).to_have_url(re.compile(r"/admin/?$"))
        expect(admin.locator("#admin-sections")).to_be_visible()
        admin.get_by_role("link", name="Users").first.click()
        admin.get_by_label("Search by e-mail or name").fill(victim["email"])
        admin.get_by_role("link", name=re.compile(re.escape(victim["email"]))).click()
        expect(admin.get_by_text(victim["email"]).first).to_be_visible()
        expect(admin.locator("#session-count")).not_to_have_text("0")
        admin.locator("#toggle-disabled").click()  # asks first
        admin.locator("#confirm-disable").click()
        expect(admin.locator("#admin-notice")).to_contain_text("Account disabled")
        expect(admin.locator("#session-count")).to_have_text("0")
        expect(admin.locator("#toggle-disabled")).to_have_text("Enable account")

        user_page.reload()
        expect(user_page).to_have_url(re.compile(r"/login"))

        _open(admin, f"{ui_url}/admin/audit")
        entry = admin.locator("#audit-list li").filter(has_text=victim["email"]).first
        expect(entry).to_contain_text("disabled the account of")
        expect(entry).to_contain_text(admin_account.email)


def test_an_announcement_reaches_a_users_feed(
    browser: Browser, ui_url: str, admin_context: BrowserContext
) -> None:
    cookie, _ = user_with_token(ui_url, name="Fay")
    title = f"Maintenance {uuid.uuid4().hex[:6]}"
    admin = admin_context.new_page()
    _open(admin, f"{ui_url}/admin/announcements")
    admin.get_by_label("Title").fill(title)
    admin.get_by_label("Text").fill("FitLedger will be offline for ten minutes on Sunday.")
    expect(admin.locator("#send-announcement")).to_be_disabled()  # not previewed yet
    admin.locator("#preview-audience").click()
    expect(admin.locator("#audience")).to_contain_text(re.compile(r"reach [1-9]\d* user"))
    admin.locator("#send-announcement").click()
    expect(admin.locator("#admin-notice")).to_contain_text(title)
    sent = admin.locator("#announcements li").filter(has_text=title)
    expect(sent).to_contain_text("sent", timeout=30_000)  # every batch went out

    with signed_in_page(browser, ui_url, cookie, phone=True) as feed:
        feed.goto(f"{ui_url}/notifications")
        expect(feed.get_by_text(title)).to_be_visible()

    _open(admin, f"{ui_url}/admin/audit")
    expect(
        admin.locator("#audit-list li").filter(has_text="sent the announcement").first
    ).to_be_visible()


def test_the_food_database_page_shows_imports_flags_and_resolves_a_report(
    ui_url: str, admin_context: BrowserContext
) -> None:
    _, token = user_with_token(ui_url, name="Rae")
    reason = f"Energy looks wrong {uuid.uuid4().hex[:6]}"
    with httpx.Client(base_url=ui_url, timeout=20) as http:
        found = http.get(
            "/api/nutrition/foods",
            params={"q": "apple", "source": "usda-sr28", "limit": 1},
            headers=bearer(token),
        )
        assert found.status_code == 200, found.text
        food = found.json()["items"][0]
        reported = http.post(
            f"/api/nutrition/foods/{food['id']}/reports",
            json={"reason": reason},
            headers=bearer(token),
        )
        assert reported.status_code == 201, reported.text

    admin = admin_context.new_page()
    _open(admin, f"{ui_url}/admin/foods")
    sr28 = admin.locator("#food-imports li").filter(has_text="usda-sr28")
    expect(sr28).to_contain_text(re.compile(r"[1-9]\d* foods"))
    expect(sr28).to_contain_text("SR28")  # its licence

    # a flagged food shows why; hiding and showing it again leaves it as it was
    expect(admin.locator("#flagged-count")).to_contain_text(re.compile(r"\d+ to \d+ of \d+"))
    first = admin.locator("#flagged-list > li").first
    expect(first.get_by_role("list", name="Why it is flagged")).not_to_be_empty()
    name = first.locator("span, p").first.inner_text()
    first.get_by_role("button", name=f"Hide from search: {name}").click()
    expect(admin.locator("#admin-notice")).to_contain_text("hidden from search")
    hidden = admin.locator("#flagged-list > li").filter(has_text=name).first
    expect(hidden).to_contain_text("Hidden: Quality flags")
    hidden.get_by_role("button", name=f"Show in search: {name}").click()
    expect(admin.locator("#admin-notice")).to_contain_text("back in search")

    # the user's report is listed with its reason and is resolved from here
    entry = admin.locator("#reported-list > li").filter(has_text=reason)
    expect(entry).to_contain_text(food["name"])
    entry.get_by_role("button", name=re.compile(r"^Resolve: values are right")).click()
    expect(admin.locator("#admin-notice")).to_contain_text("resolved")
    expect(admin.locator("#reported-list > li").filter(has_text=reason)).to_have_count(0)


def test_an_admin_corrects_the_values_of_a_reported_food(
    ui_url: str, admin_context: BrowserContext
) -> None:
    """A user's bar says 500 kcal where its macros make 210 (flagged), and is reported; the
    admin corrects it from the page: a value that is not a number is refused next to its box
    and changes nothing, then the right energy is stored and the report stays to resolve."""
    _, token = user_with_token(ui_url, name="Ola")
    name = f"Test bar {uuid.uuid4().hex[:6]}"
    reason = f"Energy too high {uuid.uuid4().hex[:6]}"
    with httpx.Client(base_url=ui_url, timeout=20, headers=bearer(token)) as http:
        made = http.post(
            "/api/nutrition/foods",
            json={
                "name": name,
                "energy_kcal": 500,
                "protein_g": 10,
                "fat_g": 10,
                "carbohydrate_g": 10,
            },
        )
        assert made.status_code == 201, made.text
        food_id = made.json()["id"]
        reported = http.post(f"/api/nutrition/foods/{food_id}/reports", json={"reason": reason})
        assert reported.status_code == 201, reported.text

        admin = admin_context.new_page()
        _open(admin, f"{ui_url}/admin/foods")
        entry = admin.locator("#reported-list > li").filter(has_text=reason)
        entry.get_by_role("button", name=f"Correct values: {name}").click()
        dialog = admin.get_by_role("dialog")
        expect(dialog.get_by_label("Energy (kcal)")).to_have_value("500")
        dialog.get_by_label("Energy (kcal)").fill("lots")
        dialog.get_by_role("button", name="Save values").click()
        expect(dialog.locator("#field-fix-energy_kcal-error")).to_contain_text("Enter a number")
        food = http.get(f"/api/nutrition/foods/{food_id}").json()
        assert food["nutrients_per_100g"]["energy_kcal"] == 500  # nothing was sent

        dialog.get_by_label("Energy (kcal)").fill("210")
        dialog.get_by_role("button", name="Save values").click()
        expect(admin.locator("#admin-notice")).to_contain_text(f"“{name}” corrected.")
        expect(admin.get_by_role("dialog")).to_have_count(0)
        food = http.get(f"/api/nutrition/foods/{food_id}").json()
        assert food["name"] == name
        assert food["nutrients_per_100g"]["energy_kcal"] == 210
        assert food["nutrients_per_100g"]["protein_g"] == 10  # the boxes left as they were
        expect(admin.locator("#reported-list > li").filter(has_text=reason)).to_have_count(1)


def test_the_health_page_lists_every_instance_ready_and_draws_the_graphs(
    ui_url: str, admin_context: BrowserContext
) -> None:
    admin = admin_context.new_page()
    _open(admin, f"{ui_url}/admin/health")
    expect(admin.locator("#health-summary")).to_contain_text(re.compile(r"All \d+ instances ready"))
    instances = admin.locator("#instances > li")
    for spec in SERVICES:  # the aggregator asks the others (it answers itself)
        if spec.name != "aggregator":
            expect(instances.filter(has_text=spec.name).first).to_contain_text("ready")
    expect(instances.filter(has_text="not ready")).to_have_count(0)
    admin.locator("#graphs").scroll_into_view_if_needed()
    shown = admin.locator("#graphs-error, #chart-request-rate")
    expect(shown.first).to_be_visible()
    screenshot(admin, "admin-health-graphs-desktop")
    if admin.locator("#graphs-error").count():  # a stack without Prometheus says so plainly
        expect(admin.locator("#graphs-error")).to_contain_text("The graphs are unavailable: ")
        return
    for name in ("request-rate", "error-ratio", "p95-latency", "outbox-backlog"):
        expect(admin.locator(f"#chart-{name}")).to_be_visible()
    # the request rate has data (this test's own requests) and its numbers in a table
    expect(admin.locator("#chart-request-rate .js-plotly-plot")).to_be_visible(timeout=30_000)
    table = admin.locator("#chart-request-rate-table")
    table.locator("summary").click()
    expect(table.locator("tbody tr").first).to_be_visible()


def test_the_messaging_page_lists_the_dead_letter_queues_and_opens_one(
    ui_url: str, admin_context: BrowserContext
) -> None:
    admin = admin_context.new_page()
    _open(admin, f"{ui_url}/admin/messaging")
    expect(admin.locator("#queues-count")).to_contain_text(re.compile(r"\d+ queues, \d+ dead"))
    queue = admin.locator("#queues > li").filter(has_text=PATH_VALUES["queue"]).first
    expect(queue).to_be_visible()
    queue.get_by_role("button").click()
    expect(admin.get_by_role("heading", name=PATH_VALUES["queue"])).to_be_visible()
    expect(admin.locator("#letters-count")).to_have_text(
        re.compile(r"^(This queue is empty\.|\d+ messages?.*)$")
    )


def _dead_letter(queue: str) -> str:
    """A message put straight into a dead-letter queue, as the broker would after retries."""
    import pika  # the e2e tests' only direct use of the broker

    message_id = f"e2e-{uuid.uuid4().hex[:8]}"
    topology = StackSettings(**STACK_ENV)  # type: ignore[arg-type]
    connection = pika.BlockingConnection(pika.URLParameters(topology.amqp_url))
    try:
        channel = connection.channel()
        channel.queue_declare(queue, passive=True)
        channel.basic_publish(
            "",
            queue,
            '{"user_id": "nobody", "note": "from the e2e test"}',
            pika.BasicProperties(
                message_id=message_id,
                type="e2e.test.failed",
                app_id="e2e",
                content_type="application/json",
            ),
        )
    finally:
        connection.close()
    return message_id


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_a_dead_letter_shows_its_details_and_is_discarded_after_confirming(
    browser: Browser, ui_url: str, admin_with_profile: Any, phone: bool
) -> None:
    queue = PATH_VALUES["queue"]
    message_id = _dead_letter(queue)
    context = signed_in(
        browser,
        ui_url,
        _session_cookie(ui_url, admin_with_profile.email, admin_with_profile.password),
        phone=phone,
    )
    try:
        admin = context.new_page()
        _open(admin, f"{ui_url}/admin/messaging")
        admin.locator("#queues > li").filter(has_text=queue).first.get_by_role("button").click()
        letter = admin.locator("#letters > li").filter(has_text=message_id)
        expect(letter).to_contain_text("e2e.test.failed")
        expect(letter).to_contain_text("user nobody")
        letter.locator("summary").click()
        expect(letter.locator("details")).to_contain_text("from the e2e test")
        no_sideways_overflow(admin)
        screenshot(admin, f"admin-messaging-open-{'phone' if phone else 'desktop'}")
        letter.get_by_role("button", name=re.compile(r"^Discard ")).click()
        admin.get_by_role("button", name="Keep it").click()
        expect(letter).to_have_count(1)
        letter.get_by_role("button", name=re.compile(r"^Discard ")).click()
        admin.locator("#confirm-discard").click()
        expect(admin.locator("#admin-notice")).to_contain_text("discarded")
        expect(admin.locator("#letters > li").filter(has_text=message_id)).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize("phone", [True, False], ids=["phone", "desktop"])
def test_every_admin_page_fits_the_screen(
    browser: Browser,
    ui_url: str,
    admin_with_profile: Any,
    phone: bool,
    register: Callable[..., Any],
) -> None:
    someone = register()
    context = signed_in(
        browser,
        ui_url,
        _session_cookie(ui_url, admin_with_profile.email, admin_with_profile.password),
        phone=phone,
    )
    size = "phone" if phone else "desktop"
    try:
        page = context.new_page()
        pages = {**ADMIN_PAGES, f"/admin/users/{someone.user_id}": ("user", "#session-count")}
        for path, (name, ready) in pages.items():
            _open(page, f"{ui_url}{path}")
            expect(page.locator(ready).first).to_be_visible()
            no_sideways_overflow(page)
            screenshot(page, f"admin-{name}-{size}")
    finally:
        context.close()
