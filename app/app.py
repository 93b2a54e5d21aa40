"""The Reflex app object and its page registrations (nothing else)."""

from pathlib import Path

import reflex as rx

from app import routes
from app.pages import diary as diary_page
from app.pages import (
    diary_import,
    health_import,
    landing,
    ledger,
    login,
    notifications,
    onboarding,
    password_reset,
    profile,
    program_editor,
    programs,
    progress,
    register,
    settings,
    today,
)
from app.pages import recipes as recipes_page
from app.pages import workout as workout_page
from app.pages import workouts as workouts_page
from app.pages.admin import announcements as admin_announcements
from app.pages.admin import audit as admin_audit
from app.pages.admin import foods as admin_foods
from app.pages.admin import health as admin_health
from app.pages.admin import messaging as admin_messaging
from app.pages.admin import overview as admin_overview
from app.pages.admin import user as admin_user
from app.pages.admin import users as admin_users
from app.session.account_import import data_app  # export, deletion and the upload
from app.session.http import session_app
from app.session.offline import offline_app
from app.state.preferences import PreferencesState
from app.state.push_device import PushDeviceState
from app.state.session import SessionState
from app.state.today import TodayState
from app.state.water_fasting import WaterFastingState

APP_CSS = Path(__file__).resolve().parents[1] / "assets" / "app.css"

app = rx.App(
    head_components=[
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        rx.el.link(rel="manifest", href="/manifest.json"),
        rx.el.meta(name="theme-color", content="#2f9e44"),
        # Inlined: one render-blocking request less on a phone's first load.
        rx.el.style(APP_CSS.read_text(encoding="utf-8")),
        # Web Push on this device (settings): clicks and the browser's answers, no eval.
        rx.script(src="/push.js", defer=True),
        # The PWA: the service worker on every page, and the diary's offline queue.
        rx.script(src="/register-sw.js", defer=True),
        rx.script(src="/offline.js", defer=True),
    ],
    # /session/* (sign in, sign up, sign out) are plain HTTP routes: only they can set cookies.
    # /session/export and /session/delete-account: the file download, the cookie clearing;
    # /session/import: a FitLedger export uploaded from settings.
    api_transformer=[session_app, data_app, offline_app],
)

PRIVATE = [SessionState.require_login, PreferencesState.load]
PUBLIC_ONLY = [SessionState.redirect_if_signed_in]

app.add_page(
    landing.landing,
    route=routes.LANDING,
    title=landing.TITLE,
    description=landing.TAGLINE,
    on_load=PUBLIC_ONLY,
)
app.add_page(
    login.login,
    route=routes.LOGIN,
    title=login.TITLE,
    on_load=[*PUBLIC_ONLY, login.LoginState.load],
)
app.add_page(
    register.register,
    route=routes.REGISTER,
    title=register.TITLE,
    on_load=[*PUBLIC_ONLY, register.RegisterState.load],
)
app.add_page(
    password_reset.forgot_password,
    route=routes.FORGOT_PASSWORD,
    title=password_reset.FORGOT_TITLE,
    on_load=password_reset.ForgotPasswordState.load,
)
app.add_page(
    password_reset.reset_password,
    route=routes.RESET_PASSWORD,
    title=password_reset.RESET_TITLE,
    on_load=password_reset.ResetPasswordState.load,
)
app.add_page(
    today.today,
    route=routes.TODAY,
    title=today.TITLE,
    # The day's numbers first: TodayState.load reads the profile and settles the preferences
    # with it, so PreferencesState.load (after it) has nothing left to ask.
    on_load=[
        SessionState.require_login,
        TodayState.load,
        PreferencesState.load,
        WaterFastingState.load,
    ],
)
app.add_page(
    ledger.ledger_page,
    route=routes.LEDGER,
    title=ledger.TITLE,
    on_load=[*PRIVATE, ledger.LedgerState.load],
)
app.add_page(
    onboarding.onboarding,
    route=routes.ONBOARDING,
    title=onboarding.TITLE,
    on_load=[*PRIVATE, onboarding.OnboardingState.load],
)
for diary_route in (routes.DIARY, routes.DIARY_DAY):
    app.add_page(
        diary_page.diary,
        route=diary_route,
        title=diary_page.TITLE,
        on_load=[*PRIVATE, diary_page.D.load, WaterFastingState.load],
    )
