"""Helpers to read a rendered page: its visible text, its sections, its external references."""

from __future__ import annotations

import html
import re

SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
# Any element pulling a resource over the network (or protocol-relative), e.g. <script src="https://…">.
EXTERNAL = re.compile(r"<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:)?//",
                      re.I)
CSS_IMPORT = re.compile(r"@import|url\(\s*[\"']?(https?:)?//", re.I)


def markup(page: str) -> str:
    """The page without its inline scripts and styles (plotly.js holds every word under the sun)."""
    return SCRIPT_OR_STYLE.sub(" ", page)


def visible_text(page: str) -> str:
    """The text a reader sees, whitespace collapsed, entities decoded."""
    # Only ASCII whitespace collapses: the narrow no-break spaces of French numbers must stay.
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(TAG.sub(" ", markup(page)))).strip()


def section(page: str, anchor: str) -> str:
    """The markup of ``<section id=anchor>`` up to the next section."""
    body = markup(page)
    start = body.index(f'<section id="{anchor}"')
    end = body.find("<section", start + 1)
    return body[start:end if end > 0 else len(body)]


def external_references(page: str) -> list[str]:
    found = [m.group(0) for m in EXTERNAL.finditer(page)]
    styles = " ".join(re.findall(r"<style\b[^>]*>(.*?)</style>", page, re.S | re.I))
    return found + [m.group(0) for m in CSS_IMPORT.finditer(styles)]
