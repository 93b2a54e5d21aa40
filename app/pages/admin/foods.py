"""Admin · food database (`/admin/foods`): what each source imported (licence, counts, the
last run's report), foods with quality flags (the reason, hide/show) and foods users
reported (resolve), and correcting a food's name and values per 100 g."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

import reflex as rx

from app.api.admin import AdminFood, ImportedSource
from app.api.errors import ApiError
from app.i18n import t, tf, tr, trn
from app.pages.admin.shell import admin_shell, pager
from app.pages.admin.state import AdminState, PagedList, when
from app.state.messages import explain
from app.state.numbers import parse_decimal
from components.fields import labelled_input

TITLE = t("Food database · Admin · FitLedger")
PAGE = 20
REPORTED_SHOWN = 50
# (resolution sent to the service, in the service's English; the button's words)
RESOLUTIONS = (
    ("Values checked and corrected.", t("Resolve: corrected")),
    ("Values checked: they are right.", t("Resolve: values are right")),
)


@dataclasses.dataclass
class SourceRow:
    source: str
    licences: str
    counts: str
    last_import: str
    report: str


@dataclasses.dataclass
class FoodRow:
    id: int
    name: str
    detail: str
    flags: list[str]
    hidden: bool
    hidden_reason: str
    reports: list[str]
    # per 100 g as the correction form starts ("" when not known), by FoodFix field
    values: dict[str, str] = dataclasses.field(default_factory=dict)


# The correction form's number boxes: (FoodFix field, label); all per 100 g.
FIX_FIELDS = (
    ("energy_kcal", t("Energy (kcal)")),
    ("protein_g", t("Protein (g)")),
    ("fat_g", t("Fat (g)")),
    ("carbohydrate_g", t("Carbohydrate (g)")),
)


def fix_body(values: dict[str, str], language: str = "en") -> tuple[dict[str, Any], dict[str, str]]:
    """The correction form's boxes as the service's FoodFix body (an empty number box keeps
    the food's value), or the boxes' errors."""
    body: dict[str, Any] = {}
    errors: dict[str, str] = {}
    name = values.get("name", "").strip()
    if name:
        body["name"] = name
    else:
        errors["name"] = tr(language, "A food needs a name.")
    for field, _label in FIX_FIELDS:
        text = values.get(field, "").strip()
        if not text:
            continue
        number = parse_decimal(text)
        if number is None or number < 0:
            errors[field] = tr(language, "Enter a number, 0 or more.")
        else:
            body[field] = number
    return ({}, errors) if errors else (body, {})


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def describe_report(report: dict[str, Any], language: str = "en") -> str:
    """ "rejected: 3 no name; flagged: 12 energy_mismatch; kept corrected: 1" ("" if empty);
    the reasons are the importer's codes."""
    parts = []
    headings = {"rejected": tr(language, "rejected"), "flagged": tr(language, "flagged")}
    for key in ("rejected", "flagged"):
        counts = report.get(key)
        if isinstance(counts, dict) and counts:
            reasons = ", ".join(f"{n} {why.replace('_', ' ')}" for why, n in sorted(counts.items()))
            parts.append(f"{headings[key]}: {reasons}")
    kept = report.get("kept_corrected")
    if kept:
        parts.append(tr(language, "kept corrected: {n}", n=kept))
    return "; ".join(parts)


def source_rows(sources: tuple[ImportedSource, ...], language: str = "en") -> list[SourceRow]:
    rows = []
    for s in sources:
        run = s.last_import
        if run is None:
            last = (
                tr(language, "Created by users (not imported).")
                if s.source == "user"
                else tr(language, "No import run recorded.")
            )
            report = ""
        else:
            last = tr(
                language,
                "{status} {when} from {file}: {new} new, {updated} updated, {rejected} rejected",
                status=run.status,
                when=when(run.finished_at),
                file=run.file_name,
                new=run.imported,
                updated=run.updated,
                rejected=run.rejected,
            )
            report = run.error or describe_report(run.report, language)
        rows.append(
            SourceRow(
                s.source,
                ", ".join(s.licences) or "—",
                tr(
                    language,
                    "{foods} foods · {flagged} flagged · {hidden} hidden",
                    foods=s.foods,
                    flagged=s.flagged,
                    hidden=s.hidden,
                ),
                last,
                report,
            )
        )
    return rows


def food_rows(foods: tuple[AdminFood, ...], language: str = "en") -> list[FoodRow]:
    rows = []
    for f in foods:
        energy = (
            tr(language, "{kcal} kcal/100 g", kcal=f"{f.energy_kcal:g}")
            if f.energy_kcal is not None
            else tr(language, "energy unknown")
        )
        parts = (f.brand or "", f.source, f.licence, energy, f"#{f.id}")
        detail = " · ".join(x for x in parts if x)
        rows.append(
            FoodRow(
                f.id,
                f.name,
                detail,
                [reason or flag.replace("_", " ") for flag, reason in f.flags],
                f.hidden,
                f.hidden_reason or "",
                [f"{when(r.created_at)}: {r.reason}" for r in f.reports],
                {
                    "energy_kcal": _amount(f.energy_kcal),
                    "protein_g": _amount(f.protein_g),
                    "fat_g": _amount(f.fat_g),
                    "carbohydrate_g": _amount(f.carbohydrate_g),
                },
            )
        )
    return rows


def hide_reason(row_flags: list[str]) -> str:
    """Why a flagged food is hidden: its flags' reasons (the service keeps 1000 characters;
    stored data, so in the service's English)."""
    return ("Quality flags: " + "; ".join(row_flags))[:1000] if row_flags else "Hidden by an admin."


class AdminFoodsState(PagedList, AdminState):
    PAGE: ClassVar[int] = PAGE
    sources: list[SourceRow] = []
    flagged: list[FoodRow] = []
    reported: list[FoodRow] = []
    reported_total: int = 0
    sources_loading: bool = True
    busy_id: int = 0
    # the correction form: the food it corrects (0: closed), its boxes and their errors
    fix_id: int = 0
    fix_title: str = ""
    fix_values: dict[str, str] = {}
    fix_errors: dict[str, str] = {}
    fix_error: str = ""
    fix_saving: bool = False

    @rx.var
    def flagged_label(self) -> str:
        language = self.language
        return self._range(language) or tr(language, "No foods with quality flags.")

    @rx.var
    def reported_label(self) -> str:
        language = self.language
        if self.sources_loading:
            return tr(language, "Loading…")
        if not self.reported_total:
            return tr(language, "No open reports from users.")
        shown = len(self.reported)
        total = trn(language, self.reported_total, "{n} reported food", "{n} reported foods")
        if shown < self.reported_total:
            return total + tr(language, " (the {n} most reported shown)", n=shown)
        return total

    async def _fetch(self):
        if not self.is_admin:
            return None
        self.loading, self.error = True, ""
        try:
            page = await self.admin_api().flagged_foods(PAGE, self.offset)
        except ApiError as error:
            return self.refused(error)
        finally:
            self.loading = False
        self.flagged, self.total = food_rows(page.items, self.language), page.total
        return None

    async def _fetch_others(self):
        api = self.admin_api()
        self.sources = source_rows(await api.imports(), self.language)
        reported = await api.reported_foods(REPORTED_SHOWN, 0)
        self.reported = food_rows(reported.items, self.language)
        self.reported_total = reported.total

    @rx.event
    async def load_all(self):
        self.error, self.notice = "", ""
        if not self.is_admin:
            return None
        self.sources_loading = True
        try:
            await self._fetch_others()
        except ApiError as error:
            return self.refused(error)
        finally:
            self.sources_loading = False
        self.offset = 0
        return await self._fetch()

    async def _after_change(self, notice: str):
        self.notice = notice
        await self._fetch_others()
        return await self._fetch()

    @rx.event
    async def hide(self, food_id: int, name: str, flags: list[str]):
        self.busy_id, self.error, self.notice = food_id, "", ""
        try:
            await self.admin_api().hide_food(food_id, hide_reason(flags))
            return await self._after_change(
                tr(self.language, "“{name}” is hidden from search.", name=name)
            )
        except ApiError as error:
            return self.refused(error)
        finally:
            self.busy_id = 0

    @rx.event
    async def show(self, food_id: int, name: str):
        self.busy_id, self.error, self.notice = food_id, "", ""
        try:
            await self.admin_api().show_food(food_id)
            return await self._after_change(
                tr(self.language, "“{name}” is back in search.", name=name)
            )
        except ApiError as error:
            return self.refused(error)
        finally:
            self.busy_id = 0

    @rx.event
    def open_fix(self, food_id: int):
        row = next((r for r in [*self.flagged, *self.reported] if r.id == food_id), None)
        if row is None:
            return
        self.fix_id, self.fix_title = row.id, row.name
        self.fix_values = {"name": row.name, **row.values}
        self.fix_errors, self.fix_error = {}, ""

    @rx.event
    def fix_open_changed(self, is_open: bool):
        if not is_open:
            self.fix_id = 0

    @rx.event
    def set_fix_value(self, field: str, value: str):
        self.fix_values = {**self.fix_values, field: value}

    @rx.event
    async def save_fix(self):
        body, self.fix_errors = fix_body(self.fix_values, self.language)
        self.fix_error = ""
        if self.fix_errors:
            return None
        self.fix_saving = True
        try:
            fixed = await self.admin_api().fix_food(self.fix_id, body)
        except ApiError as error:
            self.fix_error, self.fix_errors = explain(error, self.language)
            return self.handle(error)
        finally:
            self.fix_saving = False
        self.fix_id = 0
        return await self._after_change(tr(self.language, "“{name}” corrected.", name=fixed.name))

    @rx.event
    async def resolve(self, food_id: int, name: str, resolution: str):
        self.busy_id, self.error, self.notice = food_id, "", ""
        try:
            n = await self.admin_api().resolve_reports(food_id, resolution)
            return await self._after_change(
                trn(
                    self.language,
                    n,
                    "{n} report on “{name}” resolved.",
                    "{n} reports on “{name}” resolved.",
                    name=name,
                )
            )
        except ApiError as error:
            return self.refused(error)
        finally:
            self.busy_id = 0


def _muted(*children: Any) -> rx.Component:
    return rx.text(*children, size="1", color=rx.color("gray", 11), word_break="break-word")


def _source(row: SourceRow) -> rx.Component:
    return rx.el.li(
        rx.vstack(
            rx.hstack(
                rx.text(row.source, weight="bold"),
                rx.badge(row.licences, color_scheme="gray"),
                align="center",
                wrap="wrap",
            ),
            rx.text(row.counts, size="2"),
            _muted(row.last_import),
            rx.cond(row.report != "", _muted(tf("Report: {report}", report=row.report))),
            spacing="1",
            align="stretch",
        ),
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def _food_head(row: FoodRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(row.name, weight="bold", word_break="break-word"),
            rx.cond(row.hidden, rx.badge(t("hidden"), color_scheme="amber")),
            align="center",
            wrap="wrap",
        ),
        _muted(row.detail),
        rx.cond(
            row.hidden & (row.hidden_reason != ""),
            _muted(tf("Hidden: {reason}", reason=row.hidden_reason)),
        ),
        spacing="1",
        align="stretch",
    )


def _reasons(lines: rx.Var[list[str]], label: rx.Var[str]) -> rx.Component:
    """A food's flags or its users' reports, one a line."""
    return rx.el.ul(
        rx.foreach(lines, lambda line: rx.el.li(rx.text(line, size="2", word_break="break-word"))),
        aria_label=label,
        margin="0",
        padding_left="1.2em",
    )


def _flagged(row: FoodRow) -> rx.Component:
    s = AdminFoodsState
    return rx.el.li(
        rx.vstack(
            _food_head(row),
            _reasons(row.flags, t("Why it is flagged")),
            rx.cond(
                row.hidden,
                rx.button(
                    t("Show in search"),
                    on_click=s.show(row.id, row.name),
                    loading=s.busy_id == row.id,
                    variant="soft",
                    size="2",
                    aria_label=tf("Show in search: {name}", name=row.name),
                ),
                rx.button(
                    t("Hide from search"),
                    on_click=s.hide(row.id, row.name, row.flags),
                    loading=s.busy_id == row.id,
                    variant="soft",
                    color_scheme="amber",
                    high_contrast=True,  # amber 11 on amber 3 is under 4.5:1
                    size="2",
                    aria_label=tf("Hide from search: {name}", name=row.name),
                ),
            ),
            _fix_button(row),
            spacing="2",
            align="start",
        ),
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def _reported(row: FoodRow) -> rx.Component:
    s = AdminFoodsState
    return rx.el.li(
        rx.vstack(
            _food_head(row),
            _reasons(row.reports, t("What users reported")),
            rx.flex(
                *[
                    rx.button(
                        label,
                        on_click=s.resolve(row.id, row.name, resolution),
                        loading=s.busy_id == row.id,
                        variant="soft",
                        size="2",
                        aria_label=label + " (" + row.name + ")",
                    )
                    for resolution, label in RESOLUTIONS
                ],
                _fix_button(row),
                gap="0.6em",
                wrap="wrap",
            ),
            spacing="2",
            align="start",
        ),
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def _fix_button(row: FoodRow) -> rx.Component:
    return rx.button(
        t("Correct values"),
        on_click=AdminFoodsState.open_fix(row.id),
        variant="soft",
        color_scheme="gray",
        size="2",
        aria_label=tf("Correct values: {name}", name=row.name),
    )


def _fix_dialog() -> rx.Component:
    s = AdminFoodsState
    boxes = [("name", t("Name")), *FIX_FIELDS]
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(tf("Correct “{name}”", name=s.fix_title)),
            rx.dialog.description(
                t("Values per 100 g. A number box left empty keeps the food's value."),
                size="2",
            ),
            rx.vstack(
                rx.cond(s.fix_error != "", rx.callout(s.fix_error, color_scheme="tomato")),
                *[
                    labelled_input(
                        label,
                        f"fix-{field}",
                        error=s.fix_errors.get(field, ""),
                        value=s.fix_values.get(field, ""),
                        on_change=s.set_fix_value(field),
                        input_mode="text" if field == "name" else "decimal",
                    )
                    for field, label in boxes
                ],
                rx.hstack(
                    rx.dialog.close(rx.button(t("Cancel"), variant="soft", color_scheme="gray")),
                    rx.button(
                        t("Save values"), on_click=s.save_fix, loading=s.fix_saving, id="fix-save"
                    ),
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                align="stretch",
                margin_top="0.8em",
            ),
        ),
        open=s.fix_id != 0,
        on_open_change=s.fix_open_changed,
    )


def _section(heading: rx.Var[str], *content: rx.Component, id: str) -> rx.Component:
    return rx.el.section(
        rx.vstack(
            rx.heading(heading, size="4", as_="h2"),
            *content,
            spacing="2",
            align="stretch",
        ),
        aria_label=heading,
        id=id,
        width="100%",
    )


def admin_foods() -> rx.Component:
    s = AdminFoodsState
    return admin_shell(
        rx.cond(s.error != "", rx.callout(s.error, color_scheme="tomato", role="alert")),
        rx.cond(
            s.notice != "",
            rx.callout(s.notice, color_scheme="grass", role="status", id="admin-notice"),
        ),
        _section(
            t("Imports"),
            rx.cond(
                s.sources_loading,
                rx.hstack(rx.spinner(size="1"), rx.text(t("Loading…"), size="2")),
                rx.cond(
                    s.sources.length() == 0,
                    rx.text(t("Nothing has been imported yet."), size="2"),
                    rx.el.ul(rx.foreach(s.sources, _source), padding="0", margin="0"),
                ),
            ),
            id="food-imports",
        ),
        rx.grid(
            _section(
                t("Flagged foods"),
                rx.hstack(
                    rx.text(s.flagged_label, size="2", id="flagged-count", aria_live="polite"),
                    rx.cond(s.loading, rx.spinner(size="1")),
                    align="center",
                ),
                rx.el.ul(
                    rx.foreach(s.flagged, _flagged), id="flagged-list", padding="0", margin="0"
                ),
                pager(s, t("Previous"), t("Next")),
                id="flagged-foods",
            ),
            _section(
                t("Reported by users"),
                rx.text(s.reported_label, size="2", id="reported-count", aria_live="polite"),
                rx.el.ul(
                    rx.foreach(s.reported, _reported), id="reported-list", padding="0", margin="0"
                ),
                id="reported-foods",
            ),
            _fix_dialog(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="5",
            align="start",
            width="100%",
        ),
        title=t("Food database"),
    )
