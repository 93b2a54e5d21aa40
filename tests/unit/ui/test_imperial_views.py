"""Imperial units in every pure view of weights and distances: what the tracker's rows show and
take (lb, mi; stored kg and m), the progress texts and charts, the weight table, the targets'
explanation, the goal's rate, custom protein per lb and the program editor's weights.
Reference: 1 lb = 0.45359237 kg, 1 mi = 1609.344 m (exact, by definition)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_dashboard_logic import make_targets, make_weights
from test_workout_logic import make_entry

from app.api.workouts import ExerciseProgress
from app.state import body, custom_targets, program_logic, progress_logic
from app.state import dashboard as dash
from app.state import targets as t
from app.state import workout_logic as logic
from app.state.units import IMPERIAL, METRIC, in_units
from components.charts import e1rm_figure, muscle_figure, weight_figure

LB = 0.45359237


# ---- the tracker ----


def test_a_set_typed_in_pounds_is_stored_in_kg_to_the_gram():
    typed = logic.parse_strength_set("135", "5", "", "working", IMPERIAL)
    assert typed["weight_kg"] == round(135 * LB, 3) == 61.235
    assert logic.weight_box(typed["weight_kg"], IMPERIAL) == "135"


def test_a_metric_weight_is_shown_in_pounds_to_a_tenth():
    assert logic.weight_box(60, IMPERIAL) == "132.3"
    assert logic.weight_box(62.25, METRIC) == "62.25"  # kg keep their 0.25 plates
    assert logic.set_text({"reps": 5, "weight_kg": 100}, IMPERIAL) == "220.5 lb \u00d7 5"


@pytest.mark.parametrize(
    ("weight", "message"),
    [("heavy", "Weight: a number of lb, e.g. 135"), ("2205", "Weight: 0 to 2,204.6 lb")],
)
def test_wrong_pounds_say_so_in_pounds(weight, message):
    with pytest.raises(logic.InvalidSet, match=message):
        logic.parse_strength_set(weight, "5", "", "working", IMPERIAL)


def test_the_top_of_the_range_in_pounds_is_accepted():
    assert logic.parse_strength_set("2204.6", "1", "", "working", IMPERIAL)["weight_kg"] <= 1000


def test_cardio_distance_in_miles():
    typed = logic.parse_cardio_set("30", "3.1", IMPERIAL)
    assert typed["distance_m"] == round(3.1 * 1609.344, 1)
    assert logic.distance_box(5000, IMPERIAL) == "3.11"
    assert logic.set_text({"duration_s": 1800, "distance_m": 5000}, IMPERIAL) == "30 min · 3.11 mi"
    with pytest.raises(logic.InvalidSet, match="Distance: a number of mi"):
        logic.parse_cardio_set("30", "far", IMPERIAL)
    with pytest.raises(logic.InvalidSet, match=r"0 to 621\.4 mi"):
        logic.parse_cardio_set("30", "700", IMPERIAL)


def test_body_weight_for_the_calories_in_pounds():
    assert logic.parse_body_weight("180", IMPERIAL) == round(180 * LB, 3)
    with pytest.raises(logic.InvalidSet, match=r"Body weight: 44\.1 to 881\.8 lb"):
        logic.parse_body_weight("40", IMPERIAL)


def test_rows_and_last_time_hints_in_pounds():
    logged = make_entry(sets=({"id": "s1", "reps": 5, "weight_kg": 61.235, "set_type": "working"},))
    last = {logged.exercise_id: [{"reps": 5, "weight_kg": 60.0, "set_type": "working"}]}
    rows = logic.numbered_rows([logged], {}, last, IMPERIAL)[logged.id]
    assert rows[0]["weight"] == "135"
    assert rows[0]["hint"] == "132.3 lb \u00d7 5"
    assert rows[0]["e1rm"] == "e1RM 154.7 lb"  # mean(135 x 1.1667, 135 x 36/32)
    drafts = logic.first_drafts(make_entry(), last[logged.exercise_id], IMPERIAL)
    assert drafts[0]["weight"] == "132.3"


def test_program_target_and_records_in_pounds():
    assert logic.rule_text("progress", 102.5, 5, 3, IMPERIAL).startswith("3 \u00d7 5 at 226 lb")
    assert logic.record_text("e1rm", 100, 90, None, IMPERIAL) == (
        "Estimated 1RM: 220.5 lb (was 198.4 lb)"
    )


# ---- progress ----


def progress() -> ExerciseProgress:
    return ExerciseProgress.from_json(
        {
            "exercise_id": "builtin:squat",
            "name": "Squat",
            "e1rm_formula": "mean of Epley and Brzycki",
            "sessions": [
                {
                    "workout_id": "w1",
                    "local_date": "2026-11-24",
                    "best_set": {"reps": 5, "weight_kg": 100},
                    "e1rm_kg": 116.7,
                    "volume_kg": 1500,
                },
                {
                    "workout_id": "w2",
                    "local_date": "2026-11-28",
                    "best_set": {"reps": 5, "weight_kg": 102.5},
                    "e1rm_kg": 119.6,
                    "volume_kg": 1537.5,
                },
            ],
        }
    )


def test_progress_texts_in_pounds():
    rows = progress_logic.session_rows(progress(), IMPERIAL)
    assert rows[-1].best_set == "226 lb \u00d7 5"
    assert progress_logic.latest_e1rm_text(rows, IMPERIAL) == "263.7 lb"
    assert progress_logic.change_text(rows, IMPERIAL).startswith("+6.4 lb since")
    assert progress_logic.session_table(rows, IMPERIAL)[0][2:] == ["263.7 lb", "3,389.6 lb"]
    assert progress_logic.best_sets(rows, units=IMPERIAL)[0]["e1rm"] == "263.7 lb"


def test_charts_plot_pounds_with_a_pound_axis():
    rows = progress_logic.session_rows(progress(), IMPERIAL)
    fig = e1rm_figure(rows, IMPERIAL)
    assert list(fig.data[0].y) == [round(116.7 / LB, 2), round(119.6 / LB, 2)]
    assert fig.layout.yaxis.title.text == "lb"
    weights = dash.weight_rows(
        make_weights([("2026-11-30", 80.0, 80.2)]), dt.date(2026, 11, 30), dt.date(2026, 11, 30)
    )
    assert list(weight_figure(weights, IMPERIAL).data[0].y) == [round(80 / LB, 2)]
    assert dash.weight_table(weights, IMPERIAL) == [["Mon 30 Nov", "176.4", "176.8", "\u2013"]]
    weeks = progress_logic.MuscleWeeks(["2026-11-23"], ["W48"], ["legs"], {"legs": [3]}, {})
    weeks.volume = {"legs": [1000.0]}
    volume = muscle_figure(weeks, measure="volume", units=IMPERIAL)
    assert list(volume.data[0].y) == [round(1000 / LB, 2)]


# ---- targets, goal, custom protein ----


def test_targets_explained_in_pounds_and_feet():
    view = t.explain_targets(make_targets(), IMPERIAL)
    assert view.formula_inputs == [
        "Sex: female",
        "Weight: 149.9 lb",
        "Height: 5 ft 5 in",
        "Age: 36 years",
    ]
    assert view.goal_rate == "1.1 lb/week"
    assert view.protein_rule == "0.73 g per lb of body weight"
    assert "kg" in view.formula_equation  # the coefficients are per kg and cm


def test_goal_rate_choices_and_limit_in_pounds():
    assert body.rate_in_words("0.5", IMPERIAL) == "1.1 lb a week (about 550 kcal a day)"
    assert body.validate_goal("lose", "2", IMPERIAL) == {
        "goal_rate_kg_per_week": "Choose how fast, up to 2.2 lb a week."
    }


def test_custom_protein_per_pound():
    choices, errors = custom_targets.parse_custom_targets("", "0.73", "", IMPERIAL)
    assert errors == {} and choices.protein_g_per_kg == round(0.73 / LB, 2)
    _, errors = custom_targets.parse_custom_targets("", "1.6", "", IMPERIAL)
    assert errors == {"protein": "Enter between 0.37 and 1.58 g per lb, or leave it empty."}
    for edge in ("0.37", "1.58"):  # the bounds shown are inside the service's range
        assert custom_targets.parse_custom_targets("", edge, "", IMPERIAL)[1] == {}


# ---- the program editor ----


def test_program_weights_typed_in_pounds():
    row = program_logic.new_row("builtin:squat", "Squat", IMPERIAL)
    assert (row["start"], row["increment"]) == ("45", "5")
    exercise = program_logic.read_exercise(row, IMPERIAL)
    assert exercise.start_weight_kg == round(45 * LB, 3)
    assert exercise.increment_kg == round(5 * LB, 3)
    too_much = {**row, "increment": "120"}
    with pytest.raises(program_logic.InvalidProgram, match=r"Increase \(lb\): 0 to 110.2"):
        program_logic.read_exercise(too_much, IMPERIAL)


# ---- the services' sentences (notifications) ----


def test_a_service_sentence_reads_in_pounds_and_miles():
    text = "New estimated one-rep max on Bench: 116.94 kg (previous best 114.58 kg)."
    assert in_units(text, IMPERIAL) == (
        "New estimated one-rep max on Bench: 257.8 lb (previous best 252.6 lb)."
    )
    assert in_units("You ran 5 km in 25 min.", IMPERIAL) == "You ran 3.1 mi in 25 min."
    assert in_units(text, METRIC) == text
    assert in_units("Log 2 kgs? v1.5 kg", IMPERIAL) == "Log 2 kgs? v1.5 kg"  # not amounts
