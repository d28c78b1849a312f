"""What every command shares: consoles, one-line user errors, the engine loaded once."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

import typer
from rich.console import Console

from egoscope.errors import EgoscopeError

F = TypeVar("F", bound=Callable[..., Any])
Lang = Literal["fr", "en"]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def user_errors(func: F) -> F:
    """Turn user-caused errors into one red line on stderr and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EgoscopeError as error:
            err_console.print(f"[bold red]egoscope:[/] {error}", soft_wrap=True)
            raise typer.Exit(code=error.exit_code) from None
        except KeyboardInterrupt:
            err_console.print("[yellow]interrupted[/]")
            raise typer.Exit(code=130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(code=0) from None

    return wrapper  # type: ignore[return-value]


def load_engine(*, lang: Lang = "fr", assumptions: Path | None = None,
                categories: list[Path] | None = None, quiet: bool = False) -> Any:
    """The engine for these options, loaded once per process, with a spinner on a terminal."""
    key = (lang, assumptions, tuple(categories or ()))
    if key in _engines:
        return _engines[key]
    if quiet or not err_console.is_terminal:
        engine = _build_engine(*key)
    else:
        with err_console.status("Chargement du modèle français…" if lang == "fr" else "Loading the French model…"):
            engine = _build_engine(*key)
    _engines[key] = engine
    return engine


_engines: dict[tuple[str, Path | None, tuple[Path, ...]], Any] = {}


def _build_engine(lang: str, assumptions: Path | None, categories: tuple[Path, ...]) -> Any:
    from egoscope.pipeline import Engine

    kwargs: dict[str, Any] = {"explain_lang": lang, "assumptions": assumptions}
    if categories:
        kwargs["custom_categories"] = list(categories)
    return Engine.load(**kwargs)


LANG_OPTION = typer.Option("--lang", help="Language of explanations and suggestions: fr or en.")
