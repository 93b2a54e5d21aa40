"""Admin · one user (`/admin/users/[id]`): the account, the profile in brief, the live
sessions; disable/enable, change the role, end one session or all of them."""

from __future__ import annotations

import dataclasses

import reflex as rx

from app import routes
from app.api.admin import ProfileSummary, UserDetail
from app.api.errors import ApiError
from app.i18n import t, tf, tr
from app.i18n.formats import fmt_number
from app.pages.admin.shell import admin_shell
from app.pages.admin.state import AdminState, when
from app.state.page_params import page_param
from components.confirm_dialog import confirm_dialog
from components.layout import back_link

TITLE = t("User · Admin · FitLedger")


@dataclasses.dataclass
class SessionRow:
    id: str
    device: str
    address: str
    started: str
    last_used: str


def profile_lines(profile: ProfileSummary | None, language: str = "en") -> list[str]:
    """The profile in a few plain lines ("no profile yet" when users has none); the values
    are the users service's (its codes, such as "lose" or "moderately_active")."""
    if profile is None:
        return [tr(language, "No profile yet.")]

    def amount(value: float, unit: str) -> str:
        return (
            f"{value:g} {unit}" if language != "ru" else f"{fmt_number(language, value, 2)} {unit}"
        )

    facts = [
        (tr(language, "Sex"), profile.sex),
        (tr(language, "Born"), profile.birth_date.isoformat() if profile.birth_date else None),
        (
            tr(language, "Height"),
            amount(profile.height_cm, tr(language, "cm")) if profile.height_cm else None,
        ),
        (
            tr(language, "Weight"),
            amount(profile.weight_kg, tr(language, "kg")) if profile.weight_kg else None,
        ),
        (tr(language, "Goal"), profile.goal),
        (tr(language, "Activity"), profile.activity_level),
    ]
    lines = [f"{label}: {value.replace('_', ' ')}" for label, value in facts if value]
    lines.append(
        tr(
            language,
            "Time zone {zone}, language {code}",
            zone=profile.timezone,
            code=profile.language,
        )
    )
    lines.append(
        tr(language, "Onboarding complete")
        if profile.complete
        else tr(language, "Onboarding not finished")
    )
    return lines


def session_rows(detail: UserDetail, language: str = "en") -> list[SessionRow]:
    return [
        SessionRow(
            s.id,
            s.user_agent or tr(language, "unknown device"),
            s.ip or "—",
            when(s.created_at),
            when(s.last_used_at),
        )
        for s in detail.sessions
    ]


class AdminUserState(AdminState):
    user_id: str = ""
    account_email: str = ""
    name: str = ""
    role: str = "user"
    chosen_role: str = "user"
    disabled: bool = False
    created: str = ""
    profile: list[str] = []
    sessions: list[SessionRow] = []
    loaded: bool = False
    busy: bool = False

    @rx.var
    def is_self(self) -> bool:
        """Administrators cannot change their own role or status (auth refuses it)."""
        return self.loaded and self.account_email == self.email

    async def _refresh(self):
        detail = await self.admin_api().user(self.user_id)
        try:
            profile: ProfileSummary | None = await self.admin_api().profile(self.user_id)
        except ApiError as error:
            if error.status != 404:
                raise
            profile = None
        u = detail.user
        self.account_email, self.name = u.email, u.display_name
        self.role, self.disabled = u.role, u.disabled
        self.chosen_role, self.created = u.role, when(u.created_at)
        self.profile = profile_lines(profile, self.language)
        self.sessions = session_rows(detail, self.language)
        self.loaded = True

    @rx.event
    async def load(self):
        self.user_id = page_param(self.router, "id")
        self.loaded, self.error, self.notice = False, "", ""
        if not self.is_admin:
            return None
        try:
            await self._refresh()
        except ApiError as error:
            return self.refused(error)
        return None

    async def _act(self, done: str, action):
        self.busy, self.error, self.notice = True, "", ""
        try:
            await action
            await self._refresh()
        except ApiError as error:
            return self.refused(error)
        finally:
            self.busy = False
        self.notice = done
        return None

    @rx.event
    async def toggle_disabled(self):
        disable = not self.disabled
        done = (
            tr(self.language, "Account disabled; its sessions have ended.")
            if disable
            else tr(self.language, "Account enabled.")
        )
        return await self._act(done, self.admin_api().set_disabled(self.user_id, disable))

    @rx.event
    def choose_role(self, role: str):
        self.chosen_role = role if role in ("user", "admin") else "user"

    @rx.event
    async def save_role(self):
        done = tr(
            self.language,
            "Role changed to {role}; the user signs in again.",
            role=self.chosen_role,
        )
        return await self._act(done, self.admin_api().set_role(self.user_id, self.chosen_role))

    @rx.event
    async def end_session(self, session_id: str):
        return await self._act(
            tr(self.language, "Session ended."),
            self.admin_api().end_session(self.user_id, session_id),
        )

    @rx.event
    async def end_all_sessions(self):
        return await self._act(
            tr(self.language, "Signed out on every device."),
            self.admin_api().end_all_sessions(self.user_id),
        )


def _fact(label: rx.Var[str], value: rx.Var | str) -> rx.Component:
    return rx.hstack(
        rx.text(label, size="2", color=rx.color("gray", 11), min_width="7em"),
        rx.text(value, size="2", word_break="break-all"),
        spacing="2",
        align="baseline",
    )