app.add_page(
    recipes_page.recipes,
    route=routes.RECIPES,
    title=recipes_page.TITLE,
    on_load=[*PRIVATE, recipes_page.RecipesState.load],
)
app.add_page(
    notifications.notifications,
    route=routes.NOTIFICATIONS,
    title=notifications.TITLE,
    on_load=[*PRIVATE, notifications.NotificationsPageState.load],
)
app.add_page(
    workouts_page.workouts,
    route=routes.WORKOUTS,
    title=workouts_page.TITLE,
    on_load=[*PRIVATE, workouts_page.S.load, workouts_page.P.load_programs, workouts_page.C.reload],
)
app.add_page(
    progress.progress,
    route=routes.PROGRESS,
    title=progress.TITLE,
    on_load=[*PRIVATE, progress.S.load],
)
app.add_page(
    programs.programs,
    route=routes.PROGRAMS,
    title=programs.TITLE,
    on_load=[*PRIVATE, programs.P.load_programs],
)
app.add_page(
    program_editor.program_editor,
    route=routes.PROGRAM,
    title=program_editor.TITLE,
    on_load=[*PRIVATE, program_editor.S.load],
)
app.add_page(
    workout_page.workout,
    route=routes.WORKOUT,
    title=workout_page.TITLE,
    on_load=[*PRIVATE, workout_page.S.load],
)
app.add_page(
    profile.profile,
    route=routes.PROFILE,
    title=profile.TITLE,
    on_load=[*PRIVATE, profile.ProfileState.load],
)
app.add_page(
    settings.settings,
    route=routes.SETTINGS,
    title=settings.TITLE,
    on_load=[*PRIVATE, settings.SettingsState.load, PushDeviceState.load],
)
app.add_page(
    health_import.health_import,
    route=routes.IMPORTS,
    title=health_import.TITLE,
    on_load=[*PRIVATE, health_import.S.load],
)
app.add_page(
    diary_import.diary_import,
    route=routes.DIARY_IMPORT,
    title=diary_import.TITLE,
    on_load=[*PRIVATE, diary_import.S.load],
)

# The admin area (app/pages/admin/): every page signs in first, then shows the 403 page to
# anyone who is not an administrator; its sections are listed in app/pages/admin/sections.py.
app.add_page(
    admin_overview.overview, route=routes.ADMIN, title=admin_overview.TITLE, on_load=PRIVATE
)
app.add_page(
    admin_users.admin_users,
    route=routes.ADMIN_USERS,
    title=admin_users.TITLE,
    on_load=[*PRIVATE, admin_users.AdminUsersState.load],
)
app.add_page(
    admin_user.admin_user,
    route=routes.ADMIN_USER,
    title=admin_user.TITLE,
    on_load=[*PRIVATE, admin_user.AdminUserState.load],
)
app.add_page(
    admin_audit.admin_audit,
    route=routes.ADMIN_AUDIT,
    title=admin_audit.TITLE,
    on_load=[*PRIVATE, admin_audit.AdminAuditState.load],
)
app.add_page(
    admin_announcements.admin_announcements,
    route=routes.ADMIN_ANNOUNCEMENTS,
    title=admin_announcements.TITLE,
    on_load=[*PRIVATE, admin_announcements.AdminAnnouncementsState.load],
)
app.add_page(
    admin_foods.admin_foods,
    route=routes.ADMIN_FOODS,
    title=admin_foods.TITLE,
    on_load=[*PRIVATE, admin_foods.AdminFoodsState.load_all],
)
app.add_page(
    admin_health.admin_health,
    route=routes.ADMIN_HEALTH,
    title=admin_health.TITLE,
    on_load=[*PRIVATE, admin_health.AdminHealthState.load],
)
app.add_page(
    admin_messaging.admin_messaging,
    route=routes.ADMIN_MESSAGING,
    title=admin_messaging.TITLE,
    on_load=[*PRIVATE, admin_messaging.AdminMessagingState.load],
)
