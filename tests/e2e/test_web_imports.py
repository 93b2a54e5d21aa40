"""Health imports, units and the export in the browser, through nginx.

Upload the Apple Health fixture → the job's report → the workouts listed with their source;
then a Google Fit Takeout with the same sessions → merged, "Apple Health + Google Fit", and
one merge undone. Imperial units show the same weights in pounds. The export zip holds the
diary and the workouts. Pages are photographed at phone and desktop size.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import httpx
import pytest
from browser import (
    PASSWORD,
    ROOT,
    finished_workout,
    fresh_page,
    no_sideways_overflow,
    register_in_browser,
    screenshot,
    signed_in_page,
    user_with_profile,
    user_with_token,
)
from playwright.sync_api import Browser, Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

FIXTURES = ROOT / "tests" / "fixtures"
APPLE = FIXTURES / "apple_health" / "export.xml"
LIVE_MS = 30_000  # the import job runs in the background; its result arrives by polling


@pytest.fixture(scope="module")
def session_cookie(ui_url: str) -> str:
    return user_with_profile(ui_url, "Ivy", 82)


def google_takeout(folder: Path) -> Path:
    """The Google Fit fixture as a real Takeout zip (Takeout/Fit/All Sessions/...)."""
    path = folder / "takeout-20240502.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for source in sorted((FIXTURES / "google_fit").iterdir()):
            if source.suffix == ".json":
                archive.write(source, f"Takeout/Fit/All Sessions/{source.name}")
            else:
                archive.write(source, f"Takeout/Fit/Daily activity metrics/{source.name}")
    return path


def upload(page: Page, path: Path) -> None:
    page.locator("#health-export input[type=file]").set_input_files(str(path))
    expect(page.locator("#health-export-chosen")).to_contain_text(path.name)
    page.locator("#import-start").click()


def report(page: Page, key: str) -> str:
    """The count of one line of the job's report."""
    return page.locator(f"#report-{key}").inner_text().split()[-1]


def test_import_apple_then_google_merges_and_a_merge_can_be_undone(
    browser: Browser, ui_url: str, session_cookie: str, tmp_path: Path
) -> None:
    with signed_in_page(browser, ui_url, session_cookie, phone=True) as page:
        page.goto(f"{ui_url}/imports")
        expect(page.locator("#no-imports")).to_be_visible()
        no_sideways_overflow(page)
        screenshot(page, "imports-empty-phone")

        upload(page, APPLE)
        expect(page.locator("#import-progress")).to_have_text("Done.", timeout=LIVE_MS)
        expect(page.locator("#report-workouts-imported")).to_contain_text("3")
        assert "3" in report(page, "workouts-read")
        rows = page.locator(".imported-row")
        expect(rows).to_have_count(3, timeout=LIVE_MS)
        expect(page.locator(".provenance", has_text="Apple Health")).to_have_count(3)

        upload(page, google_takeout(tmp_path))
        expect(page.locator("#import-progress")).to_have_text("Done.", timeout=LIVE_MS)
        expect(page.locator("#report-workouts-merged")).to_contain_text("2")
        expect(page.locator("#report-workouts-imported")).to_contain_text("0")
        merged = page.locator(".provenance", has_text="Apple Health + Google Fit")
        expect(merged).to_have_count(2, timeout=LIVE_MS)
        screenshot(page, "imports-merged-phone")

        run = page.locator(".imported-row", has_text="Running")
        expect(run.locator(".undo-merge")).to_have_count(1)
        run.locator(".undo-merge").click()
        expect(page.locator("#merge-notice")).to_contain_text("its own workout again")
        expect(merged).to_have_count(1)
        expect(rows).to_have_count(4)
        expect(
            page.locator(".provenance", has_text="Google Fit").filter(has_not_text="+")
        ).to_have_count(1)

        page.goto(f"{ui_url}/workouts")
        history = page.locator("#history")
        expect(history).to_contain_text("Apple Health")
        expect(history).to_contain_text("Google Fit")
        expect(history).not_to_contain_text("apple_health")  # the source by its name
    with signed_in_page(browser, ui_url, session_cookie, phone=False) as page:
        page.goto(f"{ui_url}/imports")
        expect(page.locator(".imported-row")).to_have_count(4)
        screenshot(page, "imports-desktop")


def _bench_press_done(ui_url: str, token: str) -> None:
    """A finished workout of 100 kg x 5 (500 kg of volume), logged through the API."""
    bench = {
        "exercise_id": "builtin:barbell-bench-press",
        "sets": [{"kind": "strength", "reps": 5, "weight_kg": 100}],
    }
    finished_workout(ui_url, token, "Bench day", [bench])


