"""Settings: Web Push on this device (turn on/off, test). Browser side: assets/push.js."""

from __future__ import annotations

import reflex as rx

from app.i18n import t
from app.state.push_device import PushDeviceState as P
from components.fields import form_alert
from components.section_card import subheading

MUTED = rx.color("gray", 11)


def push_device() -> rx.Component:
    unsupported = P.support == "unsupported"
    return rx.vstack(
        subheading(t("Push on this device")),
        rx.text(P.status, size="2", id="push-status", role="status"),
        rx.hstack(
            rx.cond(
                P.enabled,
                rx.button(
                    t("Turn off"),
                    variant="soft",
                    color_scheme="gray",
                    on_click=P.start,
                    loading=P.busy,
                    id="push-disable",
                ),
                rx.button(
                    rx.icon("bell-ring", size=16, aria_hidden="true"),
                    t("Turn on"),
                    on_click=P.start,
                    loading=P.busy,
                    disabled=unsupported | (P.vapid_key == ""),
                    data_vapid_key=P.vapid_key,
                    id="push-enable",
                ),
            ),
            rx.cond(
                P.enabled,
                rx.button(
                    t("Send a test notification"),
                    variant="outline",
                    on_click=P.send_test,
                    loading=P.busy,
                    id="push-test",
                ),
            ),
            spacing="3",
            wrap="wrap",
        ),
        rx.cond(
            P.notice != "",
            rx.text(P.notice, color_scheme="grass", size="2", id="push-notice", role="status"),
        ),
        form_alert(P.error, id="push-error"),
        rx.text(
            t(
                "Your browser asks for permission when you turn push on. Each device (phone, "
                "laptop) is turned on separately."
            ),
            size="1",
            color=MUTED,
        ),
        # assets/push.js types the browser's answers here; it is not for people.
        rx.el.input(
            id="push-device-report",
            type="text",
            on_change=P.device_report,
            aria_hidden="true",
            tab_index=-1,
            style={"position": "absolute", "width": "1px", "height": "1px", "opacity": "0"},
        ),
        rx.el.span(data_push_probe=P.probe, display="none"),
        spacing="2",
        align="stretch",
        width="100%",
        position="relative",
        id="push-device",
    )
