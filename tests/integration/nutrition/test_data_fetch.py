"""``fitledger data fetch``: downloads from a loopback HTTP server serving fixture archives
(tests/integration/file_server.py), resumed, verified, refused, and the SR28 import."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from file_server import Files, data_fetch, serve, sha
from nutrition_fixtures import (
    SR28_SAMPLE,
    private_nutrition_database,
    scalar,
)

from backend_services.datasets.download import (
    ChecksumMismatch,
    DownloadError,
    download,
    part_path,
)
from backend_services.datasets.fetch import UnusableArchive, fetch
from backend_services.datasets.sources import DATASETS

DB_NAME = "fitledger_test_data_fetch"


@pytest.fixture
def server() -> Iterator[tuple[str, Files]]:
    with serve() as served:
        yield served


@pytest.fixture(scope="module")
def sr28_zip() -> bytes:
    """The SR28 sample packed as the release is: text files in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(SR28_SAMPLE.iterdir()):
            if path.suffix == ".gz":  # the release's NUT_DATA is plain text
                zipped.writestr(path.stem, gzip.decompress(path.read_bytes()))
            else:
                zipped.write(path, path.name)
    return buffer.getvalue()


@pytest.fixture
def database() -> Iterator[str]:
    with private_nutrition_database(DB_NAME) as url:
        yield url


def test_fetch_sr28_downloads_verifies_and_imports(
    server: tuple[str, Files], sr28_zip: bytes, database: str, tmp_path: Path
) -> None:
    base, files = server
    files.content["/sr28asc.zip"] = sr28_zip
    result = data_fetch(
        "sr28", tmp_path, f"{base}/sr28asc.zip", sha(sr28_zip), "--database-url", database
    )
    assert result.exit_code == 0, result.output
    assert "sha256 verified" in result.output
    assert (tmp_path / "sr28asc.zip").read_bytes() == sr28_zip
    assert (tmp_path / "sr28" / "NUT_DATA.txt").exists()
    assert scalar(database, "SELECT count(*) FROM nutrition.foods") == 302
    energy = scalar(database, "SELECT energy_kcal FROM nutrition.foods WHERE source_id = '09003'")
    assert str(energy) == "52.000"


def test_an_interrupted_download_resumes_where_it_stopped(
    server: tuple[str, Files], sr28_zip: bytes, tmp_path: Path
) -> None:
    base, files = server
    files.content["/a.zip"] = sr28_zip
    half = len(sr28_zip) // 2
    files.cut_first_after = half
    target = tmp_path / "a.zip"
    with pytest.raises(DownloadError, match="run the same command again to resume"):
        download(f"{base}/a.zip", target, sha256=sha(sr28_zip))
    assert not target.exists()
    assert part_path(target).stat().st_size == half
    seen: list[tuple[int, int | None]] = []
    digest = download(
        f"{base}/a.zip", target, sha256=sha(sr28_zip), progress=lambda *p: seen.append(p)
    )
    assert files.ranges == [None, f"bytes={half}-"]
    assert digest == sha(sr28_zip)
    assert target.read_bytes() == sr28_zip
    assert not part_path(target).exists()
    assert seen[0][0] > half and seen[-1] == (len(sr28_zip), len(sr28_zip))


def test_a_server_that_ignores_ranges_restarts_the_file(
    server: tuple[str, Files], sr28_zip: bytes, tmp_path: Path
) -> None:
    base, files = server
    files.content["/a.zip"] = sr28_zip
    files.ignore_range = True
    target = tmp_path / "a.zip"
    part_path(target).write_bytes(b"not the start of the file")
    assert download(f"{base}/a.zip", target, sha256=sha(sr28_zip)) == sha(sr28_zip)
    assert files.ranges == ["bytes=25-"]
    assert target.read_bytes() == sr28_zip


def test_a_part_that_is_already_whole_is_finished_without_a_body(
    server: tuple[str, Files], sr28_zip: bytes, tmp_path: Path
) -> None:
    base, files = server
    files.content["/a.zip"] = sr28_zip
    target = tmp_path / "a.zip"
    part_path(target).write_bytes(sr28_zip)  # stopped between the last byte and the rename
    assert download(f"{base}/a.zip", target, sha256=sha(sr28_zip)) == sha(sr28_zip)
    assert files.ranges == [f"bytes={len(sr28_zip)}-"]
    assert target.read_bytes() == sr28_zip


def test_a_checksum_mismatch_keeps_and_imports_nothing(
    server: tuple[str, Files], sr28_zip: bytes, database: str, tmp_path: Path
) -> None:
    base, files = server
    files.content["/sr28asc.zip"] = sr28_zip
    wrong = sha(b"another file")
    with pytest.raises(ChecksumMismatch, match=wrong):
        download(f"{base}/sr28asc.zip", tmp_path / "x.zip", sha256=wrong)
    assert list(tmp_path.iterdir()) == []
    result = data_fetch("sr28", tmp_path, f"{base}/sr28asc.zip", wrong, "--database-url", database)
    assert result.exit_code == 2
    assert "not fetched" in result.output and "expected " + wrong in result.output
    assert list(tmp_path.iterdir()) == []
    assert scalar(database, "SELECT count(*) FROM nutrition.foods") == 0


def test_an_earlier_download_that_no_longer_matches_is_fetched_again(
    server: tuple[str, Files], tmp_path: Path
) -> None:
    base, files = server
    files.content["/exercises.json"] = b"[]\n"
    target = tmp_path / "exercises.json"
    target.write_bytes(b"[damaged")
    assert download(f"{base}/exercises.json", target, sha256=sha(b"[]\n")) == sha(b"[]\n")
    assert target.read_bytes() == b"[]\n"


def test_an_archive_that_is_not_the_release_is_refused(
    server: tuple[str, Files], tmp_path: Path
) -> None:
    base, files = server
    files.content["/sr28asc.zip"] = b"<html>moved</html>"
    with pytest.raises(UnusableArchive, match="not a zip archive"):
        fetch(DATASETS["sr28"], tmp_path, url=f"{base}/sr28asc.zip", sha256=None)


def test_http_errors_are_reported(server: tuple[str, Files], tmp_path: Path) -> None:
    base, _ = server
    with pytest.raises(DownloadError, match="HTTP 404"):
        download(f"{base}/missing.zip", tmp_path / "m.zip", sha256=None)
