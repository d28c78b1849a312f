"""Render the report and the coaching sheet to one self-contained HTML file each.

The stylesheet is inlined from ``static/report.css`` and plotly.js from the first figure (see ``charts``):
the file opens without network.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from egoscope.errors import ConfigError
from egoscope.report.coach import build_coaching_sheet
from egoscope.report.cost import Budgets
from egoscope.report.i18n import Formatter, Translator
from egoscope.report.report import build_report, topic_label
from egoscope.store.database import Store


def environment(lang: str) -> Environment:
    """A Jinja environment with the report's words (``t``), formats (``fmt``) and stylesheet (``css``)."""
    env = Environment(loader=PackageLoader("egoscope.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    t, fmt = Translator(lang), Formatter(lang)
    env.globals.update(t=t, fmt=fmt, lang=lang, css=Markup(_static("report.css")), quote=fmt.quote,
                       topic_label=lambda topic: topic_label(topic, t))
    env.filters["topic_label"] = lambda topic: topic_label(topic, t)
    return env


def _static(name: str) -> str:
    return (resources.files("egoscope.report") / "static" / name).read_text(encoding="utf-8")


def render_report(store: Store, *, lang: str = "fr", start: date | None = None, end: date | None = None,
                  budgets: Budgets | None = None, generated_at: datetime | None = None) -> str:
    with store.sessions() as session:
        context = build_report(session, lang=lang, start=start, end=end, budgets=budgets,
                               generated_at=generated_at)
    return environment(lang).get_template("report.html.j2").render(r=context)


def render_coaching_sheet(store: Store, agent: str, *, lang: str = "fr", start: date | None = None,
                          end: date | None = None, generated_at: datetime | None = None) -> str:
    with store.sessions() as session:
        context = build_coaching_sheet(session, agent, lang=lang, start=start, end=end, generated_at=generated_at)
    return environment(lang).get_template("coach.html.j2").render(c=context)


def write_report(store: Store, out: Path, *, lang: str = "fr", start: date | None = None, end: date | None = None,
                 budgets: Budgets | None = None) -> Path:
    """Render the report and write it to ``out`` (its folder must exist); returns the absolute path."""
    return _write(out, render_report(store, lang=lang, start=start, end=end, budgets=budgets))


def write_coaching_sheet(store: Store, agent: str, out: Path, *, lang: str = "fr", start: date | None = None,
                         end: date | None = None) -> Path:
    """Render one agent's coaching sheet and write it to ``out``; returns the absolute path."""
    return _write(out, render_coaching_sheet(store, agent, lang=lang, start=start, end=end))


def default_sheet_name(agent: str) -> str:
    """``coaching-<agent>.html`` with the agent id made safe for a file name."""
    return f"coaching-{re.sub(r'[^A-Za-z0-9._-]+', '_', agent).strip('._') or 'agent'}.html"


def _write(out: Path, html: str) -> Path:
    out = out.expanduser()
    if not out.parent.is_dir():
        raise ConfigError(f"--out {out}: folder {out.parent} does not exist")
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"--out {out}: cannot write the file ({e.strerror})") from e
    return out.resolve()
