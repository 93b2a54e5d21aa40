"""The table of official dataset downloads (backend_services/datasets/sources.py)."""

from __future__ import annotations

from reference_data import full_dataset

from backend_services.datasets.download import file_sha256
from backend_services.datasets.sources import DATASETS


def test_every_dataset_has_an_https_url_and_says_where_its_checksum_comes_from() -> None:
    assert set(DATASETS) == {"sr28", "off", "exercises"}
    for dataset in DATASETS.values():
        assert dataset.url.startswith("https://"), dataset
        assert dataset.url.rsplit("/", 1)[1] == dataset.filename
        assert dataset.why and dataset.licence
        assert dataset.sha256 is None or len(bytes.fromhex(dataset.sha256)) == 32


def test_the_pinned_exercises_checksum_is_the_reference_copy() -> None:
    assert file_sha256(full_dataset("EXERCISES_FILE")) == DATASETS["exercises"].sha256
