"""The onboarding wizard as a person fills it in: body data, then the goal (steps 1 and 2)."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect


@dataclass(frozen=True)
class Body:
    sex: str  # "female" | "male"
    birth_date: str  # as typed into the date field, YYYY-MM-DD
    height_cm: str
    weight_kg: str
    activity: str  # "sedentary" ... "extra_active"
    goal: str  # "lose" | "maintain" | "gain"


def onboard(page: Page, body: Body) -> None:
    """Fill in both steps; the page is left on step 3 (the targets, with their formula)."""
    page.locator(f"#sex-{body.sex}").click()
    page.get_by_label("Birth date").fill(body.birth_date)
    page.get_by_label("Height (cm)").fill(body.height_cm)
    page.get_by_label("Weight (kg)").fill(body.weight_kg)
    page.locator(f"#activity_level-{body.activity}").click()
    page.locator("#onboarding-next").click()
    expect(page.locator("#onboarding-step-2")).to_be_visible()
    page.locator(f"#goal-{body.goal}").click()
    page.locator("#onboarding-next").click()
    expect(page.locator("#onboarding-step-3")).to_be_visible()
