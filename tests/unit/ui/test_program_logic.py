"""Programs in the UI: the list's cards (days, where the user is), the editor's rows for a
program and the editor's boxes read back (a clear message for the wrong box)."""

from __future__ import annotations

import dataclasses

import pytest

from app.api.workouts import Program, ProgramDay, ProgramExercise
from app.state import program_logic as logic
from app.state import workout_logic


def own_program() -> Program:
    return Program.from_json(
        {
            "id": "abc123",
            "name": "Upper / lower",
            "description": "",
            "days_per_week": 4,
            "source": "own",
            "days": [
                {
                    "name": "Upper",
                    "exercises": [
                        {"exercise_id": "builtin:barbell-bench-press", "sets": 4, "reps": 6,
                         "start_weight_kg": 50, "increment_kg": 2.5, "percent_e1rm": None},
                    ],
                },
                {
                    "name": "Lower",
                    "exercises": [
                        {"exercise_id": "mine-1", "sets": 3, "reps": 5, "start_weight_kg": 0,
                         "increment_kg": 0, "percent_e1rm": 80},
                    ],
                },
            ],
            "position": {"sessions_done": 5, "week": 2, "next_day_index": 1, "next_day": "Lower"},
        }
    )  # fmt: skip


def test_a_card_names_the_days_and_where_the_user_is():
    card = logic.program_card(own_program(), {"mine-1": "Hack squat"})
    assert (
        card["days"] == "Day Upper: Barbell bench press 4\u00d76 | Day Lower: Hack squat 3\u00d75"
    )
    assert card["position"] == "Week 2 \u00b7 next: day Lower \u00b7 5 sessions done"
    assert card["own"] == "1" and card["per_week"] == "4 days a week"
    builtin = Program.from_json({"id": "builtin:x", "source": "builtin", "days": []})
    assert logic.program_card(builtin, {})["dom_id"] == "builtin-x"
    assert logic.position_text(builtin) == "Week 1 \u00b7 next: day  \u00b7 0 sessions done"


def test_the_editor_reads_back_what_it_was_given():
    program = own_program()
    days, rows = logic.editor_form(program, {"mine-1": "Hack squat"})
    assert [d["name"] for d in days] == ["Upper", "Lower"]
    lower = rows[days[1]["id"]][0]
    assert (lower["name"], lower["rule"], lower["percent"]) == ("Hack squat", "percent", "80")
    draft = logic.read_program(program.name, "", "4", days, rows)
    assert draft.days == program.days
    assert draft.to_json()["days"][1]["exercises"][0]["percent_e1rm"] == 80


def test_a_new_row_and_day_have_working_defaults():
    row = logic.new_row("builtin:barbell-row", "Bent Over Barbell Row")
    assert logic.read_exercise(row) == ProgramExercise("builtin:barbell-row", 3, 5, 20.0, 2.5)
    assert logic.new_day([{"id": "x", "name": "A"}])["name"] == "B"
    assert logic.new_day([])["name"] == "A"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"sets": "0"}, "sets", "Sets: a whole number from 1 to 20"),
        ({"reps": "2.5"}, "reps", "Reps: a whole number from 1 to 100"),
        ({"start": "-5"}, "start", "Starting weight (kg): 0 to 1000"),
        ({"increment": "many"}, "increment", "Increase (kg): 0 to 50"),
        ({"rule": "percent", "percent": "120"}, "percent", "Share of e1RM (%): 1 to 100"),
    ],
)
def test_a_wrong_box_is_named(change, field, message):
    row = {**logic.new_row("builtin:barbell-row", "Row"), **change}
    with pytest.raises(logic.InvalidProgram) as wrong:
        logic.read_exercise(row)
    assert wrong.value.field == f"{row['id']}-{field}" and str(wrong.value) == message


