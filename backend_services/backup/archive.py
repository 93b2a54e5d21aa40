"""The backup archive: a gzip'd tar of data files and ``manifest.json``, which lists every
file with its SHA-256. Reading verifies the whole archive before anything is restored."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class BackupError(RuntimeError):
    """The archive or the stores do not allow this backup or restore; says why."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class ArchiveWriter:
    """Collects data files in ``workdir``, then packs them with their manifest."""

    workdir: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # archive name -> sha256

    def path_for(self, name: str) -> Path:
        path = self.workdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def added(self, name: str) -> str:
        """Record a file written at ``path_for(name)``; returns its checksum."""
        self.files[name] = sha256_of(self.workdir / name)
        return self.files[name]

    def write(self, target: Path) -> None:
        manifest = {"format": FORMAT, **self.manifest, "files": self.files}
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name in sorted(self.files):
                tar.add(self.workdir / name, arcname=name, recursive=False)
        partial.replace(target)  # a crash mid-write never leaves a truncated archive


class ArchiveReader:
    """An opened archive whose every file matched its checksum."""

    def __init__(self, tar: tarfile.TarFile, manifest: dict[str, Any]):
        self.tar, self.manifest = tar, manifest

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:
        with _regular_file(self.tar, self.tar.getmember(name)) as file:
            yield file


@contextmanager
def read_archive(path: Path) -> Iterator[ArchiveReader]:
    try:
        tar = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{path} is not a FitLedger backup archive: {exc}") from exc
    with tar:
        manifest = _manifest(tar, path)
        _verify(tar, manifest)
        yield ArchiveReader(tar, manifest)


def _manifest(tar: tarfile.TarFile, path: Path) -> dict[str, Any]:
    try:
        member = tar.extractfile(MANIFEST)
        manifest: dict[str, Any] = json.load(member) if member else {}
    except (KeyError, ValueError, tarfile.TarError) as exc:
        raise BackupError(f"{path} has no readable {MANIFEST}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"archive format {manifest.get('format')!r}; this release reads {FORMAT}")
    return manifest


def _verify(tar: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    try:
        members = {m.name: m for m in tar.getmembers() if m.name != MANIFEST}
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"the archive is damaged: {exc}") from exc
    expected: dict[str, str] = manifest.get("files", {})
    if set(members) != set(expected):
        missing, extra = set(expected) - set(members), set(members) - set(expected)
        raise BackupError(f"the archive's files differ from its manifest: {missing=} {extra=}")
    for name, checksum in expected.items():
        digest = hashlib.sha256()
        with _regular_file(tar, members[name]) as file:
            while chunk := file.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != checksum:
            raise BackupError(f"{name} does not match its checksum: the archive is damaged")


def _regular_file(tar: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    file = tar.extractfile(member) if member.isfile() else None
    if file is None:
        raise BackupError(f"{member.name} in the archive is not a regular file")
    return file
