"""The example research queries shipped as package data (``urbankg/queries/examples``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files


@dataclass(frozen=True)
class Example:
    """One example query: file name, its research question and its text."""

    name: str
    question: str
    text: str


@cache
def examples() -> tuple[Example, ...]:
    """Return the example queries in file-name order."""
    folder = files("urbankg.queries") / "examples"
    out = []
    for f in sorted(folder.iterdir(), key=lambda t: t.name):
        if not f.name.endswith(".rq"):
            continue
        text = f.read_text(encoding="utf-8")
        out.append(Example(f.name[: -len(".rq")], _question(text), text))
    return tuple(out)


def _question(text: str) -> str:
    """The research question: from ``# Research question:`` up to its question mark."""
    words: list[str] = []
    started = False
    for line in text.splitlines():
        if line.startswith("# Research question:"):
            started = True
            line = line.partition(":")[2]
        elif not started or not line.startswith("#"):
            continue
        body = line.lstrip("# ").strip()
        if "?" in body:
            words.append(body[: body.index("?") + 1])
            break
        words.append(body)
    return " ".join(w for w in words if w)
