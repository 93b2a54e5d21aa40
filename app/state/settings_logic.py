"""The settings page's pure logic: devices in plain words, the preference grid, times, zones."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from zoneinfo import available_timezones

from app.api.users import CHANNELS, NOTIFICATION_TYPES
from app.i18n import tr, trn
from app.i18n.formats import fmt_date

# The grid's columns in the order a user reads them (in the app first: it is always there).
GRID_CHANNELS: tuple[str, ...] = ("in_app", "email", "push")
# What the users service gives a user who never chose (backend_services/users/schemas.py,
# DEFAULT_CHANNELS): used when a type or channel is missing from the profile.
_DEFAULT_EMAIL = frozenset({"goal_progress", "announcement"})
MAX_MEAL_REMINDERS = 8  # the notifications service's limit
# Each language named in itself.
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("ru", "Русский"))


def channel_label(channel: str, language: str = "en") -> str:
    labels = {
        "in_app": tr(language, "In app"),
        "email": tr(language, "E-mail"),
        "push": tr(language, "Push"),
    }
    return labels.get(channel, channel)


def type_label(kind: str, language: str = "en") -> str:
    labels = {
        "daily_norm_exceeded": tr(language, "Over the day's calories"),
        "workout_completed": tr(language, "Workout finished"),
        "personal_record": tr(language, "New personal record"),
        "goal_progress": tr(language, "Goal progress"),
        "logging_reminder": tr(language, "Reminders to log"),
        "announcement": tr(language, "Announcements"),
    }
    return labels.get(kind, kind.replace("_", " "))


def default_channel(kind: str, channel: str) -> bool:
    if channel == "in_app":
        return True
    if channel == "email":
        return kind in _DEFAULT_EMAIL
    return False


def pref_key(kind: str, channel: str) -> str:
    return f"{kind}.{channel}"


def preference_grid(preferences: Mapping[str, Mapping[str, bool]]) -> dict[str, bool]:
    """Every type-by-channel switch, flat (`{"workout_completed.email": False}`), with the
    service's defaults where the profile says nothing."""
    grid: dict[str, bool] = {}
    for kind in NOTIFICATION_TYPES:
        chosen = preferences.get(kind, {})
        for channel in CHANNELS:
            value = chosen.get(channel)
            grid[pref_key(kind, channel)] = (
                default_channel(kind, channel) if value is None else bool(value)
            )
    return grid


def opt_out_words(opted_out: Iterable[str], language: str = "en") -> str:
    """The e-mail unsubscribe state in plain words ("" when nothing was unsubscribed)."""
    stopped = sorted(set(opted_out))
    if not stopped:
        return ""
    if "*" in stopped:
        return tr(
            language, "You unsubscribed from all FitLedger e-mails with the link in an e-mail."
        )
    names = ", ".join(type_label(kind, language) for kind in stopped)
    return tr(
        language,
        "You unsubscribed from these e-mails with the link in an e-mail: {names}.",
        names=names,
    )


# --- devices --------------------------------------------------------------------------------

_BROWSERS: tuple[tuple[str, str], ...] = (
    # Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    ("Edg", "Edge"),
    ("OPR", "Opera"),
    ("SamsungBrowser", "Samsung Internet"),
    ("FxiOS", "Firefox"),
    ("Firefox", "Firefox"),
    ("CriOS", "Chrome"),
    ("HeadlessChrome", "Headless Chrome"),
    ("Chromium", "Chromium"),
    ("Chrome", "Chrome"),
    ("Safari", "Safari"),
)
_SYSTEMS: tuple[tuple[str, str], ...] = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "Mac"),
    ("Mac OS X", "Mac"),
    ("Linux", "Linux"),
)
_PROGRAMS = re.compile(r"^(curl|wget|python-httpx|python-requests|httpie|okhttp)\b", re.I)


def device_words(user_agent: str, language: str = "en") -> str:
    """A session's device as a person names it: "Chrome on Android", "Safari on iPhone"."""
    agent = (user_agent or "").strip()
    if not agent:
        return tr(language, "Unknown device")
    program = _PROGRAMS.match(agent)
    if program:
        return tr(language, "A program ({name})", name=program.group(1).lower())
    browser = next((name for token, name in _BROWSERS if token in agent), "")
    system = next((name for token, name in _SYSTEMS if token in agent), "")
    if browser and system:
        return tr(language, "{browser} on {system}", browser=browser, system=system)
    if browser or system:
        return browser or tr(language, "A browser on {system}", system=system)
    return tr(language, "Unknown device")


def last_seen_words(when: dt.datetime, now: dt.datetime, language: str = "en") -> str:
    """ "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", "3 Nov 2026"."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    seconds = (now - when).total_seconds()
    if seconds < 90:
        return tr(language, "just now")
    minutes = round(seconds / 60)
    if minutes < 60:
        return trn(language, minutes, "1 minute ago", "{n} minutes ago")  # 2 at the least
    hours = round(seconds / 3600)
    if hours < 24:
        return trn(language, hours, "1 hour ago", "{n} hours ago")
    days = (now.date() - when.date()).days
    if days <= 1:
        return tr(language, "yesterday")
    if days < 7:
        return trn(language, days, "1 day ago", "{n} days ago")  # 2 at the least
    return fmt_date(language, when.date(), "date")


# --- times and zones ------------------------------------------------------------------------

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def parse_time(text: str) -> dt.time | None:
    """ "7:30", "07:30" or "07.30" → 07:30; anything else → None."""
    match = _TIME.match((text or "").strip())
    return dt.time(int(match.group(1)), int(match.group(2))) if match else None


def parse_reminder_times(text: str, language: str = "en") -> tuple[tuple[dt.time, ...], str]:
    """A comma-separated list of local times, sorted and de-duplicated, and the problem in
    words ("" when fine). An empty text means no meal reminders."""
    parts = [part.strip() for part in re.split(r"[,;\s]+", text or "") if part.strip()]
    times: set[dt.time] = set()
    for part in parts:
        parsed = parse_time(part)
        if parsed is None:
            return (), tr(
                language, "“{part}” is not a time. Write times like 08:00, 13:30.", part=part
            )
        times.add(parsed)
    if len(times) > MAX_MEAL_REMINDERS:
        return (), tr(language, "At most {n} reminder times.", n=MAX_MEAL_REMINDERS)
    return tuple(sorted(times)), ""


def times_text(times: Iterable[dt.time]) -> str:
    return ", ".join(t.strftime("%H:%M") for t in times)


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    """IANA names a person would pick (no legacy aliases like "US/Eastern" or "Etc/GMT+3")."""
    names = [
        name
        for name in available_timezones()
        if "/" in name
        and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
        and name[0].isupper()
    ]
    return ("UTC", *sorted(names))


def is_time_zone(name: str) -> bool:
    return name in available_timezones()
