"""An import killed with SIGKILL half-way, then run again: every conversation is stored exactly once."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import DBAPIError
from store_fixtures import SAMPLE

from egoscope.store import open_store, resolve_db_url
from egoscope.store.tables import ConversationRow, FindingRow, ImportRunRow, TurnRow

# The store commands alone, so that this test does not depend on the other command groups.
IMPORT = ("import typer; from egoscope.cli import store_cmds; app = typer.Typer(); "
          "store_cmds.register(app); app()")
SIZE, BATCH = 24, 4


def corpus(folder: Path) -> tuple[Path, int]:
    """The first ``SIZE`` sample conversations (the engine takes ~50 ms a conversation)."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:SIZE]
    path = folder / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines)


def stored(engine: Any) -> int:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM conversations")).scalar_one()
    except DBAPIError:  # the tables are not created yet
        return 0


def kill_after_two_batches(source: Path, db_url: str) -> tuple[int, str]:
    process = subprocess.Popen([sys.executable, "-c", IMPORT, "import", str(source), "--db", db_url,
                                "--batch-size", str(BATCH)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watcher = create_engine(resolve_db_url(db_url))
    deadline = time.monotonic() + 120
    try:
        while stored(watcher) < 2 * BATCH:
            if process.poll() is not None:
                pytest.fail(f"the import ended before it could be killed: {process.stderr.read().decode()}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                pytest.fail("no batch was committed within 120 s")
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return stored(watcher), str(process.returncode)
    finally:
        if process.poll() is None:
            process.kill()
        watcher.dispose()


def test_kill_9_halfway_then_resume(cli: Any, db_url: str, tmp_path: Path) -> None:
    source, total = corpus(tmp_path)
    partial, returncode = kill_after_two_batches(source, db_url)
    assert returncode == str(-signal.SIGKILL)
    assert 2 * BATCH <= partial < total and partial % BATCH == 0  # whole batches only

    result = cli("import", source, "--db", db_url, "--batch-size", BATCH)
    assert result.exit_code == 0, result.output
    assert f"imported {total - partial}, updated 0, unchanged {partial}, skipped 0" in result.stdout

    with open_store(db_url) as store, store.sessions() as session:
        ids = session.scalars(select(ConversationRow.id)).all()
        turns = session.scalar(select(func.count()).select_from(TurnRow))
        expected_turns = session.scalar(select(func.sum(ConversationRow.turn_count)))
        duplicated = session.execute(
            select(FindingRow.conversation_id).group_by(FindingRow.conversation_id, FindingRow.turn_index,
                                                        FindingRow.category, FindingRow.start)
            .having(func.count() > 1)).all()
        runs = session.execute(select(ImportRunRow.imported, ImportRunRow.finished_at)
                               .order_by(ImportRunRow.id)).all()
    assert len(ids) == len(set(ids)) == total
    assert turns == expected_turns and duplicated == []
    assert [imported for imported, _ in runs] == [partial, total - partial]
    assert runs[0].finished_at is None and runs[1].finished_at is not None  # the killed run stays visible