def test_imperial_units_show_and_take_pounds_and_feet(browser: Browser, ui_url: str) -> None:
    cookie, token = user_with_token(ui_url, "Una", 82)  # 180 cm, 82 kg
    with signed_in_page(browser, ui_url, cookie, phone=True) as page:
        _bench_press_done(ui_url, token)
        page.goto(f"{ui_url}/workouts")
        expect(page.locator("#history")).to_contain_text("500 kg")
        page.goto(f"{ui_url}/profile")
        expect(page.get_by_label("Weight (kg)").first).to_have_value("82")
        page.goto(f"{ui_url}/settings")
        expect(page.locator("#settings-units")).to_be_visible()
        page.get_by_role("radio", name="Imperial (lb, ft in)").click()
        expect(page.locator("#units-notice")).to_contain_text("pounds")
        page.get_by_role("radio", name="Sunday").click()
        expect(page.locator("#units-notice")).to_contain_text("Sunday")
        screenshot(page, "settings-units-phone")

        page.goto(f"{ui_url}/profile")
        expect(page.get_by_label("Height (ft in)")).to_have_value("5 ft 11 in")
        expect(page.get_by_label("Weight (lb)").first).to_have_value("180.8")
        weigh_in = page.locator("#profile-weight").get_by_label("Weight (lb)")
        weigh_in.fill("180")
        page.locator("#log-weight").click()
        expect(page.locator("#weigh-in-notice")).to_contain_text("Logged 180 lb")
        no_sideways_overflow(page)
        screenshot(page, "profile-imperial-phone")
        page.reload()
        expect(page.get_by_label("Weight (lb)").first).to_have_value("180")
        page.goto(f"{ui_url}/workouts")
        expect(page.locator("#history")).to_contain_text("1,102.3 lb")  # the same 500 kg


def test_a_file_that_is_not_an_export_is_refused_in_plain_words(
    browser: Browser, ui_url: str, session_cookie: str, tmp_path: Path
) -> None:
    photos = tmp_path / "photos.zip"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("IMG_0001.jpg", b"not really a photo")
    notes = tmp_path / "notes.txt"
    notes.write_text("not an export")
    with signed_in_page(browser, ui_url, session_cookie, phone=True) as page:
        page.goto(f"{ui_url}/imports")
        expect(page.locator("#imports-load-error")).to_have_count(0)
        page.locator("#health-export input[type=file]").set_input_files(str(notes))
        expect(page.locator("#upload-error")).to_contain_text("not a health export")
        upload(page, photos)
        expect(page.locator("#upload-error")).to_contain_text("not a health export")
        expect(page.locator("#import-job")).to_have_count(0)


def large_apple_export(folder: Path, steps: int) -> Path:
    """The Apple fixture with `steps` more step records (several MB, like a real export)."""
    record = (
        '<Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
        'startDate="2024-04-{day:02d} 09:{minute:02d}:00 +0200" '
        'endDate="2024-04-{day:02d} 09:{minute:02d}:30 +0200" value="10"/>\n'
    )
    text = APPLE.read_text(encoding="utf-8")
    extra = "".join(record.format(day=1 + i % 28, minute=i % 60) for i in range(steps))
    path = folder / "export.xml"
    path.write_text(text.replace("</HealthData>", extra + "</HealthData>"), encoding="utf-8")
    return path


def test_an_export_of_several_megabytes_goes_through(
    browser: Browser, ui_url: str, tmp_path: Path
) -> None:
    export = large_apple_export(tmp_path, 40_000)
    assert export.stat().st_size > 5 * 1024 * 1024  # over the gateway's usual 2 MB body limit
    with signed_in_page(browser, ui_url, user_with_profile(ui_url, "Max"), phone=False) as page:
        page.goto(f"{ui_url}/imports")
        expect(page.locator("#no-imports")).to_be_visible()
        upload(page, export)
        expect(page.locator("#import-progress")).to_have_text("Done.", timeout=LIVE_MS)
        assert int(report(page, "records-read")) >= 40_000
        expect(page.locator(".imported-row")).to_have_count(3)


def _api_token(ui_url: str, email: str) -> str:
    with httpx.Client(base_url=ui_url, timeout=30) as http:
        login = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert login.status_code == 200, login.text
        return str(login.json()["access_token"])


def test_export_zip_holds_the_diary_and_the_workouts(browser: Browser, ui_url: str) -> None:
    with fresh_page(browser) as page:
        email = register_in_browser(page, ui_url, name="Eli")
        auth = {"Authorization": f"Bearer {_api_token(ui_url, email)}"}
        with httpx.Client(base_url=ui_url, timeout=30, headers=auth) as http:
            meal = http.post(
                "/api/nutrition/meals",
                json={
                    "date": dt.date.today().isoformat(),
                    "meal_type": "lunch",
                    "items": [{"quick_add": {"name": "Export lentil soup", "energy_kcal": 410}}],
                },
            )
            assert meal.status_code == 201, meal.text
            with APPLE.open("rb") as export:
                job = http.post(
                    "/api/workouts/imports/apple-health", files={"file": ("export.xml", export)}
                )
            assert job.status_code == 202, job.text
            poll = f"/api/workouts/imports/{job.json()['id']}"
            for _ in range(LIVE_MS // 250):  # the job runs in the background
                status = http.get(poll).json()["status"]
                if status in ("succeeded", "failed"):
                    break
                page.wait_for_timeout(250)
            assert status == "succeeded"

        page.goto(f"{ui_url}/settings")
        expect(page.locator("#export-zip-link")).to_be_visible()
        with page.expect_download() as info:
            page.locator("#export-zip-link").click()
        download = info.value
        assert re.fullmatch(r"fitledger-export-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
        archive = zipfile.ZipFile(download.path())
        diary = list(csv.DictReader(io.StringIO(archive.read("diary.csv").decode())))
        assert [(r["food"], r["energy_kcal"]) for r in diary] == [("Export lentil soup", "410.0")]
        workouts = list(csv.DictReader(io.StringIO(archive.read("workouts.csv").decode())))
        assert sorted(w["source"] for w in workouts) == ["apple_health"] * 3
        assert {w["date"] for w in workouts} == {"2024-04-30", "2024-05-01", "2024-05-02"}
        [document] = [n for n in archive.namelist() if n.endswith(".json")]
        assert "Export lentil soup" in archive.read(document).decode()
