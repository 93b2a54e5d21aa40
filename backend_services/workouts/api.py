"""HTTP routes under /api/workouts: parse, call one use case, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status
from pydantic import BaseModel

from backend_services.kernel.business_metrics import WORKOUTS_COMPLETED
from backend_services.kernel.dates import IsoDate
from backend_services.kernel.errors import error_responses, refusals
from backend_services.kernel.identity import CurrentUser

from . import account_import, schemas
from .importers.merge import separate
from .models import (
    ID_PATTERN,
    CustomExerciseCreate,
    ExerciseOrder,
    ProgramCreate,
    SeparateSession,
    SetIn,
    SetPatch,
    WorkoutComplete,
    WorkoutCreate,
    WorkoutExerciseIn,
    WorkoutPatch,
    public,
)
from .program_service import ProgramService
from .reports import ReportService
from .service import WorkoutService

# Conflicts: a reused Idempotency-Key, a completed workout, a concurrent change.
router = APIRouter(
    prefix="/api/workouts", tags=["workouts"], responses=error_responses(401, 404, 409)
)

Id = Annotated[str, Path(pattern=ID_PATTERN)]
Filter = Annotated[str | None, Query(max_length=60, pattern=r"^[A-Za-z0-9 ._\-]*$")]
# search text: letters and digits of any script (Russian exercise names), spaces, ". _ -"
SearchText = Annotated[str | None, Query(max_length=60, pattern=r"^[\w .\-]*$")]
IdempotencyKey = Annotated[
    str | None, Header(alias="Idempotency-Key", pattern=r"^[A-Za-z0-9:_\-]{1,100}$")
]


def answers(model: type[BaseModel]) -> dict[str, Any]:
    """A route's response model. Fields only some documents carry (an imported workout's
    ``external_id``) are left out when unset, as the stored document has them."""
    return {"response_model": model, "response_model_exclude_unset": True}


def _service(request: Request) -> WorkoutService:
    return request.app.state.workout_service


def _programs(request: Request) -> ProgramService:
    return request.app.state.program_service


def _reports(request: Request) -> ReportService:
    return request.app.state.report_service


Service = Annotated[WorkoutService, Depends(_service)]
Programs = Annotated[ProgramService, Depends(_programs)]
Reports = Annotated[ReportService, Depends(_reports)]


# ---------------------------------------------------------------- exercises
@router.get("/exercises", **answers(schemas.Exercises))
def search_exercises(
    principal: CurrentUser,
    service: Service,
    q: SearchText = None,
    muscle: Filter = None,
    equipment: Filter = None,
    category: Filter = None,
    kind: Annotated[str | None, Query(pattern="^(strength|cardio|sport|flexibility)$")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> dict[str, Any]:
    found = service.search_exercises(principal.user_id, q, muscle, equipment, category, kind, limit)
    return {"items": [public(d) for d in found]}


@router.post("/exercises", status_code=status.HTTP_201_CREATED, **answers(schemas.Exercise))
def create_exercise(
    body: CustomExerciseCreate, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return public(service.create_custom_exercise(principal.user_id, body))


@router.get("/exercises/{exercise_id}", **answers(schemas.Exercise))
def get_exercise(exercise_id: Id, principal: CurrentUser, service: Service) -> dict[str, Any]:
    return public(service.get_exercise(principal.user_id, exercise_id))


@router.delete("/exercises/{exercise_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_exercise(exercise_id: Id, principal: CurrentUser, service: Service) -> Response:
    service.delete_custom_exercise(principal.user_id, exercise_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------- workouts
@router.post(
    "/workouts",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "Replayed: this Idempotency-Key already started it."}},
    **answers(schemas.Workout),
)
def start_workout(
    body: WorkoutCreate,
    principal: CurrentUser,
    service: Service,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> dict[str, Any]:
    doc, created = service.start_workout(principal.user_id, body, idempotency_key)
    if not created:
        response.status_code = status.HTTP_200_OK
        response.headers["Idempotent-Replayed"] = "true"
    return public(doc)


@router.get("/workouts", **answers(schemas.Workouts))
def list_workouts(
    principal: CurrentUser,
    service: Service,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    date_to: Annotated[IsoDate | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    found = service.list_workouts(principal.user_id, date_from, date_to, limit)
    return {"items": [public(d) for d in found]}


@router.get("/workouts/{workout_id}", **answers(schemas.Workout))
def get_workout(workout_id: Id, principal: CurrentUser, service: Service) -> dict[str, Any]:
    return public(service.get_workout(principal.user_id, workout_id))


@router.patch("/workouts/{workout_id}", **answers(schemas.Workout))
def update_workout(
    workout_id: Id, body: WorkoutPatch, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return public(service.update_workout(principal.user_id, workout_id, body))


@router.delete("/workouts/{workout_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_workout(workout_id: Id, principal: CurrentUser, service: Service) -> Response:
    service.delete_workout(principal.user_id, workout_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/workouts/{workout_id}/exercises",
    status_code=status.HTTP_201_CREATED,
    **answers(schemas.Workout),
)
def add_exercise(
    workout_id: Id, body: WorkoutExerciseIn, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return public(service.add_exercise(principal.user_id, workout_id, body))


@router.delete("/workouts/{workout_id}/exercises/{entry_id}", **answers(schemas.Workout))
def remove_exercise(
    workout_id: Id, entry_id: Id, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return public(service.remove_exercise(principal.user_id, workout_id, entry_id))


@router.put("/workouts/{workout_id}/exercise-order", **answers(schemas.Workout))
def reorder_exercises(
    workout_id: Id, body: ExerciseOrder, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    """The exercises of a workout in progress in a new order (each entry id once)."""
    return public(service.reorder_exercises(principal.user_id, workout_id, body))


@router.post(
    "/workouts/{workout_id}/exercises/{entry_id}/sets", status_code=201, **answers(schemas.Workout)
)
def add_set(
    workout_id: Id, entry_id: Id, body: SetIn, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return public(service.add_set(principal.user_id, workout_id, entry_id, body))


@router.patch(
    "/workouts/{workout_id}/exercises/{entry_id}/sets/{set_id}", **answers(schemas.Workout)
)
def update_set(
    workout_id: Id,
    entry_id: Id,
    set_id: Id,
    body: SetPatch,
    principal: CurrentUser,
    service: Service,
) -> dict[str, Any]:
    return public(service.update_set(principal.user_id, workout_id, entry_id, set_id, body))


@router.delete(
    "/workouts/{workout_id}/exercises/{entry_id}/sets/{set_id}", **answers(schemas.Workout)
)
def remove_set(
    workout_id: Id, entry_id: Id, set_id: Id, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    return public(service.remove_set(principal.user_id, workout_id, entry_id, set_id))


@router.post("/workouts/{workout_id}/complete", **answers(schemas.Workout))
def complete_workout(
    workout_id: Id,
    principal: CurrentUser,
    service: Service,
    body: WorkoutComplete | None = None,
) -> dict[str, Any]:
    completed = service.complete_workout(principal.user_id, workout_id, body or WorkoutComplete())
    WORKOUTS_COMPLETED.labels("app").inc()
    return public(completed)


@router.post(
    "/workouts/{workout_id}/separate",
    status_code=status.HTTP_201_CREATED,
    **answers(schemas.Workout),
)
def separate_merged_session(
    workout_id: Id, body: SeparateSession, principal: CurrentUser, service: Service
) -> dict[str, Any]:
    """Undo a merge: the session ``merged[]`` lists under this external id becomes its own
    workout (and counts in the statistics); answers the new workout."""
    return public(
        separate(service.repo, principal.user_id, workout_id, body.external_id, service.clock())
    )


# ---------------------------------------------------------------- the account's export
@router.get("/export", **answers(account_import.WorkoutsExport))
def export_library(principal: CurrentUser, service: Service, programs: Programs) -> dict[str, Any]:
    """The part of a FitLedger export beside the workouts (``GET /workouts``): custom
    exercises and own programs."""
    own = [public(p) for p in programs.list_programs(principal.user_id)]
    return account_import.export_library(service.repo, principal.user_id, own)


@router.post(
    "/import",
    responses=refusals(
        exercises="every exercise named is in the file or in the catalog",
        workouts="every number storable (integers of 64 bits)",
    ),
    **answers(account_import.WorkoutsImported),
)
def import_export(
    body: account_import.WorkoutsImport, principal: CurrentUser, service: Service
) -> dict[str, int]:
    """The workouts part of a FitLedger export into the caller's account; every exercise it
    names must exist (422 before any write); the same file again adds nothing."""
    return account_import.import_workouts(service.repo, principal.user_id, body, service.clock())


# ---------------------------------------------------------------- programs, progress, summary
@router.get("/programs", **answers(schemas.Programs))
def list_programs(principal: CurrentUser, programs: Programs) -> dict[str, Any]:
    return {"items": [public(p) for p in programs.list_programs(principal.user_id)]}


@router.post("/programs", status_code=status.HTTP_201_CREATED, **answers(schemas.Program))
def create_program(
    body: ProgramCreate, principal: CurrentUser, programs: Programs
) -> dict[str, Any]:
    """A program of your own: days of strength exercises with sets x reps, a starting weight
    and the progression (kg added after a session with every target rep, or a % of e1RM)."""
    return public(programs.create_program(principal.user_id, body))


@router.put("/programs/{program_id}", **answers(schemas.Program))
def update_program(
    program_id: Id, body: ProgramCreate, principal: CurrentUser, programs: Programs
) -> dict[str, Any]:
    return public(programs.update_program(principal.user_id, program_id, body))


@router.delete("/programs/{program_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_program(program_id: Id, principal: CurrentUser, programs: Programs) -> Response:
    programs.delete_program(principal.user_id, program_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/programs/{program_id}", **answers(schemas.Program))
def get_program(program_id: Id, principal: CurrentUser, programs: Programs) -> dict[str, Any]:
    return public(programs.get_program(principal.user_id, program_id))


@router.post(
    "/programs/{program_id}/start", status_code=status.HTTP_201_CREATED, **answers(schemas.Workout)
)
def start_program_workout(
    program_id: Id, principal: CurrentUser, programs: Programs
) -> dict[str, Any]:
    return public(programs.start_workout(principal.user_id, program_id))


@router.get("/progress/{exercise_id}", **answers(schemas.Progress))
def progress(
    exercise_id: Id,
    principal: CurrentUser,
    reports: Reports,
    date_from: Annotated[IsoDate | None, Query(alias="from")] = None,
) -> dict[str, Any]:
    """Sessions on or after ``from`` (default: the last two years)."""
    return reports.progress(principal.user_id, exercise_id, date_from)


@router.get(
    "/summary",
    responses=refusals(
        **{"from": "on or before `to`"}, to="at most 732 days (two years) after `from`"
    ),
    **answers(schemas.Summary),
)
def summary(
    principal: CurrentUser,
    reports: Reports,
    date_from: Annotated[IsoDate, Query(alias="from")],
    date_to: Annotated[IsoDate, Query(alias="to")],
) -> dict[str, Any]:
    return reports.summary(principal.user_id, date_from, date_to)