def test_a_program_needs_a_name_days_and_an_exercise_each_day():
    day = {"id": "d1", "name": "A"}
    row = logic.new_row("builtin:barbell-row", "Row")
    with pytest.raises(logic.InvalidProgram, match="Give the program a name"):
        logic.read_program("  ", "", "3", [day], {"d1": [row]})
    with pytest.raises(logic.InvalidProgram, match="Days a week"):
        logic.read_program("P", "", "8", [day], {"d1": [row]})
    with pytest.raises(logic.InvalidProgram, match="Add at least one day"):
        logic.read_program("P", "", "3", [], {})
    with pytest.raises(logic.InvalidProgram, match="Day A: add an exercise") as empty:
        logic.read_program("P", "", "3", [day], {"d1": []})
    assert empty.value.field == "d1-name"
    draft = logic.read_program(" P ", " two days ", "2", [day], {"d1": [row]})
    assert (draft.name, draft.description, draft.days_per_week) == ("P", "two days", 2)
    assert draft.days == (
        ProgramDay("A", (ProgramExercise("builtin:barbell-row", 3, 5, 20, 2.5),)),
    )


def test_move_keeps_an_item_inside_the_list():
    assert workout_logic.move(["a", "b", "c"], "b", -1) == ["b", "a", "c"]
    assert workout_logic.move(["a", "b", "c"], "b", 1) == ["a", "c", "b"]
    assert workout_logic.move(["a", "b", "c"], "a", -1) == ["a", "b", "c"]
    assert workout_logic.move(["a", "b", "c"], "c", 1) == ["a", "b", "c"]
    assert workout_logic.move(["a", "b"], "x", 1) == ["a", "b"]


def test_a_copy_is_the_same_program_under_a_name_of_ones_own():
    builtin = dataclasses.replace(
        own_program(), id="builtin:5x5", source="builtin", name="x" * 120, description="Add 2.5 kg"
    )
    copy = logic.copy_of(builtin)
    assert copy.name == ("x" * 120 + " (my copy)")[:120]
    assert (copy.description, copy.days_per_week, copy.days) == ("Add 2.5 kg", 4, builtin.days)
    assert logic.copy_of(own_program()).name == "Upper / lower (my copy)"


def test_a_cards_description_reads_in_the_users_units():
    program = dataclasses.replace(own_program(), description="Add 2.5 kg after a good session.")
    assert logic.program_card(program, {}, "imperial")["description"] == (
        "Add 5.5 lb after a good session."
    )
    assert logic.program_card(program, {})["description"] == "Add 2.5 kg after a good session."


def test_a_programs_weekdays_show_monday_first_and_in_russian() -> None:
    program = dataclasses.replace(own_program(), schedule=("friday", "monday", "wednesday"))
    assert logic.program_card(program, {})["plan"] == "Training weekdays: Mon · Wed · Fri"
    assert logic.plan_text(program.schedule, "ru") == "Пн · Ср · Пт"
    toggles = logic.weekday_toggles(["tuesday"], "ru")
    assert [t["on"] for t in toggles] == ["", "1", "", "", "", "", ""]
    assert (toggles[1]["short"], toggles[1]["name"]) == ("Вт", "Вторник")
    assert logic.toggled(["friday"], "monday") == ["monday", "friday"]
    assert logic.toggled(["monday", "friday"], "monday") == ["friday"]


def test_the_editor_sends_chosen_weekdays_one_per_session_or_none() -> None:
    program = own_program()
    days, rows = logic.editor_form(program, {})
    chosen = ("monday", "tuesday", "thursday", "friday")
    draft = logic.read_program(program.name, "", "4", days, rows, schedule=chosen)
    assert draft.to_json()["schedule"] == list(chosen)
    assert "schedule" not in logic.read_program(program.name, "", "4", days, rows).to_json()
    with pytest.raises(logic.InvalidProgram) as wrong:
        logic.read_program(program.name, "", "4", days, rows, "metric", "ru", ("monday",))
    assert wrong.value.field == "schedule"
    assert str(wrong.value).startswith("Дни тренировок: выберите 4 дня")
