"""Every path string of the UI, in one place."""

LANDING = "/welcome"
TODAY = "/"
LOGIN = "/login"
REGISTER = "/register"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password"
ONBOARDING = "/onboarding"
DIARY = "/diary"
DIARY_DAY = "/diary/[day]"
RECIPES = "/recipes"
NOTIFICATIONS = "/notifications"
PROGRESS = "/progress"
LEDGER = "/ledger"  # the energy ledger of a day, week or month
PROGRAMS = "/programs"
PROGRAM = "/programs/[id]"  # "new": the editor for a new program
WORKOUTS = "/workouts"
WORKOUT = "/workouts/[id]"
IMPORTS = "/imports"  # health exports (Apple Health, Google Fit)
DIARY_IMPORT = "/imports/diary"  # food diaries (MyFitnessPal, Cronometer)
PROFILE = "/profile"
SETTINGS = "/settings"

# The UI backend's own form-post routes (app/session/http.py).
SESSION_LOGIN = "/session/login"
SESSION_REGISTER = "/session/register"
SESSION_LOGOUT = "/session/logout"
SESSION_EXPORT = "/session/export"  # app/session/export.py
SESSION_EXPORT_ZIP = "/session/export.zip"  # the same with one CSV per kind
SESSION_DELETE_ACCOUNT = "/session/delete-account"
SESSION_IMPORT = "/session/import"  # app/session/account_import.py: a FitLedger export
# The PWA offline diary (app/session/offline.py): GET <diary>/<day>, POST queued entries.
SESSION_OFFLINE_DIARY = "/session/offline/diary"
SESSION_OFFLINE_ENTRIES = "/session/offline/entries"

# Private pages: the login guard sends everyone else to LOGIN.
PUBLIC = frozenset({LANDING, LOGIN, REGISTER, FORGOT_PASSWORD, RESET_PASSWORD})


def diary_day(day: str) -> str:
    return f"{DIARY}/{day}"


def workout(workout_id: str) -> str:
    return f"{WORKOUTS}/{workout_id}"


def program(program_id: str) -> str:
    return f"{PROGRAMS}/{program_id}"


def progress(exercise_id: str) -> str:
    return f"{PROGRESS}?exercise={exercise_id}"


# The admin area (app/pages/admin/); its sections are listed in app/pages/admin/sections.py.
ADMIN = "/admin"
ADMIN_USERS = "/admin/users"
ADMIN_USER = "/admin/users/[id]"
ADMIN_AUDIT = "/admin/audit"
ADMIN_ANNOUNCEMENTS = "/admin/announcements"
ADMIN_FOODS = "/admin/foods"
ADMIN_HEALTH = "/admin/health"
ADMIN_MESSAGING = "/admin/messaging"


def admin_user(user_id: str) -> str:
    return f"{ADMIN_USERS}/{user_id}"
