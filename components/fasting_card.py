"""Fasting: start a fast with a protocol, the running one's time against its target, a past
fast logged, recent fasts completed or short."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.state.water_fasting import WaterFastingState as S
from app.state.water_fasting_logic import PROTOCOLS
from components.fields import field_error, form_alert

# The running fast's time moves on while the page is open (no call to the service).
TICK_MS = 60_000


def _protocol_picker() -> rx.Component:
    return rx.hstack(
        rx.el.label(t("Protocol"), html_for="fast-protocol", font_weight="500"),
        rx.select.root(
            rx.select.trigger(id="fast-protocol"),
            rx.select.content(
                *[rx.select.item(t("Custom") if p == "custom" else p, value=p) for p in PROTOCOLS]
            ),
            value=S.protocol,
            on_change=S.set_protocol,
        ),
        rx.cond(
            S.protocol == "custom",
            rx.hstack(
                rx.input(
                    value=S.custom_hours,
                    on_change=S.set_custom_hours,
                    id="fast-hours",
                    input_mode="numeric",
                    width="5em",
                    aria_label=t("Target hours"),
                    aria_invalid=rx.cond(S.fast_fields["target_hours"] != "", "true", "false"),
                ),
                rx.text(t("h"), aria_hidden="true"),
                align="center",
                spacing="1",
            ),
        ),
        align="center",
        wrap="wrap",
        spacing="2",
    )


def _running() -> rx.Component:
    r = S.running
    return rx.vstack(
        rx.hstack(
            rx.text(rx.text.strong(r["elapsed"], id="fast-elapsed"), " ", r["target"]),
            rx.spacer(),
            rx.badge(r["protocol"]),
            width="100%",
            align="center",
        ),
        rx.progress(value=S.fast_percent, max=100, width="100%", aria_label=t("Fast")),
        rx.text(r["since"], " · ", r["left"], size="2", color_scheme="gray", high_contrast=True),
        rx.button(t("End fast"), on_click=S.end_fast, loading=S.fast_busy, id="fast-end"),
        field_error(S.fast_fields["ended_at"], "fast-end"),
        rx.box(
            rx.moment(interval=TICK_MS, on_change=S.tick, format="X"),
            display="none",
            aria_hidden="true",
        ),
        spacing="2",
        width="100%",
        align="stretch",
    )


def _past_fast() -> rx.Component:
    def when(label: rx.Var[str], field: str, value: rx.Var[str], on_change, field_id: str):
        return rx.vstack(
            rx.el.label(label, html_for=field_id, font_size="0.9em"),
            rx.input(type="datetime-local", value=value, on_change=on_change, id=field_id),
            field_error(S.fast_fields[field], field_id),
            spacing="1",
        )

    return rx.el.details(
        rx.el.summary(t("Log a past fast"), cursor="pointer", min_height="32px"),
        rx.vstack(
            rx.hstack(
                when(t("Started"), "started_at", S.past_start, S.set_past_start, "fast-past-start"),
                when(t("Ended"), "ended_at", S.past_end, S.set_past_end, "fast-past-end"),
                wrap="wrap",
                spacing="3",
            ),
            rx.button(
                t("Log fast"),
                on_click=S.log_past_fast,
                loading=S.fast_busy,
                variant="soft",
                id="fast-log-past",
            ),
            spacing="2",
            padding_top="0.5em",
            align="start",
        ),
    )


def _history() -> rx.Component:
    return rx.cond(
        S.history.length() > 0,
        rx.el.ul(
            rx.foreach(
                S.history,
                lambda row: rx.el.li(
                    rx.hstack(
                        rx.vstack(
                            rx.text(row["when"], size="2"),
                            rx.text(
                                row["protocol"], " · ", row["length"], size="1", color_scheme="gray"
                            ),
                            spacing="0",
                        ),
                        rx.spacer(),
                        rx.badge(
                            row["status"],
                            color_scheme=rx.cond(row["completed"] != "", "grass", "amber"),
                        ),
                        rx.icon_button(
                            rx.icon("trash-2", size=14),
                            on_click=S.delete_fast(row["id"]),
                            variant="ghost",
                            size="1",
                            aria_label=t("Remove fast"),
                        ),
                        align="center",
                        width="100%",
                    ),
                    padding_y="0.3em",
                    border_bottom=f"1px solid {rx.color('gray', 4)}",
                ),
            ),
            id="fast-history",
            aria_label=t("Recent fasts"),
            style={"listStyle": "none", "padding": 0, "margin": 0},
        ),
    )


def fasting_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("Fasting"), size="4", as_="h2"),
            rx.cond(
                S.has_running,
                _running(),
                rx.vstack(
                    _protocol_picker(),
                    field_error(S.fast_fields["target_hours"], "fast-hours"),
                    rx.button(
                        t("Start fast"), on_click=S.start_fast, loading=S.fast_busy, id="fast-start"
                    ),
                    _past_fast(),
                    spacing="2",
                    align="stretch",
                ),
            ),
            form_alert(S.fast_error, id="fast-error"),
            _history(),
            spacing="3",
            width="100%",
            align="stretch",
        ),
        id="fasting-card",
        width="100%",
    )
