"""One catalogue of the errors a user can cause.

Every message names the file, the line and the field, so that a user can fix the input without
reading a traceback. The CLI prints ``str(error)`` and exits non-zero; the library never prints.
"""

from __future__ import annotations


class EgoscopeError(Exception):
    """Base class of the errors the CLI reports in one line, without a traceback."""

    exit_code = 2


class InputError(EgoscopeError):
    """A bad input record: names where it is (file, line, field) and what is wrong."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class RuleFileError(EgoscopeError):
    """A rule, lexicon, category or assumptions file that does not validate."""

    def __init__(self, message: str, *, file: str, line: int | None = None, field: str | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line is not None else "")
        where += f", field '{self.field}'" if self.field else ""
        return f"{where}: {self.message}"


class ConfigError(EgoscopeError):
    """A bad option value or environment setting."""


class StoreError(EgoscopeError):
    """The database cannot be opened or written."""
