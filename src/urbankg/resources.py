"""Access to the package's non-Python files (ontology, shapes, queries, bundled data).

Every non-Python file is read through :mod:`importlib.resources`, never through a path relative
to the repository, so an installed wheel behaves exactly like a source checkout.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

ONTOLOGY_PACKAGE = "urbankg.ontology"
SHAPES_PACKAGE = "urbankg.shapes"
QUERIES_PACKAGE = "urbankg.queries"
DATA_PACKAGE = "urbankg.data"


def _iter_files(package: str, suffix: str) -> Iterator[Traversable]:
    root = files(package)
    stack = [root]
    while stack:
        node = stack.pop()
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                if not child.name.startswith(("__", ".")):
                    stack.append(child)
            elif child.name.endswith(suffix):
                yield child


def ontology_files() -> list[Traversable]:
    """Return the Turtle files of the ontology and its vocabularies, sorted by name."""
    return sorted(_iter_files(ONTOLOGY_PACKAGE, ".ttl"), key=lambda t: t.name)


def shapes_files() -> list[Traversable]:
    """Return the Turtle files of the SHACL shapes, sorted by name."""
    return sorted(_iter_files(SHAPES_PACKAGE, ".ttl"), key=lambda t: t.name)


def data_files(suffix: str = "") -> list[Traversable]:
    """Return the bundled data files whose names end with ``suffix``, sorted by name."""
    return sorted(_iter_files(DATA_PACKAGE, suffix), key=lambda t: t.name)


def query_names() -> list[str]:
    """Return the names of every bundled named query (file name without ``.rq``)."""
    return sorted(t.name[: -len(".rq")] for t in _iter_files(QUERIES_PACKAGE, ".rq"))


@cache
def query_text(name: str) -> str:
    """Return the SPARQL text of the named query ``name`` (``queries/{name}.rq``).

    Args:
        name: the query's file name without the ``.rq`` suffix.

    Returns:
        The query text.

    Raises:
        KeyError: if no such query is bundled.
    """
    for t in _iter_files(QUERIES_PACKAGE, ".rq"):
        if t.name == f"{name}.rq":
            return t.read_text(encoding="utf-8")
    raise KeyError(f"no bundled query named {name!r}")
