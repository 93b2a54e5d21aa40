"""The version of FitLedger's own export (docs/export-format.md): the services' export parts
say it, and their import routes accept only it (another version is a 422)."""

from __future__ import annotations

from typing import Literal

EXPORT_FORMAT = "fitledger-export/1"
ExportFormat = Literal["fitledger-export/1"]
