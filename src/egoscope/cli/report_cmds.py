"""Report commands: ``report`` (the managers' HTML report) and ``coach`` (one agent's coaching sheet).

Both read an existing store and write one self-contained HTML file; neither loads the spaCy model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from egoscope.cli.common import console, user_errors
from egoscope.cli.store_cmds import DbOption, FromOption, ToOption, parse_day
from egoscope.errors import StoreError
from egoscope.store import Store, open_store, resolve_db_url

ReportLang = Annotated[str, typer.Option("--lang", help="Language of the page: fr or en.")]


def open_existing_store(db: str | None) -> Store:
    """Open the store, refusing to create an empty SQLite file where the user expected their data."""
    url = make_url(resolve_db_url(db))
    database = url.database or ""
    if url.get_backend_name() == "sqlite" and database not in ("", ":memory:") and not Path(database).exists():
        raise StoreError(f"no store at {database}: import conversations first "
                         f"(egoscope import FILE --db {database}) or give --db")
    return open_store(db)


@user_errors
def report_cmd(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write (one self-contained page)")] = Path(
        "report.html"),
    lang: ReportLang = "fr",
    start: FromOption = None,
    end: ToOption = None,
    db: DbOption = None,
    ad_budget: Annotated[float | None, typer.Option(
        "--ad-budget", help="Yearly advertising budget in euros (with --cr-budget: adds the budget comparison)")] = None,
    cr_budget: Annotated[float | None, typer.Option(
        "--cr-budget", help="Yearly customer-relationship budget in euros")] = None,
) -> None:
    """Write the managers' report: trends, remarks, costliest conversations, teams, topics, promises, cost of ego."""
    from egoscope.report import Budgets, write_report
    from egoscope.report.i18n import check_lang

    check_lang(lang)
    budgets = Budgets.from_options(ad_budget, cr_budget)
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    with open_existing_store(db) as store:
        path = write_report(store, out, lang=lang, start=first, end=last, budgets=budgets)
    _written(path, lang)


@user_errors
def coach_cmd(
    agent: Annotated[str, typer.Argument(help="The agent id, as in the imported conversations")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="HTML file to write [default: coaching-AGENT.html]")] = None,
    lang: ReportLang = "fr",
    start: FromOption = None,
    end: ToOption = None,
    db: DbOption = None,
) -> None:
    """Write one agent's coaching sheet: strengths first, their own sentences, rewrites, three things to practise."""
    from egoscope.report import write_coaching_sheet
    from egoscope.report.i18n import check_lang
    from egoscope.report.render import default_sheet_name

    check_lang(lang)
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    with open_existing_store(db) as store:
        path = write_coaching_sheet(store, agent, out or Path(default_sheet_name(agent)), lang=lang, start=first,
                                    end=last)
    _written(path, lang)


def _written(path: Path, lang: str) -> None:
    label = "Écrit" if lang == "fr" else "Written"
    console.print(f"{label}: {path}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("report")(report_cmd)
    app.command("coach")(coach_cmd)
