"""Resumable HTTP download with a checksum: ``<file>.part`` grows until it is whole and verified.

An interrupted download keeps its ``.part``; the next call asks for the rest with an HTTP
``Range`` request (a server that ignores it sends the whole file again, and the part starts
over). Only a verified file gets its final name; a checksum mismatch deletes the part.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import httpx

# (bytes so far, total bytes or None when the server does not say)
Progress = Callable[[int, int | None], None]


class DownloadError(Exception):
    """The download did not finish; what is on disk can be resumed."""


class ChecksumMismatch(DownloadError):
    """The whole file arrived but is not the one pinned; nothing was kept."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def part_path(target: Path) -> Path:
    return target.with_name(target.name + ".part")


def download(
    url: str,
    target: Path,
    *,
    sha256: str | None,
    progress: Progress | None = None,
    timeout: float = 60.0,
) -> str:
    """Fetch ``url`` into ``target`` (resuming a partial download); returns the sha256."""
    if target.exists():
        digest = file_sha256(target)
        if sha256 is None or digest == sha256:
            return digest
        target.unlink()  # a stale or damaged earlier download
    target.parent.mkdir(parents=True, exist_ok=True)
    part = part_path(target)
    offset = part.stat().st_size if part.exists() else 0
    try:
        _receive(url, part, offset, progress, timeout)
    except httpx.HTTPError as exc:
        have = part.stat().st_size if part.exists() else 0
        raise DownloadError(
            f"{url}: interrupted after {have} bytes ({type(exc).__name__}: {exc}); "
            "run the same command again to resume"
        ) from exc
    digest = file_sha256(part)
    if sha256 is not None and digest != sha256:
        part.unlink()
        raise ChecksumMismatch(f"{url}: sha256 {digest}, expected {sha256}; nothing was kept")
    part.replace(target)
    return digest


def _receive(url: str, part: Path, offset: int, progress: Progress | None, timeout: float) -> None:
    # Ranges count the bytes as sent: ask for no transfer encoding and store the raw bytes.
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    with httpx.stream(
        "GET", url, headers=headers, follow_redirects=True, timeout=timeout
    ) as response:
        if response.status_code == 416 and offset:
            return  # nothing after what we have: the part is whole (the checksum decides)
        if response.status_code == 206 and offset and _starts_at(response, offset):
            mode = "ab"
        elif response.status_code == 200:
            offset, mode = 0, "wb"
        else:
            raise DownloadError(f"{url}: HTTP {response.status_code}")
        length = response.headers.get("Content-Length")
        total = offset + int(length) if length and length.isdigit() else None
        done = offset
        with part.open(mode) as out:
            for chunk in response.iter_raw():  # as it arrives: an interruption loses nothing
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)


def _starts_at(response: httpx.Response, offset: int) -> bool:
    return response.headers.get("Content-Range", "").startswith(f"bytes {offset}-")