def _account_card() -> rx.Component:
    s = AdminUserState
    return rx.card(
        rx.vstack(
            rx.heading(t("Account"), size="4", as_="h2"),
            _fact(t("E-mail"), s.account_email),
            # "Display name": "Name" is a program's or a food's name (Название) elsewhere.
            _fact(t("Display name"), rx.cond(s.name != "", s.name, t("(no name)"))),
            _fact(t("Since"), s.created),
            _fact(t("Role"), s.role),
            _fact(t("Status"), rx.cond(s.disabled, t("disabled"), t("active"))),
            rx.divider(),
            rx.cond(
                s.is_self,
                rx.text(
                    t(
                        "This is your own account: another administrator changes its role or "
                        "status."
                    ),
                    size="2",
                    color=rx.color("gray", 11),
                ),
                rx.flex(
                    rx.cond(
                        s.disabled,
                        rx.button(
                            t("Enable account"),
                            on_click=s.toggle_disabled,
                            color_scheme="grass",
                            loading=s.busy,
                            id="toggle-disabled",
                        ),
                        confirm_dialog(
                            rx.button(
                                t("Disable account"),
                                color_scheme="tomato",
                                loading=s.busy,
                                id="toggle-disabled",
                            ),
                            title=t("Disable this account?"),
                            description=t(
                                "They are signed out on every device at once and cannot sign"
                                " in until an administrator enables the account again."
                            ),
                            confirm=t("Disable"),
                            on_confirm=s.toggle_disabled,
                            confirm_id="confirm-disable",
                        ),
                    ),
                    rx.hstack(
                        rx.el.label(t("Role"), html_for="role-select", font_size="0.9em"),
                        rx.select(
                            ["user", "admin"],
                            value=s.chosen_role,
                            on_change=s.choose_role,
                            id="role-select",
                        ),
                        confirm_dialog(
                            rx.button(
                                t("Change role"),
                                disabled=s.chosen_role == s.role,
                                variant="soft",
                                loading=s.busy,
                                id="save-role",
                            ),
                            title=t("Change this account's role?"),
                            description=rx.cond(
                                s.chosen_role == "admin",
                                t(
                                    "As an administrator they can disable accounts, read the "
                                    "audit log and send announcements. They sign in again."
                                ),
                                t("They lose the admin area at once and sign in again."),
                            ),
                            confirm=t("Change role"),
                            on_confirm=s.save_role,
                            confirm_id="confirm-role",
                        ),
                        align="center",
                        spacing="2",
                    ),
                    gap="1em",
                    wrap="wrap",
                    align="center",
                ),
            ),
            spacing="2",
            align="stretch",
        ),
        width="100%",
    )


def _profile_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("Profile"), size="4", as_="h2"),
            rx.foreach(AdminUserState.profile, lambda line: rx.text(line, size="2")),
            spacing="1",
            align="start",
        ),
        width="100%",
    )


def _session(row: SessionRow) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.vstack(
                rx.text(row.device, size="2", weight="medium", word_break="break-word"),
                rx.text(
                    row.address,
                    " · ",
                    tf("signed in {when}", when=row.started),
                    " · ",
                    tf("last used {when}", when=row.last_used),
                    size="1",
                    color=rx.color("gray", 11),
                ),
                spacing="0",
                align="start",
                flex="1",
            ),
            rx.button(
                t("End session"),
                on_click=AdminUserState.end_session(row.id),
                size="1",
                variant="surface",
                color_scheme="tomato",
                aria_label=tf("End session: {device}", device=row.device),
            ),
            gap="0.6em",
            align="center",
            wrap="wrap",
        ),
        padding_y="0.5em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def _sessions_card() -> rx.Component:
    s = AdminUserState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(t("Sessions"), size="4", as_="h2"),
                rx.badge(s.sessions.length(), id="session-count"),
                rx.spacer(),
                rx.button(
                    t("End all sessions"),
                    on_click=s.end_all_sessions,
                    disabled=s.sessions.length() == 0,
                    size="2",
                    variant="soft",
                    color_scheme="tomato",
                    id="end-all-sessions",
                ),
                align="center",
                width="100%",
            ),
            rx.cond(
                s.sessions.length() == 0,
                rx.text(t("Not signed in anywhere."), size="2"),
                rx.el.ul(rx.foreach(s.sessions, _session), padding="0", margin="0"),
            ),
            spacing="2",
            align="stretch",
        ),
        width="100%",
    )


def admin_user() -> rx.Component:
    s = AdminUserState
    return admin_shell(
        back_link(t("Users"), routes.ADMIN_USERS),
        rx.cond(s.error != "", rx.callout(s.error, color_scheme="tomato", role="alert")),
        rx.cond(
            s.notice != "",
            rx.callout(s.notice, color_scheme="grass", role="status", id="admin-notice"),
        ),
        rx.cond(
            s.loaded,
            rx.grid(
                _account_card(),
                _profile_card(),
                rx.box(_sessions_card(), grid_column=rx.breakpoints(initial="auto", md="span 2")),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="4",
                width="100%",
            ),
            rx.cond(s.error == "", rx.center(rx.spinner(size="3"), padding_y="2em")),
        ),
        title=t("User"),
    )
