"""The settings page's state: notifications, time zone and language, security, your data."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

import reflex as rx

from app import routes
from app.api.auth import AccountApi
from app.api.errors import ApiError, NotFound
from app.api.notifications import NotificationsApi, ReminderSettings
from app.api.users import QuietHours, UsersApi
from app.i18n import tr
from app.i18n.formats import fmt_date
from app.i18n.language import known
from app.session.account_import import IMPORT_FLASH
from app.session.http import FLASH_COOKIE, decode_flash
from app.state.import_report import decode_report, report_lines
from app.state.messages import explain, flash_message
from app.state.session import SessionState, cookie_value
from app.state.settings_logic import (
    device_words,
    is_time_zone,
    last_seen_words,
    opt_out_words,
    parse_reminder_times,
    parse_time,
    pref_key,
    preference_grid,
    times_text,
)

MIN_PASSWORD = 8  # auth's MIN_PASSWORD_LENGTH; the service has the last word (its error is shown)


class SettingsState(SessionState):
    loading: bool = False
    load_error: str = ""
    has_profile: bool = False

    # Notifications
    prefs: dict[str, bool] = {}
    prefs_notice: str = ""
    prefs_error: str = ""
    opt_out_text: str = ""
    quiet_on: bool = False
    quiet_start: str = "22:00"
    quiet_end: str = "07:00"
    quiet_error: str = ""
    quiet_notice: str = ""
    reminders_loaded: bool = False
    meal_times: str = ""
    meal_times_error: str = ""
    workout_days: list[bool] = [False] * 7
    workout_time: str = ""
    workout_time_error: str = ""
    reminders_notice: str = ""
    reminders_error: str = ""
    _reminders: ReminderSettings | None = None

    # Time zone and language
    timezone: str = "UTC"
    timezone_error: str = ""
    timezone_notice: str = ""
    timezone_names_shown: bool = False
    language_notice: str = ""

    # Security
    current_password: str = ""
    new_password: str = ""
    current_password_error: str = ""
    new_password_error: str = ""
    password_error: str = ""
    password_notice: str = ""
    changing_password: bool = False
    sessions: list[dict[str, str]] = []
    sessions_loading: bool = False
    sessions_error: str = ""
    sessions_notice: str = ""
    revoking: str = ""

    # Your data
    delete_error: str = ""
    import_error: str = ""
    import_lines: list[str] = []

    def _show_import(self, flash: dict) -> None:
        """What the upload of an export imported (app/session/account_import.py), or why
        the file was refused."""
        if flash.get("code") == "imported":
            self.import_lines = report_lines(decode_report(flash.get("report")), self.language)
            return
        reason = flash_message(flash, self.language)
        self.import_error = tr(self.language, "Nothing was imported: {reason}", reason=reason)

    @rx.event
    async def load(self):
        self.loading = True
        self.load_error = self.delete_error = self.import_error = ""
        self.import_lines = []
        for name in (
            "prefs_notice",
            "prefs_error",
            "quiet_error",
            "quiet_notice",
            "reminders_notice",
            "reminders_error",
            "timezone_error",
            "timezone_notice",
            "language_notice",
            "password_notice",
            "password_error",
            "current_password_error",
            "new_password_error",
            "sessions_notice",
        ):
            setattr(self, name, "")
        self.current_password = self.new_password = ""
        flash = decode_flash(cookie_value(self.router.headers.cookie, FLASH_COOKIE))
        if flash.get("form") == routes.SETTINGS and flash.get("kind") == IMPORT_FLASH:
            self._show_import(flash)
        elif flash.get("form") == routes.SETTINGS:
            fields = flash.get("fields") or {}
            if fields.get("password"):
                reason = f"{str(fields['password']).rstrip('.')}."
            else:
                reason = flash_message(flash, self.language)
            self.delete_error = tr(
                self.language,
                "Your account was not deleted: {reason}",
                reason=f"{reason[:1].lower()}{reason[1:]}",
            )
        try:
            api = self.api()
            results = await asyncio.gather(
                UsersApi(api).profile(),
                NotificationsApi(api).settings(),
                return_exceptions=True,
            )
            await self._load_sessions()
        except ApiError as error:
            return self.handle(error)
        finally:
            self.loading = False
        profile, reminders = results
        if isinstance(profile, ApiError):
            if isinstance(profile, NotFound):
                self.has_profile = False
                self.load_error = tr(
                    self.language, "Your profile is still being set up. Reload in a moment."
                )
            else:
                self.load_error = explain(profile, self.language)[0]
                return self.handle(profile)
        elif isinstance(profile, BaseException):
            raise profile
        else:
            self.has_profile = True
            self.prefs = preference_grid(profile.notifications.preferences)
            hours = profile.notifications.quiet_hours
            self.quiet_on = hours is not None
            if hours is not None:
                self.quiet_start = hours.start.strftime("%H:%M")
                self.quiet_end = hours.end.strftime("%H:%M")
            self.timezone = profile.timezone
            self.language = profile.language
        if isinstance(reminders, ApiError):
            self.reminders_loaded = False
            self.reminders_error = explain(reminders, self.language)[0]
        elif isinstance(reminders, BaseException):
            raise reminders
        else:
            self._show_reminders(reminders)
        return None

    def _show_reminders(self, reminders: ReminderSettings) -> None:
        self._reminders = reminders
        self.reminders_loaded = True
        self.meal_times = times_text(reminders.meal_reminder_times)
        self.workout_days = [day in reminders.workout_reminder_days for day in range(7)]
        time = reminders.workout_reminder_time
        self.workout_time = time.strftime("%H:%M") if time else ""
        self.opt_out_text = opt_out_words(reminders.email_opted_out, self.language)

    async def _load_sessions(self) -> None:
        self.sessions_loading = True
        self.sessions_error = ""
        try:
            found = await AccountApi(self.api()).sessions()
        except ApiError as error:
            if error.status == 401:
                raise
            self.sessions_error = explain(error, self.language)[0]
            return
        finally:
            self.sessions_loading = False
        now = dt.datetime.now(dt.UTC)
        ordered = sorted(found, key=lambda s: (not s.current, -s.last_used_at.timestamp()))
        self.sessions = [
            {
                "id": s.id,
                "device": device_words(s.user_agent, self.language),
                "last_seen": tr(self.language, "now")
                if s.current
                else last_seen_words(s.last_used_at, now, self.language),
                "since": fmt_date(self.language, s.created_at.date(), "date"),
                "ip": s.ip,
                "current": "1" if s.current else "",
            }
            for s in ordered
        ]

    # --- notifications -----------------------------------------------------------------

    @rx.event
    async def toggle_pref(self, kind: str, channel: str, on: bool):
        key = pref_key(kind, channel)
        before = self.prefs.get(key, False)
        self.prefs = {**self.prefs, key: on}
        self.prefs_notice = self.prefs_error = ""
        try:
            profile = await UsersApi(self.api()).update_profile(
                notifications={"preferences": {kind: {channel: on}}}
            )
        except ApiError as error:
            self.prefs = {**self.prefs, key: before}
            self.prefs_error = explain(error, self.language)[0]
            return self.handle(error)
        self.prefs = preference_grid(profile.notifications.preferences)
        self.prefs_notice = tr(self.language, "Saved.")
        return None

    @rx.event
    def set_quiet_on(self, on: bool):
        self.quiet_on, self.quiet_error, self.quiet_notice = on, "", ""

    @rx.event
    def set_quiet_start(self, value: str):
        self.quiet_start, self.quiet_error, self.quiet_notice = value, "", ""

    @rx.event
    def set_quiet_end(self, value: str):
        self.quiet_end, self.quiet_error, self.quiet_notice = value, "", ""

    @rx.event
    async def save_quiet_hours(self):
        self.quiet_notice = self.quiet_error = ""
        hours = None
        if self.quiet_on:
            start, end = parse_time(self.quiet_start), parse_time(self.quiet_end)
            if start is None or end is None:
                self.quiet_error = tr(
                    self.language, "Enter a start and an end time, like 22:00 and 07:00."
                )
                return None
            if start == end:
                self.quiet_error = tr(self.language, "The start and end must differ.")
                return None
            hours = QuietHours(start, end)
        try:
            await UsersApi(self.api()).update_profile(notifications={"quiet_hours": hours})
        except ApiError as error:
            self.quiet_error = explain(error, self.language)[0]
            return self.handle(error)
        self.quiet_notice = (
            tr(
                self.language,
                "Saved. No e-mail or push from {start} to {end}.",
                start=self.quiet_start,
                end=self.quiet_end,
            )
            if hours
            else tr(self.language, "Saved. Quiet hours are off.")
        )
        return None

    @rx.event
    def set_meal_times(self, value: str):
        self.meal_times, self.meal_times_error, self.reminders_notice = value, "", ""

    @rx.event
    def set_workout_day(self, day: int, on: bool):
        days = list(self.workout_days)
        days[day] = on
        self.workout_days, self.reminders_notice = days, ""

    @rx.event
    def set_workout_time(self, value: str):
        self.workout_time, self.workout_time_error, self.reminders_notice = value, "", ""

    @rx.event
    async def save_reminders(self):
        self.reminders_notice = self.reminders_error = ""
        times, self.meal_times_error = parse_reminder_times(self.meal_times, self.language)
        workout_time = parse_time(self.workout_time) if self.workout_time.strip() else None
        days = tuple(i for i, on in enumerate(self.workout_days) if on)
        self.workout_time_error = ""
        if self.workout_time.strip() and workout_time is None:
            self.workout_time_error = tr(self.language, "Write the time like 18:00.")
        elif days and workout_time is None:
            self.workout_time_error = tr(self.language, "Choose the time of the workout reminder.")
        if self.meal_times_error or self.workout_time_error:
            return None
        current = self._reminders or ReminderSettings()
        wanted = dataclasses.replace(
            current,
            meal_reminder_times=times,
            workout_reminder_days=days,
            workout_reminder_time=workout_time,
        )
        try:
            saved = await NotificationsApi(self.api()).save_settings(wanted)
        except ApiError as error:
            message, fields = explain(error, self.language)
            self.meal_times_error = fields.get("meal_reminder_times", "")
            self.workout_time_error = fields.get("workout_reminder_time", "")
            self.reminders_error = message
            return self.handle(error)
        self._show_reminders(saved)
        self.reminders_notice = tr(self.language, "Saved.")
        return None

    # --- time zone and language --------------------------------------------------------

    @rx.event
    def show_timezone_names(self):
        self.timezone_names_shown = True

    @rx.event
    def set_timezone(self, value: str):
        self.timezone, self.timezone_error, self.timezone_notice = value, "", ""

    @rx.event
    async def save_timezone(self):
        name = self.timezone.strip()
        if not is_time_zone(name):
            self.timezone_error = tr(
                self.language, "Choose a time zone from the list, like Europe/Berlin."
            )
            return None
        try:
            profile = await UsersApi(self.api()).update_profile(timezone=name)
        except ApiError as error:
            message, fields = explain(error, self.language)
            self.timezone_error = fields.get("timezone", message)
            return self.handle(error)
        self.timezone = profile.timezone
        self.timezone_notice = tr(
            self.language,
            "Saved. Your days now start at midnight in {zone}.",
            zone=profile.timezone,
        )
        return None

    @rx.event
    async def set_language(self, value: str):
        """The page speaks the new language at once; the profile keeps it for next time."""
        self.language = known(value)
        self.language_notice = ""
        try:
            await UsersApi(self.api()).update_profile(language=self.language)
            await self._load_sessions()  # the devices and times in the new language
        except ApiError as error:
            self.timezone_error = explain(error, self.language)[0]
            return self.handle(error)
        if self._reminders is not None:
            self.opt_out_text = opt_out_words(self._reminders.email_opted_out, self.language)
        self.language_notice = tr(self.language, "Saved.")
        return None

    # --- security ----------------------------------------------------------------------

    @rx.event
    def set_current_password(self, value: str):
        self.current_password, self.current_password_error = value, ""

    @rx.event
    def set_new_password(self, value: str):
        self.new_password, self.new_password_error = value, ""

    @rx.event
    async def change_password(self):
        self.password_notice = self.password_error = ""
        self.current_password_error = (
            "" if self.current_password else tr(self.language, "Enter your password.")
        )
        self.new_password_error = (
            ""
            if len(self.new_password) >= MIN_PASSWORD
            else tr(self.language, "Use at least {n} characters.", n=MIN_PASSWORD)
        )
        if self.current_password_error or self.new_password_error:
            return None
        self.changing_password = True
        try:
            await AccountApi(self.api()).change_password(self.current_password, self.new_password)
            await self._load_sessions()
        except ApiError as error:
            message, fields = explain(error, self.language)
            self.current_password_error = fields.get("current_password", "")
            self.new_password_error = fields.get("new_password", "")
            if not (self.current_password_error or self.new_password_error):
                self.password_error = message
            return self.handle(error)
        finally:
            self.changing_password = False
        self.current_password = self.new_password = ""
        self.password_notice = tr(
            self.language,
            "Password changed. Your other devices were signed out; this one stays signed in.",
        )
        return None

    @rx.event
    async def revoke(self, session_id: str):
        self.revoking = session_id
        self.sessions_notice = self.sessions_error = ""
        try:
            api = AccountApi(self.api())
            await api.end_session(session_id)
            device = next((s["device"] for s in self.sessions if s["id"] == session_id), "")
            await self._load_sessions()
        except ApiError as error:
            self.sessions_error = explain(error, self.language)[0]
            return self.handle(error)
        finally:
            self.revoking = ""
        self.sessions_notice = (
            tr(self.language, "Signed out {device}.", device=device)
            if device
            else tr(self.language, "Signed out that device.")
        )
        return None
