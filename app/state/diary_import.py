"""The diary-import page's state: upload a MyFitnessPal or Cronometer export, review the rows
that did not match, import them. Pure pieces: app/state/diary_import_logic.py."""

from __future__ import annotations

import reflex as rx

from app.api.diary_imports import DiaryImport, DiaryImportsApi
from app.api.errors import ApiError
from app.i18n import tr
from app.state import diary_import_logic as logic
from app.state.import_logic import ReportLine
from app.state.messages import explain
from app.state.session import SessionState

UPLOAD_ID = "diary-export"
REJECTED_SHOWN = 5


class DiaryImportState(SessionState):
    uploading: bool = False
    upload_error: str = ""
    import_id: str = ""
    source: str = ""
    file_name: str = ""
    status: str = ""  # "review" | "imported"
    summary: list[ReportLine] = []
    rejected: list[str] = []
    review: list[logic.ReviewRow] = []
    review_total: int = 0
    matched: list[logic.MatchedRow] = []
    others: str = logic.SKIP  # review rows beyond the listed ones
    importing: bool = False
    import_error: str = ""
    report: list[ReportLine] = []

    @rx.var
    def more_to_review(self) -> bool:
        return self.review_total > len(self.review)

    @rx.event
    def load(self):
        self.upload_error = self.import_error = ""

    def _show(self, job: DiaryImport) -> None:
        language = self.language
        self.import_id, self.file_name, self.status = job.id, job.file_name, job.status
        self.source = logic.SOURCE_LABELS.get(job.source, job.source)
        self.summary = logic.summary_lines(job, language)
        self.rejected = logic.rejected_words(job.rejected[:REJECTED_SHOWN], language)
        self.review = logic.review_rows(job, language) if job.status == "review" else []
        self.review_total = job.summary.get("review", 0) if job.status == "review" else 0
        self.matched = logic.matched_rows(job, language) if job.status == "review" else []
        self.report = logic.report_lines(job.report, language) if job.report else []

    @rx.event
    def rejected_file(self, rejections: list[dict]):
        self.upload_error = logic.rejection_words(rejections, self.language)

    @rx.event
    async def handle_upload(self, files: list[rx.UploadFile]):
        self.upload_error = self.import_error = ""
        if len(files) != 1:
            self.upload_error = tr(self.language, "Choose one export file.")
            return None
        upload = files[0]
        self.uploading = True
        try:
            content = await upload.read()
            job = await DiaryImportsApi(self.api()).upload(upload.filename or "export.csv", content)
        except ApiError as error:
            language = self.language
            self.upload_error = (
                logic.file_refusal(error.code, language) or (explain(error, language)[0])
            )
            return self.handle(error)
        finally:
            self.uploading = False
        self._show(job)
        return None

    @rx.event
    def choose(self, key: str, value: str):
        self.review = logic.chosen(self.review, key, value)

    @rx.event
    def set_others(self, value: str):
        if value in (logic.SKIP, logic.STATED):
            self.others = value

    @rx.event
    async def run_import(self):
        if not self.import_id or self.status != "review":
            return None
        self.importing = True
        self.import_error = ""
        try:
            api = DiaryImportsApi(self.api())
            job = await api.run(self.import_id, logic.decisions(self.review), self.others)
        except ApiError as error:
            self.import_error = explain(error, self.language)[0]
            return self.handle(error)
        finally:
            self.importing = False
        self._show(job)
        return None
