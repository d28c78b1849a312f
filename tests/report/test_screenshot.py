"""The pages as a browser draws them: a headless Chromium screenshot must show a styled, non-blank page.

Uses the system's /usr/bin/chromium (Debian package ``chromium``); skipped, with the reason, without it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pngread import read_png

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1280, 2000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no {CHROMIUM}: install it with "
                       "'apt-get install -y chromium' to run the screenshot tests"),
]


def screenshot(page: Path, folder: Path) -> Path:
    png = folder / f"{page.stem}.png"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={folder / 'chromium-profile'}", f"--screenshot={png}",
               f"--window-size={WIDTH},{HEIGHT}", page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.exists(), f"chromium wrote no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    return png


SAMPLED_ROWS = 900  # masthead, key figures and the first chart: decoding the whole PNG in Python is slow


@pytest.mark.parametrize("kind, lang", [("report", "fr"), ("coach", "en")])
def test_page_draws_as_a_styled_page(report_pages: dict[str, str], coach_pages: dict[tuple[str, str], str],
                                     tmp_path: Path, kind: str, lang: str) -> None:
    page = tmp_path / f"{kind}-{lang}.html"
    page.write_text(report_pages[lang] if kind == "report" else coach_pages[("agent-2", lang)], encoding="utf-8")
    png = screenshot(page, tmp_path)
    assert png.stat().st_size > 50_000  # a blank page of this size compresses to a few kilobytes
    image = read_png(png, rows=SAMPLED_ROWS)
    assert (image.width, image.height) == (WIDTH, HEIGHT)
    masthead, margin = image.pixel(40, 40), image.pixel(8, SAMPLED_ROWS - 8)
    assert sum(masthead) < 250, f"the masthead should be dark navy, got {masthead}"
    assert min(margin) > 220, f"the page background should be light, got {margin}"
    colours = {image.pixel(x, y) for x in range(0, WIDTH, 40) for y in range(0, SAMPLED_ROWS, 40)}
    assert len(colours) >= 8, f"the page looks nearly uniform: {len(colours)} colours sampled"
