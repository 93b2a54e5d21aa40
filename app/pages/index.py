"""Landing page: what FitLedger is, a live check of the backend services, a water tally."""

from __future__ import annotations

import reflex as rx

from app.api.client import ServiceHealth, fetch_gateway_health
from components.status_badge import status_badge

TITLE = "FitLedger"
TAGLINE = "Calorie counting and workout tracking you can host yourself"


class IndexState(rx.State):
    """Substate of the landing page."""

    services: list[ServiceHealth] = []
    health_error: str = ""
    checking: bool = False
    checked: bool = False
    # Works without any backend service, so a browser test can see a websocket round-trip.
    water_glasses: int = 0

    @rx.event
    def add_glass_of_water(self):
        self.water_glasses += 1

    @rx.event(background=True)
    async def check_services(self):
        """Ask the gateway for service health without holding the state lock during I/O."""
        async with self:
            if self.checking:
                return
            self.checking = True
            self.health_error = ""
        try:
            health = await fetch_gateway_health()
            async with self:
                self.services = list(health.services)
                self.health_error = health.error or ""
                self.checked = True
        finally:
            async with self:
                self.checking = False


def _services_panel() -> rx.Component:
    return rx.vstack(
        rx.button(
            "Check the services",
            on_click=IndexState.check_services,
            loading=IndexState.checking,
            id="check-services",
        ),
        rx.cond(
            IndexState.health_error != "",
            rx.callout(
                "Gateway unreachable: " + IndexState.health_error,
                color_scheme="tomato",
                id="health-error",
            ),
        ),
        rx.cond(
            IndexState.checked & (IndexState.health_error == ""),
            rx.flex(
                rx.foreach(
                    IndexState.services,
                    lambda service: status_badge(service.name, service.ready),
                ),
                rx.cond(IndexState.services.length() == 0, rx.text("No services reported.")),
                wrap="wrap",
                spacing="2",
                id="service-list",
            ),
        ),
        align="center",
        spacing="3",
    )


def _water_tally() -> rx.Component:
    return rx.hstack(
        rx.text(
            "Water today: ", rx.text.strong(IndexState.water_glasses), " glasses", id="water-count"
        ),
        rx.button(
            "+1 glass", on_click=IndexState.add_glass_of_water, variant="soft", id="add-water"
        ),
        align="center",
        spacing="3",
    )


def index() -> rx.Component:
    return rx.container(
        rx.vstack(
            rx.heading(TITLE, size="9", id="product-name"),
            rx.text(TAGLINE, size="5", color_scheme="gray"),
            rx.divider(),
            _services_panel(),
            _water_tally(),
            align="center",
            spacing="6",
            padding_y="4em",
        ),
        size="2",
    )
