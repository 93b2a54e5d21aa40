"""Draws the web app's PNG icons (assets/icons/) from assets/favicon.svg with Chromium.

Run `.venv/bin/python deploy/pwa/make_icons.py` after changing the SVG and commit the PNGs.
Chromium (Debian's, through Playwright) is already what the browser tests use, so drawing
the icons needs no image library. Maskable icons fill the whole square with the brand colour
and keep the mark inside the central 80 % (the safe zone of the W3C manifest spec), because
launchers cut them to circles or squircles.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "assets" / "favicon.svg"
OUT = ROOT / "assets" / "icons"
SIZES = (192, 512)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SAFE_ZONE = 0.8


def _inner(svg: str) -> str:
    """The drawing of the SVG without its outer <svg> element."""
    return re.sub(r"^.*?<svg[^>]*>|</svg>\s*$", "", svg, flags=re.S).strip()


def any_icon(svg: str, size: int) -> str:
    """The tile as drawn in the SVG, at `size` pixels (only the outer element's size changes)."""
    return re.sub(
        r"<svg[^>]*>",
        lambda tag: re.sub(r'width="\d+" height="\d+"', f'width="{size}" height="{size}"', tag[0]),
        svg,
        count=1,
    )


def maskable_icon(svg: str, size: int) -> str:
    """The mark without its rounded tile, scaled into the safe zone of a full-bleed square."""
    drawing = re.sub(r"<rect[^>]*/>", "", _inner(svg)).strip()
    fill = re.search(r'<rect[^>]*fill="([^"]+)"', svg)
    colour = fill.group(1) if fill else "#2f9e44"
    offset = 32 * (1 - SAFE_ZONE)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="{size}" '
        f'height="{size}"><rect width="64" height="64" fill="{colour}"/>'
        f'<g transform="translate({offset} {offset}) scale({SAFE_ZONE})">{drawing}</g></svg>'
    )


def main() -> None:
    svg = SOURCE.read_text(encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            for name, drawn in (
                (f"icon-{size}.png", any_icon(svg, size)),
                (f"icon-maskable-{size}.png", maskable_icon(svg, size)),
            ):
                page.set_content(f"<body style='margin:0;background:transparent'>{drawn}</body>")
                page.locator("svg").screenshot(path=str(OUT / name), omit_background=True)
                print(OUT / name)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
