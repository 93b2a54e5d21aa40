"""The energy ledger (`/ledger`): a day, a week or a month as one table of intake, net exercise,
the expenditure estimate, the balance and the weight trend, every number's source one tap away.
No chart: a phone-first table (and nothing of Plotly's chunk on this page)."""

from __future__ import annotations

import datetime as dt

import reflex as rx

from app.api.errors import ApiError
from app.api.ledger import ledger
from app.i18n import formats, t, tr
from app.state import ledger_logic as logic
from app.state.messages import explain
from app.state.preferences import PreferencesState
from app.state.session import SessionState
from components.fields import form_alert
from components.layout import app_shell
from components.section_card import section

TITLE = t("Energy ledger · FitLedger")


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


class LedgerState(SessionState):
    period: str = logic.DEFAULT_PERIOD
    anchor: str = ""  # ISO day inside the period shown; "" = today
    heading: str = ""
    rows: list[dict[str, str]] = []
    summary: dict[str, str] = {}
    loading: bool = True
    load_error: str = ""

    @rx.event
    async def load(self):
        """on_load (after require_login): the period holding the anchor."""
        if not self.signed_in:
            return None
        self.loading, self.load_error = True, ""
        anchor = dt.date.fromisoformat(self.anchor) if self.anchor else _today()
        start, end = logic.period_bounds(self.period, anchor)
        try:
            found = await ledger(self.api(), start, end)
        except ApiError as error:
            self.load_error = explain(error, self.language)[0]
            self.rows, self.summary = [], {}
            return self.handle(error)
        finally:
            self.loading = False
        units = (await self.get_state(PreferencesState)).units
        self.rows = logic.ledger_rows(found, units, self.language)
        self.summary = logic.ledger_summary(found, units, self.language)
        self.heading = (
            formats.fmt_date(self.language, start, "day")
            if start == end
            else tr(
                self.language,
                "{start} to {end}",
                start=formats.fmt_date(self.language, start, "day_month"),
                end=formats.fmt_date(self.language, end, "day_month"),
            )
        )
        return None

    @rx.event
    async def set_period(self, value: str | list[str]):
        period = value if isinstance(value, str) else (value[0] if value else "")
        if period in logic.PERIODS:
            self.period = period
        return LedgerState.load

    @rx.event
    async def step(self, by: int):
        anchor = dt.date.fromisoformat(self.anchor) if self.anchor else _today()
        moved = logic.shifted(self.period, anchor, by)
        self.anchor = min(moved, _today()).isoformat()
        return LedgerState.load


S = LedgerState


def period_picker() -> rx.Component:
    return rx.hstack(
        rx.icon_button(
            rx.icon("chevron-left"),
            on_click=S.step(-1),
            variant="soft",
            aria_label=t("Previous period"),
            id="ledger-previous",
        ),
        rx.segmented_control.root(
            rx.segmented_control.item(t("Day"), value="day"),
            rx.segmented_control.item(t("Week"), value="week"),
            rx.segmented_control.item(t("Month"), value="month"),
            value=S.period,
            on_change=S.set_period,
            aria_label=t("Period shown"),
            id="ledger-period",
            size="1",
        ),
        rx.icon_button(
            rx.icon("chevron-right"),
            on_click=S.step(1),
            variant="soft",
            aria_label=t("Next period"),
            id="ledger-next",
        ),
        align="center",
        spacing="2",
        wrap="wrap",
    )


def _day_rows(row: rx.Var) -> rx.Component:
    numbers = rx.table.row(
        rx.table.row_header_cell(row["day"]),
        rx.table.cell(row["intake"]),
        rx.table.cell(row["exercise"]),
        rx.table.cell(row["expenditure"]),
        rx.table.cell(
            row["balance"],
            color=rx.cond(row["surplus"] != "", rx.color("tomato", 11), rx.color("grass", 11)),
        ),
        rx.table.cell(row["trend"]),
    )
    sources = rx.table.row(
        rx.table.cell(
            rx.el.details(
                rx.el.summary(t("Where these numbers come from"), cursor="pointer"),
                rx.text(row["sources"], size="1", white_space="pre-wrap"),
            ),
            col_span=6,
        ),
    )
    return rx.fragment(numbers, rx.cond(row["sources"] != "", sources))


def ledger_table() -> rx.Component:
    headers = (t("Day"), t("Eaten"), t("Exercise"), t("Burned"), t("Balance"), t("Trend"))
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(*[rx.table.column_header_cell(h, scope="col") for h in headers])
            ),
            rx.table.body(rx.foreach(S.rows, _day_rows)),
            size="1",
            width="100%",
        ),
        overflow_x="auto",
        width="100%",
        id="ledger-table",
    )


def _line(text: rx.Var, id: str) -> rx.Component:
    return rx.cond(text != "", rx.text(text, size="2", id=id))


def ledger_summary() -> rx.Component:
    s = S.summary
    return rx.vstack(
        rx.grid(
            rx.text(t("Eaten"), " ", rx.text.strong(s["intake"])),
            rx.text(t("Exercise (net)"), " ", rx.text.strong(s["exercise"])),
            rx.text(t("Balance"), " ", rx.text.strong(s["balance"], id="ledger-balance")),
            rx.text(t("A day on average"), " ", rx.text.strong(s["mean_balance"])),
            columns=rx.breakpoints(initial="2", sm="4"),
            spacing="2",
            width="100%",
        ),
        _line(s["change"], "ledger-change"),
        _line(s["trend"], "ledger-trend"),
        rx.cond(
            s["estimate"] != "",
            rx.vstack(
                rx.text(t("Burned at rest and in daily life"), ": ", s["estimate"], size="2"),
                rx.text(s["estimate_source"], size="1", id="ledger-estimate-source"),
                spacing="1",
            ),
            rx.callout(
                t("Fill in your body data and goal to see what you burn."),
                color_scheme="gray",
                id="ledger-no-estimate",
            ),
        ),
        rx.el.details(
            rx.el.summary(t("How the ledger adds up"), cursor="pointer"),
            rx.vstack(
                rx.text(s["balance_rule"], size="1"),
                rx.text(s["exercise_rule"], size="1"),
                rx.text(s["intake_rule"], size="1"),
                spacing="1",
            ),
            id="ledger-rules",
        ),
        rx.cond(
            s["missing"] != "",
            rx.callout(
                t("Some numbers are missing: a service did not answer."),
                color_scheme="amber",
                id="ledger-partial",
            ),
        ),
        spacing="2",
        width="100%",
        align="stretch",
    )


def ledger_page() -> rx.Component:
    return app_shell(
        period_picker(),
        form_alert(S.load_error, id="ledger-error"),
        rx.cond(
            S.loading,
            rx.center(rx.spinner(size="3"), role="status", aria_label=t("Loading the ledger")),
            rx.cond(
                S.summary.contains("balance"),
                rx.vstack(
                    section(S.heading, ledger_summary(), id="ledger-summary"),
                    ledger_table(),
                    spacing="4",
                    width="100%",
                ),
            ),
        ),
        title=t("Energy ledger"),
    )
