"""Profiles the tests share, as the users API takes them, named after who they describe."""

from __future__ import annotations

# The reference man (BMR 1780, sedentary): the formulas' target is 2136 kcal.
REFERENCE_MAN = {
    "sex": "male",
    "birth_date": "1995-01-01",
    "height_cm": 180,
    "weight_kg": 80,
    "activity_level": "sedentary",
    "goal": "maintain",
}
# The body the API tests' profiles build on: a man born 1990, 180 cm, 80 kg.
MAN_BORN_1990 = {
    "sex": "male",
    "birth_date": "1990-01-01",
    "height_cm": 180,
    "weight_kg": 80,
}
# A woman born 1990, 165 cm, 60 kg, lightly active, keeping her weight.
LIGHT_WOMAN = {
    "sex": "female",
    "birth_date": "1990-05-01",
    "height_cm": 165,
    "weight_kg": 60,
    "activity_level": "light",
    "goal": "maintain",
}
