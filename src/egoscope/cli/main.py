"""The ``egoscope`` command: one Typer app; each command group lives in its own module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="egoscope",
    help="Find the small remarks that lose customers, and measure them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module adds its commands to ``app``; keep one line per module.
from egoscope.cli import analyze_cmd as _analyze_cmd  # noqa: E402
from egoscope.cli import check_cmd as _check_cmd  # noqa: E402
from egoscope.cli import demo_cmd as _demo_cmd  # noqa: E402
from egoscope.cli import report_cmds as _report_cmds  # noqa: E402
from egoscope.cli import store_cmds as _store_cmds  # noqa: E402

for _module in (_check_cmd, _analyze_cmd, _demo_cmd, _store_cmds, _report_cmds):
    _module.register(app)
