"""Download a dataset (resumably, verified) and prepare it for its importer."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from .download import Progress, download
from .sources import Dataset


class UnusableArchive(Exception):
    """The file arrived but is not what the importer reads."""


def fetch(
    dataset: Dataset,
    dest: Path,
    *,
    url: str | None = None,
    sha256: str | None = None,
    progress: Progress | None = None,
) -> tuple[Path, str]:
    """Download ``dataset`` into ``dest``; returns (what to import, the file's sha256).

    ``url`` and ``sha256`` replace the table's (a mirror, a pin of one's own).
    """
    archive = dest / dataset.filename
    digest = download(
        url or dataset.url, archive, sha256=sha256 or dataset.sha256, progress=progress
    )
    if dataset.name == "sr28":
        return unpack_sr28(archive, dest / "sr28"), digest
    return archive, digest


def unpack_sr28(archive: Path, folder: Path) -> Path:
    """The release's text files from ``sr28asc.zip``, flat in ``folder`` (no paths kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [
                m
                for m in zipped.infolist()
                if not m.is_dir() and m.filename.lower().endswith(".txt")
            ]
            if not members:
                raise UnusableArchive(f"{archive}: no .txt files (not the sr28asc.zip layout)")
            for member in members:
                name = Path(member.filename).name  # never a path from the archive
                with zipped.open(member) as src, (folder / name).open("wb") as out:
                    shutil.copyfileobj(src, out)
    except zipfile.BadZipFile as exc:
        raise UnusableArchive(f"{archive}: not a zip archive ({exc})") from exc
    return folder
