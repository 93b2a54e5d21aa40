"""Workouts integration fixtures: a private SecantusDB server (MongoDB wire protocol) for the
session, a fresh database per test, and the real RabbitMQ for relay tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ports import free_port
from pymongo import MongoClient

from backend_services.kernel.mongo import make_mongo_client
from backend_services.kernel.settings import embedded_mongodb_uri
from backend_services.workouts.main import prepare_database
from backend_services.workouts.program_service import ProgramService
from backend_services.workouts.reports import ReportService
from backend_services.workouts.repository import WorkoutsRepository
from backend_services.workouts.service import WorkoutService


@pytest.fixture(scope="session")
def secantus_uri() -> Iterator[str]:
    server = Path(sys.executable).parent / "secantusd-py"
    storage = Path(tempfile.mkdtemp(prefix="fltest-secantus-"))
    port = free_port()
    process = subprocess.Popen(
        [str(server), "--host", "127.0.0.1", "--port", str(port), "--storage-path", str(storage)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    uri = embedded_mongodb_uri(port, "")
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                MongoClient(uri, serverSelectionTimeoutMS=500).admin.command("ping")
                break
            except Exception:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("SecantusDB did not start")
                time.sleep(0.2)
        yield uri
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(storage, ignore_errors=True)


@pytest.fixture
def repo(secantus_uri: str) -> Iterator[WorkoutsRepository]:
    client = make_mongo_client(secantus_uri)
    name = f"wt_{uuid.uuid4().hex[:10]}"
    repository = WorkoutsRepository(client[name])
    prepare_database(repository)
    try:
        yield repository
    finally:
        client.drop_database(name)
        client.close()


@pytest.fixture
def service(repo: WorkoutsRepository) -> WorkoutService:
    return WorkoutService(repo)


@pytest.fixture
def programs(repo: WorkoutsRepository, service: WorkoutService) -> ProgramService:
    return ProgramService(repo, service.clock)


@pytest.fixture
def reports(repo: WorkoutsRepository, service: WorkoutService) -> ReportService:
    return ReportService(repo, service)
