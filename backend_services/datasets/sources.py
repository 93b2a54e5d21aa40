"""Where each public dataset comes from: one table of official URLs and their checksums.

``sha256`` pins the exact file; ``None`` means no fixed file can be pinned (``why`` says why)
and the download is reported with its digest instead (``--sha256`` pins one by hand).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dataset:
    name: str
    url: str
    filename: str
    sha256: str | None
    licence: str
    why: str  # where the checksum comes from, or why there is none


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            name="sr28",
            url="https://www.ars.usda.gov/ARSUserFiles/80400535/DATA/SR/sr28/dnload/sr28asc.zip",
            filename="sr28asc.zip",
            sha256=None,
            licence="US public domain (USDA ARS)",
            why=(
                "not pinned yet: the project's reference copy is the unpacked release, not the "
                "archive, so the archive's digest is unknown here; the repository ships the "
                "same data compacted (backend_services/nutrition/data/sr28)"
            ),
        ),
        Dataset(
            name="off",
            url="https://static.openfoodfacts.org/data/en.openfoodfacts.org.products.csv.gz",
            filename="en.openfoodfacts.org.products.csv.gz",
            sha256=None,
            licence="ODbL 1.0, contents DbCL 1.0 (Open Food Facts contributors)",
            why="Open Food Facts rebuilds this export every day: there is no fixed file to pin",
        ),
        Dataset(
            name="exercises",
            url=(
                "https://raw.githubusercontent.com/yuhonas/free-exercise-db/"
                "177d8d5499d42bee540ba762041d0ebe7f427626/dist/exercises.json"
            ),
            filename="exercises.json",
            sha256="d68a817484964095e6af0be2cdcbcc2c2504168d1d190c7d5c725ce52f3ae1f4",
            licence="Unlicense (public domain)",
            why=(
                "digest of the project's reference copy (873 exercises), which has the size and "
                "content of dist/exercises.json at the pinned upstream commit"
            ),
        ),
    )
}
