"""The compact SR28 copy the repository ships reads exactly like the release it comes from."""

from __future__ import annotations

from pathlib import Path

from reference_data import SR28_SAMPLE, SR28_SHIPPED, full_dataset

from backend_services.nutrition.importers.sr28 import count_foods, read_sr28
from backend_services.nutrition.importers.sr28_compact import COLUMNS, compact_sr28
from backend_services.nutrition.importers.writer import ImportReport


def records(folder: Path) -> tuple[list, ImportReport]:
    report = ImportReport(source="sr28")
    return list(read_sr28(folder, report)), report


def test_compacting_keeps_every_record_the_importer_reads(tmp_path: Path) -> None:
    compact_sr28(SR28_SAMPLE, tmp_path)
    original, original_report = records(SR28_SAMPLE)
    compact, compact_report = records(tmp_path)
    assert len(original) == 302
    assert compact == original
    assert compact_report.rejected == original_report.rejected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.gz" for n in COLUMNS)


def test_compacting_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    compact_sr28(SR28_SAMPLE, first)
    compact_sr28(SR28_SAMPLE, second)
    for name in COLUMNS:
        assert (first / f"{name}.gz").read_bytes() == (second / f"{name}.gz").read_bytes()


def test_the_shipped_copy_holds_every_sr28_food() -> None:
    assert count_foods(SR28_SHIPPED) == 8789
    size = sum(p.stat().st_size for p in SR28_SHIPPED.glob("*.gz"))
    assert size < 3_500_000  # compact: the release is 24 MB unpacked


def test_the_shipped_copy_is_the_release_compacted(tmp_path: Path) -> None:
    compact_sr28(full_dataset("FOOD_DATA_DIR"), tmp_path)
    for name in COLUMNS:
        assert (tmp_path / f"{name}.gz").read_bytes() == (SR28_SHIPPED / f"{name}.gz").read_bytes()
