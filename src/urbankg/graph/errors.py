"""Errors raised by the graph layer, each naming the place of the problem."""

from __future__ import annotations


class UrbankgError(Exception):
    """Base class of every error urbankg reports to a user."""


class InputError(UrbankgError):
    """Bad input: a file that cannot be read, parsed or mapped.

    The message names the file and, where known, the line (or CSV row) and the column or field.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | str | None = None,
    ) -> None:
        self.reason = message
        self.file = file
        self.line = line
        self.column = column
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """Return ``file:line:column: reason`` with the parts that are known."""
        place = ""
        if self.file is not None:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
            if self.column is not None:
                place += f": {self.column}" if isinstance(self.column, str) else f":{self.column}"
            place += ": "
        return f"{place}{self.reason}"


class StoreError(UrbankgError):
    """The store cannot be opened or written (locked, missing, incomplete)."""
