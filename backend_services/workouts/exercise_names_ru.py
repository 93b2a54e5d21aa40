"""Russian names for the free-exercise-db catalog: hand-written ones first, the rest composed.

The shipped table is ``data/free_exercise_db_names_ru.csv`` (id, name_en, name_ru, how), built
once from the dataset with ``python -m backend_services.workouts.exercise_names_ru
<exercises.json>`` and reviewed as a file. ``how`` says where each name came from:
``curated`` (``data/exercise_names_ru_curated.csv``, written by hand for the common and the
named exercises) or ``glossary`` (composed here in Russian word order: the movement as Russian
gyms name it — "Жим", "Тяга", "Сгибания рук" —, then the equipment in the case the movement
takes, grip, body position, bench, one arm/leg, variation).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")
CURATED_FILE = DATA / "exercise_names_ru_curated.csv"
NAMES_FILE = DATA / "free_exercise_db_names_ru.csv"


@dataclass(frozen=True)
class Equipment:
    genitive: str  # "Жим штанги"
    with_: str  # "Приседания со штангой"
    instrumental: str  # "Махи гантелями"


# The single-implement forms ("гантели", "с гантелью") are used with one arm.
EQUIPMENT: dict[str, tuple[Equipment, Equipment]] = {
    "barbell": (Equipment("штанги", "со штангой", "штангой"),) * 2,
    "ez bar": (Equipment("EZ-штанги", "с EZ-штангой", "EZ-штангой"),) * 2,
    "trap bar": (Equipment("трэп-грифа", "с трэп-грифом", "трэп-грифом"),) * 2,
    "t-bar": (Equipment("Т-грифа", "с Т-грифом", "Т-грифом"),) * 2,
    "dumbbell": (
        Equipment("гантелей", "с гантелями", "гантелями"),
        Equipment("гантели", "с гантелью", "гантелью"),
    ),
    "kettlebell": (
        Equipment("гирь", "с гирями", "гирями"),
        Equipment("гири", "с гирей", "гирей"),
    ),
    "cable": (Equipment("на блоке", "на блоке", "на блоке"),) * 2,
    "smith": (Equipment("в тренажёре Смита", "в тренажёре Смита", "в тренажёре Смита"),) * 2,
    "machine": (Equipment("в тренажёре", "в тренажёре", "в тренажёре"),) * 2,
    "bands": (Equipment("с резиновой лентой", "с резиновой лентой", "с резиновой лентой"),) * 2,
    "chains": (Equipment("с цепями", "с цепями", "с цепями"),) * 2,
    "plate": (Equipment("блина", "с блином", "блином"),) * 2,
    "medicine ball": (Equipment("медбола", "с медболом", "медболом"),) * 2,
    "exercise ball": (Equipment("на фитболе", "на фитболе", "на фитболе"),) * 2,
    "sled": (Equipment("саней", "с санями", "санями"),) * 2,
}
# Words of an English name that name the equipment, most specific first.
EQUIPMENT_WORDS = [
    (r"smith", "smith"),
    (r"\bez[- ]?bar|\bcurl bar|cambered", "ez bar"),
    (r"trap bar", "trap bar"),
    (r"t-bar", "t-bar"),
    (r"kettlebell", "kettlebell"),
    (r"dumbbell|\bdb\b", "dumbbell"),
    (r"medicine ball", "medicine ball"),
    (r"exercise ball|stability ball|physioball|bosu", "exercise ball"),
    (r"\bbands?\b", "bands"),
    (r"chains?\b", "chains"),
    (r"\bplate\b", "plate"),
    (r"\bsled\b", "sled"),
    (r"cable|pulley|crossover", "cable"),
    (r"machine|leverage", "machine"),
    (r"barbell|\bbar\b|long bar", "barbell"),
]
# The dataset's own equipment field, when the name says none.
EQUIPMENT_FIELD = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "kettlebells": "kettlebell",
    "cable": "cable",
    "machine": "machine",
    "bands": "bands",
    "medicine ball": "medicine ball",
    "exercise ball": "exercise ball",
    "e-z curl bar": "ez bar",
}
MUSCLES_GENITIVE = {
    "abdominals": "мышц пресса",
    "abductors": "отводящих мышц бедра",
    "adductors": "приводящих мышц бедра",
    "biceps": "бицепса",
    "calves": "икроножных мышц",
    "chest": "грудных мышц",
    "forearms": "предплечий",
    "glutes": "ягодичных мышц",
    "hamstrings": "задней поверхности бедра",
    "lats": "широчайших мышц спины",
    "lower back": "поясницы",
    "middle back": "середины спины",
    "neck": "шеи",
    "quadriceps": "квадрицепсов",
    "shoulders": "плеч",
    "traps": "трапециевидных мышц",
    "triceps": "трицепса",
}
# (pattern in the English name, Russian words): grip, stance, position, bench, limbs, extras.
MODIFIERS = [
    (r"close[- ]grip|narrow grip|close triceps", "узким хватом"),
    (r"wide[- ]grip", "широким хватом"),
    (r"reverse[- ]grip|underhand|supinated|palms?[- ]up", "обратным хватом"),
    (r"neutral grip|palms?[- ](in|facing in)|hammer grip", "нейтральным хватом"),
    (r"pronated|palms?[- ]down", "прямым хватом"),
    (r"wide stance", "с широкой постановкой ног"),
    (r"narrow stance", "с узкой постановкой ног"),
    (r"behind (the )?neck|behind (the )?head", "из-за головы"),
    (r"behind the back", "за спиной"),
    (r"\bseated\b|\bsit\b", "сидя"),
    (r"\bstanding\b", "стоя"),
    (r"\bkneeling\b|on knees", "стоя на коленях"),
    (r"\blying\b|\bsupine\b|\bprone\b", "лёжа"),
    (r"bent[- ]over", "в наклоне"),
    (r"\bincline\b", "на наклонной скамье"),
    (r"\bdecline\b", "на скамье с обратным наклоном"),
    (r"one[- ]arm|single[- ]arm|one handed", "одной рукой"),
    (r"one[- ]leg|single[- ]leg|one-legged", "на одной ноге"),
    (r"alternat", "поочерёдно"),
    (r"rope attachment|with rope", "с канатной рукоятью"),
    (r"v-bar", "с V-образной рукоятью"),
    (r"from blocks|off pins|from deficit|deficit", "с подставки"),
    (r"\bjump\b", "с выпрыгиванием"),
    (r"with (a )?twist|with rotation", "с поворотом"),
    (r"overhead|above head|over head", "над головой"),
    (r"powerlifting", "(пауэрлифтинг)"),
]
ONE_LIMB = re.compile(r"one[- ]arm|single[- ]arm|one handed|single dumbbell|one arm")


@dataclass(frozen=True)
class Movement:
    pattern: str  # regular expression over the lower-cased English name
    template: str  # {g} genitive, {w} "with", {i} instrumental equipment
    default: str | None = None  # the implement when the name gives none
    implied: tuple[str, ...] = ()  # modifiers the template already says


MOVEMENTS = [
    Movement(r"-smr\b|\bsmr\b", "МФР: {muscle} на массажном ролике"),
    Movement(r"clean and jerk", "Толчок {g} (взятие на грудь и толчок)", "barbell"),
    Movement(r"clean and press", "Взятие {g} на грудь и жим", "barbell"),
    Movement(r"snatch (deadlift|pull)", "Рывковая тяга {g}", "barbell"),
    Movement(r"snatch balance", "Рывковый баланс (уход в сед) {w}", "barbell"),
    Movement(r"snatch shrug", "Рывковые шраги {w}", "barbell"),
    Movement(r"power snatch", "Силовой рывок {g}", "barbell"),
    Movement(r"hang snatch", "Рывок {g} с виса", "barbell"),
    Movement(r"snatch", "Рывок {g}", "barbell"),
    Movement(r"clean (deadlift|pull)", "Толчковая тяга {g}", "barbell"),
    Movement(r"clean shrug", "Толчковые шраги {w}", "barbell"),
    Movement(r"power clean", "Силовое взятие {g} на грудь", "barbell"),
    Movement(r"hang clean", "Взятие {g} на грудь с виса", "barbell"),
    Movement(r"\bclean\b", "Взятие {g} на грудь", "barbell"),
    Movement(r"split jerk", "Толчок {g} ножницами", "barbell"),
    Movement(r"push press", "Жимовой швунг {w}", "barbell"),
    Movement(r"\bjerk\b", "Толчок {g}", "barbell"),
    Movement(r"romanian deadlift", "Румынская тяга {g}", "barbell"),
    Movement(r"stiff[- ]leg", "Становая тяга {g} на прямых ногах", "barbell", ("на одной ноге",)),
    Movement(r"sumo deadlift", "Становая тяга {g} сумо", "barbell"),
    Movement(r"rack pull", "Тяга {g} с плинтов", "barbell"),
    Movement(r"deadlift", "Становая тяга {g}", "barbell"),
    Movement(r"good morning", "Наклоны {w} «гуд монинг»", "barbell"),
    Movement(r"floor press", "Жим {g} лёжа на полу", "barbell", ("лёжа",)),
    Movement(r"bench press|chest press|machine bench", "Жим {g} лёжа", "barbell", ("лёжа",)),
    Movement(r"leg press", "Жим ногами {w}", None),
    Movement(r"calf (raise|press)|calf-machine", "Подъёмы на носки {w}", None),
    Movement(r"hack squat", "Гакк-приседания {w}", None),
    Movement(r"front (barbell )?squat", "Фронтальные приседания {w}", "barbell"),
    Movement(r"goblet", "Гоблет-приседания {w}", "kettlebell"),
    Movement(r"split squat", "Сплит-приседания {w}", None),
    Movement(r"pistol", "Приседания на одной ноге «пистолетик» {w}", None, ("на одной ноге",)),
    Movement(r"jump squat", "Приседания с выпрыгиванием {w}", None, ("с выпрыгиванием",)),
    Movement(r"box squat|squat to a bench", "Приседания {w} на ящик", "barbell"),
    Movement(r"overhead squat", "Приседания {w} над головой", "barbell", ("над головой",)),
    Movement(r"squat", "Приседания {w}", None),
    Movement(r"walking lunge", "Выпады {w} в ходьбе", None),
    Movement(r"(rear|reverse|back) lunge", "Обратные выпады {w}", None),
    Movement(r"lunge", "Выпады {w}", None),
    Movement(r"step[- ]?ups?\b", "Зашагивания на платформу {w}", None),
    Movement(r"shrug", "Шраги {w}", None),
    Movement(r"upright (barbell |cable |dumbbell )?row", "Тяга {g} к подбородку", "barbell"),
    Movement(r"straight-arm pulldown", "Пуловер на верхнем блоке прямыми руками", None),
    Movement(r"pulldown", "Тяга верхнего блока", None),
    Movement(r"chin-?ups?|\bchins?\b", "Подтягивания обратным хватом", None, ("обратным хватом",)),
    Movement(r"pull-?ups?\b", "Подтягивания", None),
    Movement(r"inverted row|bodyweight mid row|suspended row", "Австралийские подтягивания", None),
    Movement(r"seated cable row|cable pulley row|seated .*cable.* row", "Тяга нижнего блока", None),
    Movement(r"t-bar row", "Тяга Т-грифа", None),
    Movement(r"rear[- ]delt row", "Тяга {g} к груди на заднюю дельту", "barbell"),
    Movement(r"\brows?\b", "Тяга {g}", "barbell"),
    Movement(r"leg curl|hamstring curl", "Сгибания ног {w}", "machine"),
    Movement(r"wrist curl", "Сгибания запястий {w}", "barbell"),
    Movement(r"hammer", "Сгибания рук «молот» {w}", "dumbbell", ("нейтральным хватом",)),
    Movement(r"preacher", "Сгибания рук {w} на скамье Скотта", "barbell"),
    Movement(r"concentration", "Концентрированные сгибания рук {w}", "dumbbell", ("сидя",)),
    Movement(
        r"reverse .*curl", "Сгибания рук {w} обратным хватом", "barbell", ("обратным хватом",)
    ),
    Movement(r"curls?\b", "Сгибания рук {w} на бицепс", "dumbbell"),
    Movement(r"leg extension", "Разгибания ног {w}", "machine"),
    Movement(r"hyperextension|back extension", "Гиперэкстензия {w}", None),
    Movement(r"hip extension", "Разгибание бедра {w}", None),
    Movement(r"skull ?crusher", "Французский жим {g} лёжа", "ez bar", ("лёжа",)),
    Movement(r"pushdown", "Разгибания рук на блоке на трицепс", None),
    Movement(r"tricep.*kickback", "Разгибание руки {w} в наклоне", "dumbbell", ("в наклоне",)),
    Movement(r"kickback", "Отведение ноги назад {w}", None),
    Movement(
        r"tricep.* (extension|press)|triceps? extension|tate press",
        "Разгибания рук {w} на трицепс",
        "dumbbell",
    ),
    Movement(r"butterfly|pec deck", "Сведение рук в тренажёре «бабочка»", None),
    Movement(
        r"rear delt (fly|raise)|reverse (flye?s?|machine)|back flyes",
        "Обратные разведения {g}",
        "dumbbell",
    ),
    Movement(r"crossover|cable .*fly", "Сведение рук в кроссовере", None),
    Movement(r"fl(y|ye|yes)\b", "Разведение {g} лёжа", "dumbbell", ("лёжа",)),
    Movement(
        r"lateral raise|side lateral|laterals?\b|deltoid raise", "Махи {i} в стороны", "dumbbell"
    ),
    Movement(r"front .*raise|front raise|delt raise", "Подъёмы {g} перед собой", "dumbbell"),
    Movement(r"arnold", "Жим Арнольда {w}", "dumbbell"),
    Movement(r"military", "Армейский жим {g}", "barbell"),
    Movement(
        r"shoulder press|overhead press|dumbbell press|kettlebell press",
        "Жим {g} над головой",
        "dumbbell",
        ("над головой",),
    ),
    Movement(r"pullover", "Пуловер {w}", "dumbbell"),
    Movement(r"bench dip", "Обратные отжимания от скамьи", None),
    Movement(r"\bdips?\b", "Отжимания на брусьях", None),
    Movement(r"push-?ups?", "Отжимания", None),
    Movement(r"reverse crunch", "Обратные скручивания {w}", None),
    Movement(r"oblique crunch", "Косые скручивания {w}", None),
    Movement(r"crunch", "Скручивания {w}", None),
    Movement(r"sit-?ups?", "Подъёмы корпуса {w}", None),
    Movement(r"hanging leg raise|hanging pike", "Подъёмы ног в висе", None),
    Movement(r"leg raise|leg lift", "Подъёмы ног {w}", None),
    Movement(r"hip thrust", "Ягодичный мост {w} с опорой спиной на скамью", "barbell"),
    Movement(r"bridge|hip raise|hip lift|butt lift", "Ягодичный мостик {w}", None),
    Movement(r"russian twist", "Русские скручивания {w}", None),
    Movement(r"twist", "Повороты корпуса {w}", None),
    Movement(r"side bend", "Наклоны в сторону {w}", None),
    Movement(r"swing", "Махи {i}", "kettlebell"),
    Movement(r"windmill", "Мельница {w}", "kettlebell"),
    Movement(r"get-up", "Турецкий подъём {w}", "kettlebell"),
    Movement(r"thruster", "Трастеры {w}", "kettlebell"),
    Movement(r"high pull", "Протяжка {g}", "kettlebell"),
    Movement(r"internal rotation", "Внутренняя ротация плеча {w}", None),
    Movement(r"external rotation", "Наружная ротация плеча {w}", None),
    Movement(r"box jump", "Запрыгивания на тумбу", None),
    Movement(r"long jump", "Прыжки в длину с места", None),
    Movement(r"depth jump", "Прыжки в глубину", None),
    Movement(r"jump|hops?\b|bound|leap", "Прыжки", None),
    Movement(r"sprint", "Спринт", None),
    Movement(r"throw|slam|chest pass", "Броски {g}", "medicine ball"),
    Movement(r"circles", "Круговые вращения", None),
    Movement(r"press", "Жим {g}", "barbell"),
]
STRETCH = Movement(r"", "Растяжка {muscle}")


def _equipment(name: str, field_value: str | None) -> str | None:
    for pattern, key in EQUIPMENT_WORDS:
        if re.search(pattern, name):
            return key
    return EQUIPMENT_FIELD.get(field_value or "")


def compose(raw: dict[str, Any]) -> str:
    """A Russian name from the English one, in Russian word order."""
    name = raw["name"].lower().replace("\u2019", "'")
    stretching = raw.get("category") == "stretching" and "smr" not in name
    movement = (
        STRETCH if stretching else next((m for m in MOVEMENTS if re.search(m.pattern, name)), None)
    )
    if movement is None:
        return ""
    key = _equipment(name, raw.get("equipment")) or movement.default
    one = bool(ONE_LIMB.search(name))
    implement = EQUIPMENT[key][1 if one else 0] if key else None
    muscles = raw.get("primaryMuscles") or []
    text = movement.template.format(
        g=implement.genitive if implement else "",
        w=implement.with_ if implement else "",
        i=implement.instrumental if implement else "",
        muscle=MUSCLES_GENITIVE.get(muscles[0], "мышц") if muscles else "мышц",
    )
    for pattern, words in MODIFIERS:
        if re.search(pattern, name) and words not in text and words not in movement.implied:
            text += " " + words
    return re.sub(r"\s+", " ", text).strip()


@cache
def free_exercise_db_names_ru() -> dict[str, str]:
    """The shipped Russian names by free-exercise-db id (what the importer stores)."""
    with NAMES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["id"]: row["name_ru"] for row in rows}


def read_curated(path: Path = CURATED_FILE) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["id"]: row["name_ru"] for row in rows}


def build(exercises: list[dict[str, Any]], curated: dict[str, str]) -> list[dict[str, str]]:
    rows = []
    for raw in exercises:
        ru, how = curated.get(raw["id"]), "curated"
        if not ru:
            ru, how = compose(raw), "glossary"
        rows.append({"id": raw["id"], "name_en": raw["name"], "name_ru": ru, "how": how})
    # Two different exercises with one composed name: keep them apart by the English one.
    counts = Counter(r["name_ru"] for r in rows)
    for row in rows:
        if row["how"] == "glossary" and counts[row["name_ru"]] > 1:
            row["name_ru"] = f"{row['name_ru']} ({row['name_en']})"
    return rows


def main(argv: list[str]) -> int:
    exercises = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    rows = build(exercises, read_curated())
    missing = [r["id"] for r in rows if not r["name_ru"]]
    if missing:
        print(f"no Russian name for {len(missing)}: {', '.join(missing)}", file=sys.stderr)
        return 1
    with NAMES_FILE.open("w", encoding="utf-8", newline="") as out:
        out.write("# Russian names of the free-exercise-db exercises (exercise_names_ru.py).\n")
        writer = csv.DictWriter(out, fieldnames=["id", "name_en", "name_ru", "how"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} names, {sum(r['how'] == 'curated' for r in rows)} curated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
