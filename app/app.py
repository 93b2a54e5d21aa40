"""The Reflex app object and its page registrations."""

import reflex as rx

from app import routes
from app.pages import index

app = rx.App(
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.link(rel="manifest", href="/manifest.json"),
        rx.el.meta(name="theme-color", content="#2f9e44"),
    ],
)
app.add_page(
    index.index,
    route=routes.INDEX,
    title=index.TITLE,
    description=index.TAGLINE,
    image="/favicon.svg",
)
