"""The Strong/Hevy part of the import page: upload a CSV export, follow its job, answer the
review of unmatched exercise names, see the report. Pure pieces: strength_import_logic.py."""

from __future__ import annotations

import asyncio

import reflex as rx

from app.api.errors import ApiError
from app.api.strength_imports import StrengthImportJob, StrengthImportsApi
from app.api.workouts import Exercise, WorkoutsApi
from app.i18n import tr
from app.state import strength_import_logic as logic
from app.state.health_import import HealthImportState
from app.state.import_logic import ReportLine, failure_words
from app.state.messages import explain
from app.state.preferences import PreferencesState
from app.state.session import SessionState
from app.state.workouts import user_utc_offset

UPLOAD_ID = "strength-export"
POLL_SECONDS = 1.0
MAX_POLLS = 900
CATALOG_SIZE = 100  # the built-in exercises come first, then the rest by name


class StrengthImportState(SessionState):
    app: str = "strong"
    weight_unit: str = "kg"
    uploading: bool = False
    upload_error: str = ""
    job_id: str = ""
    job_file: str = ""
    job_app: str = ""
    job_status: str = ""
    progress_text: str = ""
    progress_pct: int = 0
    job_error: str = ""
    report: list[ReportLine] = []
    review: list[logic.ReviewRow] = []
    submitting: bool = False
    review_error: str = ""

    @rx.event
    async def set_app(self, app: str):
        if app in logic.APP_LABELS:
            self.app = app
        if app == "strong":
            units = (await self.get_state(PreferencesState)).units
            self.weight_unit = "lb" if units == "imperial" else "kg"

    @rx.event
    def set_weight_unit(self, unit: str):
        if unit in logic.WEIGHT_UNITS:
            self.weight_unit = unit

    @rx.event
    def rejected(self, rejections: list[dict]):
        self.upload_error = logic.rejection_words(rejections, self.language)

    @rx.event
    def choose(self, name: str, value: str):
        self.review = logic.choose(self.review, name, value)

    def _show_job(self, job: StrengthImportJob, catalog: tuple[Exercise, ...] = ()) -> None:
        """The job as it stands; ``catalog``: what a review's names may become."""
        language = self.language
        self.job_id, self.job_file, self.job_status = job.id, job.file_name, job.status
        self.job_app = logic.APP_LABELS.get(job.app, job.app)
        self.progress_text = logic.progress_words(job, language)
        self.progress_pct = logic.progress_percent(job)
        succeeded = job.status == "succeeded"
        self.report = logic.report_lines(job.counts, language) if succeeded else []
        self.job_error = failure_words(job.error, language) if job.status == "failed" else ""
        if not job.waiting_for_review:
            self.review = []
        elif not self.review:
            self.review = logic.review_rows(job, catalog, language)

    @rx.event
    async def handle_upload(self, files: list[rx.UploadFile]):
        self.upload_error = self.review_error = ""
        if len(files) != 1:
            self.upload_error = tr(self.language, "Choose one export file.")
            return None
        upload = files[0]
        self.uploading = True
        try:
            api = StrengthImportsApi(self.api())
            job = await api.upload(
                self.app,
                upload.filename or f"{self.app}.csv",
                upload.file,
                weight_unit=self.weight_unit,
                utc_offset_minutes=await user_utc_offset(self.api()),
            )
            self.review = []
            self._show_job(job)
        except ApiError as error:
            self.upload_error = explain(error)[0]
            return self.handle(error)
        finally:
            self.uploading = False
        return StrengthImportState.watch_job

    @rx.event
    async def finish_review(self):
        self.review_error = ""
        self.submitting = True
        try:
            api = StrengthImportsApi(self.api())
            job = await api.review(self.job_id, logic.choices(self.review))
            self._show_job(job)
        except ApiError as error:
            self.review_error = explain(error)[0]
            return self.handle(error)
        finally:
            self.submitting = False
        return StrengthImportState.watch_job

    @rx.event(background=True)
    async def watch_job(self):
        """Polls the job until it ends or waits for the review; then refreshes the list of
        imported workouts beside it."""
        async with self:
            job_id, authorized = self.job_id, self.api()
        api = StrengthImportsApi(authorized)
        for _ in range(MAX_POLLS):
            await asyncio.sleep(POLL_SECONDS)
            catalog: tuple[Exercise, ...] = ()
            try:
                job = await api.job(job_id)
                if job.waiting_for_review:
                    catalog = await WorkoutsApi(authorized).search_exercises(limit=CATALOG_SIZE)
            except ApiError as error:
                async with self:
                    self.job_error = explain(error)[0]
                    return self.handle(error)
            async with self:
                if self.job_id != job_id:
                    return None  # another upload replaced this one
                self._show_job(job, catalog)
                if job.waiting_for_review:
                    return None
                if job.finished:
                    return HealthImportState.load
        return None
