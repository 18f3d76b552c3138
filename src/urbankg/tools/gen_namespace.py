"""Write ``src/urbankg/_ukg.py``, the closed ``UKG`` namespace, from the ontology.

Every ``ukg:`` class and property the ontology declares becomes an attribute of a
:class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``, so a misspelt term raises
``AttributeError`` instead of minting a new IRI. Run ``python -m urbankg.tools.gen_namespace``
after changing the ontology; a test checks that the committed file is up to date.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

import urbankg
from urbankg.resources import ontology_files

UKG_IRI = "https://w3id.org/urbankg/def#"

#: The kinds of declaration, in the order their sections appear in the generated file.
SECTIONS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
)

_HEADER = '''\
"""The closed ``ukg:`` namespace, generated from the ontology (do not edit by hand).

Regenerate with ``python -m urbankg.tools.gen_namespace`` after changing ``ontology/*.ttl``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class UKG(DefinedNamespace):
    """Terms of the urbankg ontology ``https://w3id.org/urbankg/def#``."""

    _NS = Namespace("https://w3id.org/urbankg/def#")
    _fail = True
'''


def load_ontology() -> Graph:
    """Return the union of the bundled ontology and vocabulary files."""
    graph = Graph()
    for resource in ontology_files():
        graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return graph


def declared_terms(graph: Graph) -> dict[str, list[str]]:
    """Return the local names of the declared ``ukg:`` terms, by section.

    Args:
        graph: the ontology.

    Returns:
        For each section title of :data:`SECTIONS`, the sorted local names declared with that
        type (a term typed with several is listed under the first).

    Raises:
        ValueError: if a declared name is not a valid Python identifier.
    """
    seen: set[str] = set()
    sections: dict[str, list[str]] = {}
    for kind, title in SECTIONS:
        names = sorted(
            str(s).removeprefix(UKG_IRI)
            for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(UKG_IRI)
        )
        for name in names:
            if not name.isidentifier():
                raise ValueError(f"ukg:{name} cannot be a Python attribute")
        sections[title] = [n for n in names if n not in seen]
        seen.update(names)
    return sections


def render(graph: Graph) -> str:
    """Render the source of ``_ukg.py`` for the ontology ``graph``."""
    parts = [_HEADER]
    for title, names in declared_terms(graph).items():
        if names:
            parts.append(f"\n    # {title}\n")
            parts.extend(f"    {name}: URIRef\n" for name in names)
    return "".join(parts)


def module_path() -> Path:
    """Return the path of ``_ukg.py`` in the installed (editable) package."""
    return Path(urbankg.__file__).parent / "_ukg.py"


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate ``_ukg.py`` (or, with ``--check``, report whether it is up to date).

    Args:
        argv: command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The process exit code: 1 if ``--check`` finds the file out of date, else 0.
    """
    parser = argparse.ArgumentParser(
        prog="python -m urbankg.tools.gen_namespace", description=__doc__
    )
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    args = parser.parse_args(argv)
    text = render(load_ontology())
    path = module_path()
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run python -m urbankg.tools.gen_namespace")
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
