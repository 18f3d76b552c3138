"""Reading coordinators' CSV files: encoding, delimiter, header and cell checks.

The layout is documented in ``docs/csv-format.md``. This module turns a file into checked rows;
:mod:`urbankg.graph.importers.tabular` maps the rows to RDF.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from urbankg.graph.errors import InputError

#: Required and optional columns of each kind of table.
TABLES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "programmes": (
        frozenset({"id", "name_fi", "source_url"}),
        frozenset(
            {"name_sv", "name_en", "start_year", "end_year", "themes", "sdgs", "frameworks"}
            | {"description_en"}
        ),
    ),
    "calls": (
        frozenset({"id", "programme", "name_fi", "source_url"}),
        frozenset({"name_sv", "name_en", "year"}),
    ),
    "projects": (
        frozenset({"id", "name_fi", "project_type", "source_url"}),
        frozenset(
            {"programme", "call", "name_sv", "name_en", "themes", "sdgs", "start_year"}
            | {"end_year", "municipalities", "description_en"}
        ),
    ),
    "actors": (
        frozenset({"id", "name_fi", "sector", "source_url"}),
        frozenset({"name_sv", "name_en", "business_id", "municipality_code", "nuts3"}),
    ),
    "participations": (
        frozenset({"project", "actor", "role", "source_url"}),
        frozenset({"role_wording"}),
    ),
    "grants": (
        frozenset({"id", "kind", "project", "amount_eur", "source_url"}),
        frozenset({"grantee", "funder", "year"}),
    ),
}

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
YEAR = re.compile(r"^[0-9]{4}$")
BUSINESS_ID = re.compile(r"^([0-9]{7})-([0-9])$")
MUNICIPALITY = re.compile(r"^[0-9]{3}$")
NUTS3 = re.compile(r"^FI[0-9A-Z]{3}$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_ok(value: str) -> bool:
    """Return whether ``value`` is a Finnish business id with a correct mod-11 check digit."""
    m = BUSINESS_ID.match(value)
    if not m:
        return False
    r = sum(int(d) * w for d, w in zip(m.group(1), _WEIGHTS, strict=True)) % 11
    if r == 1:
        return False
    return int(m.group(2)) == (0 if r == 0 else 11 - r)


@dataclass
class Row:
    """One data row of a CSV file, with its place for error messages."""

    file: str
    line: int
    cells: dict[str, str]

    def error(self, column: str, message: str) -> InputError:
        """Build an error naming this row's file, line and ``column``."""
        return InputError(message, file=self.file, line=self.line, column=column)

    def get(self, column: str) -> str:
        """Return the stripped cell (empty string when absent)."""
        return self.cells.get(column, "").strip()

    def required(self, column: str) -> str:
        """Return the cell, or raise when it is empty."""
        value = self.get(column)
        if not value:
            raise self.error(column, f"required value missing in column '{column}'")
        return value

    def many(self, column: str, *, semicolon: bool = True) -> list[str]:
        """Return the values of a multi-valued cell, separated by ``|`` (or ``;``).

        Args:
            column: the column.
            semicolon: also split on ``;`` (not for URLs, which may contain it).
        """
        raw = self.get(column)
        if not raw:
            return []
        parts = re.split(r"[|;]" if semicolon else r"\|", raw)
        return [p.strip() for p in parts if p.strip()]

    def slug(self, column: str, *, required: bool = True) -> str:
        """Return the cell as a checked slug."""
        value = self.required(column) if required else self.get(column)
        if value and not SLUG.match(value):
            raise self.error(
                column,
                f"'{value}' is not a valid id (use lower-case letters, digits and '-')",
            )
        return value

    def year(self, column: str) -> str | None:
        """Return the cell as a four-digit year, or ``None`` when empty."""
        value = self.get(column)
        if not value:
            return None
        if not YEAR.match(value):
            raise self.error(column, f"malformed year '{value}' (expected four digits, e.g. 2020)")
        return value

    def amount(self, column: str) -> Decimal:
        """Return the cell as a non-negative decimal amount."""
        value = self.required(column).replace(" ", "").replace("\u00a0", "")
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise self.error(column, f"'{value}' is not a decimal amount") from None
        if not amount.is_finite() or amount < 0:
            raise self.error(column, f"amount must be a non-negative number, got '{value}'")
        return amount

    def urls(self, column: str = "source_url") -> list[str]:
        """Return the http(s) URLs of the cell (at least one)."""
        values = self.many(column, semicolon=False)
        if not values:
            raise self.error(column, f"required value missing in column '{column}'")
        for v in values:
            if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", v):
                raise self.error(column, f"'{v}' is not an http(s) URL")
        return values


@dataclass
class Table:
    """A parsed CSV file: its kind and its rows."""

    file: str
    kind: str
    rows: list[Row]


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file", file=path.name)
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not CSV text", file=path.name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            file=path.name,
            line=line,
        ) from None


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _kind(path: Path, columns: set[str]) -> str:
    stem = path.stem.lower()
    for kind in TABLES:
        if stem == kind or stem.endswith(("-" + kind, "_" + kind)):
            return kind
    candidates = [k for k, (req, _) in TABLES.items() if req <= columns]
    # The most specific table whose required columns are all present.
    candidates.sort(key=lambda k: len(TABLES[k][0]), reverse=True)
    if candidates:
        return candidates[0]
    raise InputError(
        "cannot tell which table this is: name the file after its table "
        f"({', '.join(f'{k}.csv' for k in TABLES)}) or use its columns (see docs/csv-format.md)",
        file=path.name,
        line=1,
    )


def read_table(path: Path) -> Table:
    """Read and check one CSV file.

    Args:
        path: the CSV file.

    Returns:
        The table with its kind and rows.

    Raises:
        InputError: naming the file, line and column of the first problem found.
    """
    text = _decode(path)
    first = text.split("\n", 1)[0]
    delim = _delimiter(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"cannot read the header row: {exc}", file=path.name, line=1) from None
    columns = [h.strip().lower() for h in header]
    if len(set(columns)) != len(columns):
        dupes = sorted({c for c in columns if columns.count(c) > 1})
        raise InputError(f"duplicate column(s): {', '.join(dupes)}", file=path.name, line=1)
    kind = _kind(path, set(columns))
    required, optional = TABLES[kind]
    missing = sorted(required - set(columns))
    if missing:
        raise InputError(
            f"missing required column(s) for a {kind} table: {', '.join(missing)}",
            file=path.name,
            line=1,
        )
    unknown = sorted(set(columns) - required - optional - {""})
    if unknown:
        raise InputError(
            f"unknown column(s) for a {kind} table: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(required | optional))})",
            file=path.name,
            line=1,
        )
    rows: list[Row] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                raise InputError(
                    f"{len(cells)} cells but the header has {len(columns)} columns",
                    file=path.name,
                    line=line,
                )
            rows.append(Row(path.name, line, dict(zip(columns, cells, strict=False))))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", file=path.name, line=reader.line_num) from None
    return Table(path.name, kind, rows)
