"""Russian for the notifications area (see app/i18n/ru/__init__.py)."""

from __future__ import annotations

from app.i18n.catalog import Entry

MESSAGES: dict[str, Entry] = {}
