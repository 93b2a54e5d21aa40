"""Russian text by area: each module holds `MESSAGES: dict[str, str | Plural]`, English → Russian.

Areas: common (layout, fields, units, dates), account (sign-in, register, password reset,
onboarding, profile, settings), food (today, diary, food picker, recipes, targets),
workouts (tracker, history, progress, programs, health imports), notifications, admin.
"""
