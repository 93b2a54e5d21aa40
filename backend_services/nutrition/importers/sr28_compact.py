"""The compact SR28 the repository ships: the release's ASCII layout, only what the importer reads.

``read_sr28`` uses five of the release's files and a few columns of each; the compact copy keeps
exactly those (NUT_DATA: NDB_No, Nutr_No, Nutr_Val; FOOD_DES: the first seven columns with the
unused short description emptied; WEIGHT: the first five), every file gzip-compressed (about
3 MB instead of 24 MB), so the same importer reads both. The output is
deterministic (no timestamps in the gzip headers): rebuilding from the release gives the same
bytes, which a test checks when the release is configured (``FOOD_DATA_DIR``).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

from .sr28 import find, open_text

SHIPPED_SR28 = Path(__file__).resolve().parents[1] / "data" / "sr28"


def _food_des(fields: list[str]) -> list[str]:
    # NDB_No, FdGrp_Cd, Long_Desc, ComName (aliases), ManufacName, Survey (commonly eaten);
    # Shrt_Desc is not imported.
    return [*fields[:3], "~~", *fields[4:7]]


# file -> what to keep of a line's ``^``-separated fields (quotes included)
COLUMNS: dict[str, Callable[[list[str]], list[str]]] = {
    "FD_GROUP.txt": lambda f: f[:2],
    "NUTR_DEF.txt": lambda f: f[:4],
    "FOOD_DES.txt": _food_des,
    "WEIGHT.txt": lambda f: f[:5],
    "NUT_DATA.txt": lambda f: f[:3],
}


def compact_sr28(release: Path, target: Path) -> list[Path]:
    """Write the compact copy of the SR28 release folder ``release`` into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, keep in COLUMNS.items():
        out = target / f"{name}.gz"
        with (
            open_text(find(release, name)) as src,
            out.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz,
        ):
            for line in src:
                line = line.rstrip("\r\n")
                if line:
                    gz.write(("^".join(keep(line.split("^"))) + "\r\n").encode("latin-1"))
        written.append(out)
    return written
