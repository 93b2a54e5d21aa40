"""Trim the production bundle's Radix Themes stylesheet to what the pages can use.

Radix Themes ships one stylesheet (~700 KB minified) with every component's classes at five
breakpoints and all 30 colour scales. The pages set responsive props only at `initial`, `sm`
and `md`, and use a handful of colours; the rest is parsed on every first load (Lighthouse's
"reduce unused CSS"). Run after `reflex export` (deploy/local/ui.sh):

    python -m app.css_trim .web/build/client/assets

It removes, with a CSS parser (tinycss2), rules whose every selector is a class of an unused
breakpoint (`.xs:…`, `.lg:…`, `.xl:…`) or an unused accent colour (`[data-accent-color=pink]`),
and the custom properties of unused colour scales (`--pink-9`, `--pink-a3`, ...); at-rules left
empty go too. The `.gz` beside the file is written again. Idempotent. A new colour or
breakpoint in the pages: add it below (tests/unit/ui/test_css_trim.py reads the pages for it).
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from tinycss2 import ast

# Responsive props the pages use (rx.breakpoints(initial=..., sm=..., md=...)).
UNUSED_BREAKPOINTS = ("xs", "lg", "xl")
# Colour scales the pages use: the accent (grass), every gray (the theme's gray "auto" picks the
# accent's natural pair, olive for grass, through [data-gray-color]), and the colour_scheme /
# rx.color values in app/ and components/.
GRAYS = frozenset({"gray", "mauve", "slate", "sage", "olive", "sand"})
USED_COLORS = GRAYS | {"grass", "amber", "tomato", "violet", "blue"}
RADIX_COLORS = GRAYS | {
    *("tomato", "red", "ruby", "crimson", "pink", "plum", "purple", "violet", "iris", "indigo"),
    *("blue", "cyan", "teal", "jade", "green", "grass", "bronze", "gold", "brown", "orange"),
    *("amber", "yellow", "lime", "mint", "sky"),
}
UNUSED_COLORS = RADIX_COLORS - USED_COLORS

_UNUSED = "|".join(sorted(UNUSED_COLORS))
_BREAKPOINT_CLASS = re.compile(r"\.(?:" + "|".join(UNUSED_BREAKPOINTS) + r")\\:")
_ACCENT = re.compile(r"\[data-accent-color=['\"]?(" + _UNUSED + r")['\"]?\]")
_COLOR_PROPERTY = re.compile(r"^--(" + _UNUSED + r")-")


def _unused_selector(selector: str) -> bool:
    return bool(_BREAKPOINT_CLASS.search(selector) or _ACCENT.search(selector))


def _split_selectors(prelude: list[ast.Node]) -> list[str]:
    """The selector list split at its top-level commas (not those inside :is(...))."""
    parts: list[list[ast.Node]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(part).strip() for part in parts]


def _trim_declarations(content: list[ast.Node]) -> str | None:
    """The block's declarations without unused colours' properties; None when none remain."""
    items = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    kept: list[str] = []
    for item in items:
        if isinstance(item, ast.Declaration) and _COLOR_PROPERTY.match(item.name):
            continue
        if isinstance(item, ast.Declaration):
            important = "!important" if item.important else ""
            # A custom property's value may be one space (lightningcss's light-dark toggle,
            # `--lightningcss-dark: ;`): `--x:;` would be dropped by the browser.
            value = tinycss2.serialize(item.value).strip() or " "
            kept.append(f"{item.name}:{value}{important}")
        elif isinstance(item, ast.QualifiedRule | ast.AtRule):
            nested = _trim_rules([item])  # CSS nesting
            if nested:
                kept.append(nested)
        else:
            kept.append(tinycss2.serialize([item]))
    return ";".join(kept) if kept else None


def _trim_rules(rules: Iterable[ast.Node]) -> str:
    out: list[str] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [s for s in _split_selectors(rule.prelude) if not _unused_selector(s)]
            if not selectors:
                continue
            body = _trim_declarations(rule.content)
            if body is not None:
                out.append(f"{','.join(selectors)}{{{body}}}")
        elif isinstance(rule, ast.AtRule):
            prelude = tinycss2.serialize(rule.prelude).strip()
            head = f"@{rule.at_keyword} {prelude}".rstrip()
            if rule.content is None:  # @import ...; @layer a, b;
                out.append(f"{head};")
            elif rule.lower_at_keyword in ("media", "supports", "layer", "container"):
                inner = _trim_rules(tinycss2.parse_rule_list(rule.content))
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:  # @font-face, @keyframes, @property: kept as they are
                out.append(f"{head}{{{tinycss2.serialize(rule.content)}}}")
    return "".join(out)


def trim(css: str) -> str:
    return _trim_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def trim_file(path: Path) -> tuple[int, int]:
    """Trim one stylesheet in place (and its .gz); returns its size before and after."""
    before = path.read_text(encoding="utf-8")
    after = trim(before)
    path.write_text(after, encoding="utf-8")
    compressed = path.with_name(path.name + ".gz")
    if compressed.exists():
        compressed.write_bytes(gzip.compress(after.encode("utf-8"), compresslevel=9, mtime=0))
    return len(before.encode()), len(after.encode())


def main(argv: list[str]) -> None:
    folder = Path(argv[0] if argv else ".web/build/client/assets")
    for path in sorted(folder.glob("*.css")):
        if "rt-" not in path.read_text(encoding="utf-8"):
            continue  # not the Radix stylesheet
        before, after = trim_file(path)
        print(f"{path.name}: {before // 1024} KB → {after // 1024} KB (unused Radix CSS removed)")


if __name__ == "__main__":
    main(sys.argv[1:])
