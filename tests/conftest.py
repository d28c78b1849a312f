"""Shared fixtures: one engine per test process (loading spaCy takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from egoscope.pipeline import Engine

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "egoscope" / "data" / "sample"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE
