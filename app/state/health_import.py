"""The import page's state: upload an export, follow its background job live, list imported
workouts with their provenance and undo a merge. Pure pieces: app/state/import_logic.py."""

from __future__ import annotations

import asyncio

import reflex as rx

from app import routes
from app.api.errors import ApiError
from app.api.health_imports import HealthImportsApi, ImportedWorkout, ImportJob
from app.i18n import tr
from app.state import import_logic as logic
from app.state.messages import explain
from app.state.preferences import PreferencesState
from app.state.session import SessionState

UPLOAD_ID = "health-export"
POLL_SECONDS = 1.0
MAX_POLLS = 3600  # an hour: a job still running then is shown as still running


class HealthImportState(SessionState):
    uploading: bool = False
    upload_error: str = ""
    job_id: str = ""
    job_file: str = ""
    job_provider: str = ""
    job_status: str = ""
    progress_text: str = ""
    progress_pct: int = 0
    report: list[logic.ReportLine] = []
    job_error: str = ""

    loading: bool = False
    load_error: str = ""
    rows: list[logic.ImportedRow] = []
    merges: list[logic.MergeRow] = []
    separating: str = ""  # the external id being split off
    merge_notice: str = ""
    merge_error: str = ""

    @rx.event
    async def load(self):
        if not self.signed_in:
            return None
        self.merge_notice = self.merge_error = ""
        return await self._refresh()

    async def _refresh(self) -> rx.event.EventSpec | None:
        self.loading = True
        self.load_error = ""
        try:
            workouts = await HealthImportsApi(self.api()).imported_workouts()
        except ApiError as error:
            self.load_error = explain(error)[0]
            return self.handle(error)
        finally:
            self.loading = False
        await self._show(workouts)
        return None

    async def _show(self, workouts: tuple[ImportedWorkout, ...]) -> None:
        units = (await self.get_state(PreferencesState)).units
        language = self.language
        self.rows = [logic.imported_row(w, units, routes.workout(w.id), language) for w in workouts]
        self.merges = logic.merge_rows(workouts, language)

    def _show_job(self, job: ImportJob) -> None:
        self.job_id, self.job_file, self.job_status = job.id, job.file_name, job.status
        self.job_provider = logic.PROVIDER_LABELS.get(job.provider, job.provider)
        language = self.language
        self.progress_text = logic.progress_words(job, language)
        self.progress_pct = logic.progress_percent(job)
        self.report = logic.report_lines(job.report, language) if job.status == "succeeded" else []
        self.job_error = logic.failure_words(job.error, language) if job.status == "failed" else ""

    @rx.event
    def rejected(self, rejections: list[dict]):
        self.upload_error = logic.rejection_words(rejections, self.language)

    @rx.event
    async def handle_upload(self, files: list[rx.UploadFile]):
        self.upload_error = ""
        if len(files) != 1:
            self.upload_error = tr(self.language, "Choose one export file.")
            return None
        upload = files[0]
        name = upload.filename or "export"
        provider = logic.provider_of(name, logic.zip_member_names(upload.file))
        if provider is None:
            self.upload_error = logic.not_an_export(self.language)
            return None
        self.uploading = True
        try:
            job = await HealthImportsApi(self.api()).upload(provider, name, upload.file)
        except ApiError as error:
            self.upload_error = explain(error)[0]
            return self.handle(error)
        finally:
            self.uploading = False
        self._show_job(job)
        return HealthImportState.watch_job

    @rx.event(background=True)
    async def watch_job(self):
        """Polls the job until it ends, showing each step; then lists what was imported."""
        async with self:
            job_id, api = self.job_id, HealthImportsApi(self.api())
        for _ in range(MAX_POLLS):
            await asyncio.sleep(POLL_SECONDS)
            try:
                job = await api.job(job_id)
            except ApiError as error:
                async with self:
                    self.job_error = explain(error)[0]
                    return self.handle(error)
            async with self:
                if self.job_id != job_id:
                    return None  # another upload replaced this one
                self._show_job(job)
                if job.finished:
                    return await self._refresh()
        return None

    @rx.event
    async def undo_merge(self, workout_id: str, external_id: str):
        self.separating = external_id
        self.merge_notice = self.merge_error = ""
        yield
        try:
            api = HealthImportsApi(self.api())
            separated = await api.separate(workout_id, external_id)
            workouts = await api.imported_workouts()
        except ApiError as error:
            self.merge_error = explain(error)[0]
            yield self.handle(error)
            return
        finally:
            self.separating = ""
        await self._show(workouts)
        self.merge_notice = tr(
            self.language,
            "Separated: {name} is its own workout again and counts in your totals.",
            name=separated.name,
        )
