"""The few date expressions SQLite and PostgreSQL spell differently, as SQLAlchemy constructs.

Timestamps are stored without a time zone (local wall-clock time), so both dialects agree on days.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


class week_start(FunctionElement[str]):
    """The Monday of the timestamp's week, as ``YYYY-MM-DD``."""

    type = String()
    name = "week_start"
    inherit_cache = True


class month_start(FunctionElement[str]):
    """The timestamp's month, as ``YYYY-MM``."""

    type = String()
    name = "month_start"
    inherit_cache = True


class days_before(FunctionElement[Any]):
    """The timestamp ``days`` days earlier."""

    type = DateTime()
    name = "days_before"
    inherit_cache = False  # the day count is rendered into the SQL

    def __init__(self, expr: ColumnElement[Any], days: int) -> None:
        self.days = int(days)
        super().__init__(expr)


@compiles(week_start, "sqlite")
def _week_start_sqlite(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    # 'weekday 0' moves forward to Sunday (or stays on it); six days back is that week's Monday.
    return f"date({compiler.process(element.clauses, **kw)}, 'weekday 0', '-6 days')"


@compiles(week_start, "postgresql")
def _week_start_pg(element: week_start, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char(date_trunc('week', {compiler.process(element.clauses, **kw)}), 'YYYY-MM-DD')"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_start, "postgresql")
def _month_start_pg(element: month_start, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


@compiles(days_before, "sqlite")
def _days_before_sqlite(element: days_before, compiler: SQLCompiler, **kw: Any) -> str:
    # Same text layout as SQLAlchemy's stored DATETIME, so that string comparison orders correctly.
    return f"strftime('%Y-%m-%d %H:%M:%f', {compiler.process(element.clauses, **kw)}, '-{element.days} days')"


@compiles(days_before, "postgresql")
def _days_before_pg(element: days_before, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} - interval '{element.days} days')"
