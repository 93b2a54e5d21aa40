"""The UI build's stylesheet trim (app/css_trim.py): what it removes, what it keeps, and that
the pages use no breakpoint or colour it removes."""

from __future__ import annotations

import ast
import gzip
from pathlib import Path

from app.css_trim import RADIX_COLORS, UNUSED_BREAKPOINTS, USED_COLORS, trim, trim_file

ROOT = Path(__file__).resolve().parents[3]

# A slice of Radix's minified stylesheet, in the shapes it has.
SAMPLE = (
    "@layer __reflex_base{*,:after{box-sizing:border-box}}"
    ":root,.light{--grass-9:#46a758;--pink-9:#d6409f;--gray-a5:#0000001f;--lightningcss-dark: ;"
    "--radius-3:6px}"
    ".rt-r-size-1{height:var(--space-5)}"
    "@media (width>=520px){.xs\\:rt-r-size-1{height:var(--space-5)}}"
    "@media (width>=768px){.sm\\:rt-r-size-1{height:var(--space-5)}}"
    "@media (width>=1024px){.md\\:rt-r-gtc-2{grid-template-columns:repeat(2,minmax(0,1fr))}}"
    "@media (width>=1280px){.lg\\:rt-r-size-1{height:var(--space-5)}}"
    "@media (width>=1640px){.xl\\:rt-r-size-1,.xl\\:rt-r-size-2{height:var(--space-6)}}"
    ".rt-r-size-2,.xl\\:rt-r-size-3{height:var(--space-6)!important}"
    "[data-accent-color=pink]{--accent-9:var(--pink-9)}"
    "[data-accent-color=grass]{--accent-9:var(--grass-9)}"
    ".rt-Button:where(:is(.a,.b)){color:var(--accent-11)}"
    "@keyframes rt-fade-in{0%{opacity:0}to{opacity:1}}"
    "@supports (color:color(display-p3 1 1 1)){@media (color-gamut:p3){:root{--pink-9:red}}}"
)


def test_unused_breakpoints_and_colours_go_and_the_rest_stays_as_it_was() -> None:
    out = trim(SAMPLE)
    for gone in ("xs\\:", "lg\\:", "xl\\:", "--pink-", "data-accent-color=pink", "520px"):
        assert gone not in out
    for kept in (
        "@layer __reflex_base{*,:after{box-sizing:border-box}}",
        "--grass-9:#46a758",
        "--gray-a5:#0000001f",
        "--lightningcss-dark: ;",  # an empty-looking value is one space, or the browser drops it
        "@media (width>=768px){.sm\\:rt-r-size-1{height:var(--space-5)}}",
        ".md\\:rt-r-gtc-2{grid-template-columns:repeat(2,minmax(0,1fr))}",
        ".rt-r-size-2{height:var(--space-6)!important}",  # only the unused selector left
        "[data-accent-color=grass]{--accent-9:var(--grass-9)}",
        ".rt-Button:where(:is(.a,.b)){color:var(--accent-11)}",  # commas inside :is() stay
        "@keyframes rt-fade-in{0%{opacity:0}to{opacity:1}}",
    ):
        assert kept in out
    assert "@supports" not in out  # emptied at-rules go
    assert trim(out) == out


def test_a_stylesheet_with_nothing_unused_comes_back_unchanged() -> None:
    css = ".rt-Card{border:1px solid var(--gray-a5)}@media (hover:hover){.a:hover{color:red}}"
    assert trim(css) == css


def test_the_file_and_its_precompressed_copy_are_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "styles.css"
    path.write_text(SAMPLE)
    path.with_name("styles.css.gz").write_bytes(gzip.compress(SAMPLE.encode()))
    before, after = trim_file(path)
    assert after < before == len(SAMPLE.encode())
    assert gzip.decompress(path.with_name("styles.css.gz").read_bytes()).decode() == trim(SAMPLE)


def _page_sources() -> list[Path]:
    found = [p for folder in ("app", "components") for p in (ROOT / folder).rglob("*.py")]
    return [p for p in found if p.name != "css_trim.py"]  # it names every colour


def test_the_pages_use_only_the_colours_and_breakpoints_the_trim_keeps() -> None:
    colours: set[str] = set()
    breakpoints: set[str] = set()
    for path in _page_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in RADIX_COLORS:
                colours.add(str(node.value))
            if isinstance(node, ast.keyword) and node.arg in UNUSED_BREAKPOINTS:
                breakpoints.add(f"{path.name}: {node.arg}=")
            if isinstance(node, ast.Dict):  # {"initial": ..., "lg": ...}
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if "initial" in keys:
                    breakpoints |= {f"{path.name}: {k!r}" for k in keys & set(UNUSED_BREAKPOINTS)}
    assert colours <= USED_COLORS, f"add to USED_COLORS in app/css_trim.py: {colours - USED_COLORS}"
    assert {"grass", "gray", "tomato"} <= colours  # the scan sees the pages' colours
    assert not breakpoints, f"a breakpoint the trim removes: {sorted(breakpoints)}"
