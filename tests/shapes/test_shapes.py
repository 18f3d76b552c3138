"""The SHACL shapes (``shapes/*.ttl``), tested case by case and as documents.

Every shape with a target has at least one valid and one invalid case in ``cases/``, one Turtle
file each, named ``<ShapeLocalName>-valid-NN.ttl`` or ``<ShapeLocalName>-invalid-NN.ttl``. A case
is validated together with the ontology and vocabularies (``data = case ∪ ontology``), exactly as
a batch is validated with its context. A valid case must give no result at all (no violation, no
warning); an invalid case must be reported by its own shape and by no other, with that shape's
severity and its English and Finnish messages.

The shapes are parsed once per session: pyshacl flips rdflib globals whenever it loads a shapes
graph, so it only ever receives the already parsed graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, SH
from rdflib.term import Node

from urbankg.namespaces import UKG
from urbankg.resources import ontology_files, shapes_files

UKGSH = Namespace("https://w3id.org/urbankg/shapes#")
DEF = "https://w3id.org/urbankg/def"
CC_BY_4 = URIRef("http://creativecommons.org/licenses/by/4.0/")

CASES_DIR = Path(__file__).parent / "cases"
SHAPES_DOC = Path(__file__).parents[2] / "docs" / "shapes.md"
CASE_NAME = re.compile(r"^(?P<shape>[A-Z][A-Za-z0-9]*)-(?P<kind>valid|invalid)-(?P<nn>[0-9]{2})$")
CASES = sorted(CASES_DIR.glob("*.ttl"))

#: Severity of every shape, by shapes file.
FILE_SEVERITY = {
    "core.ttl": SH.Violation,
    "vocabularies.ttl": SH.Violation,
    "recommended.ttl": SH.Warning,
}
#: The only shapes allowed an sh:sparql constraint (DESIGN §8: each one costs ~4× at scale).
SPARQL_SHAPES = {UKGSH.BusinessIdCheckDigit, UKGSH.StartYearNotAfterEndYear}

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
SHAPE_LINKS = (SH.property, SH.node, SH.qualifiedValueShape, SH["not"])
SHAPE_LIST_LINKS = (SH["or"], SH["and"], SH.xone)


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One sh:ValidationResult of a report, reduced to what the tests look at."""

    source_shape: Node | None
    severity: Node | None
    focus: Node | None
    value: Node | None
    component: Node | None
    messages: frozenset[Literal]

    def __str__(self) -> str:
        message = next((m for m in self.messages if m.language == "en"), "")
        return f"{self.source_shape} on {self.focus}: {message}"


def parse_turtle(files: Iterable[Traversable]) -> Graph:
    """Parse package resource files into one graph."""
    graph = Graph()
    for file in files:
        graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return graph


def validate(
    data: Graph, shapes: Graph, use_shapes: list[str | URIRef] | None = None
) -> list[Result]:
    """Validate ``data`` in place with pyshacl (all shapes or ``use_shapes``), return results.

    ``allow_warnings=True`` as in :mod:`urbankg.graph.validate`: it is the setting under which
    pyshacl treats a nested shape that fails with only warnings as conforming, so it is the one
    that shows a helper with the wrong severity.
    """
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=None,
        inference="none",
        allow_warnings=True,
        inplace=True,
        use_shapes=use_shapes,
    )
    assert isinstance(report, Graph)
    results = []
    # Only the report's own results: those nested under sh:detail explain a result, they are
    # not results themselves.
    for result in report.objects(None, SH.result):
        results.append(
            Result(
                source_shape=report.value(result, SH.sourceShape),
                severity=report.value(result, SH.resultSeverity),
                focus=report.value(result, SH.focusNode),
                value=report.value(result, SH.value),
                component=report.value(result, SH.sourceConstraintComponent),
                messages=frozenset(
                    m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)
                ),
            )
        )
    return results


def shape_nodes(graph: Graph) -> set[Node]:
    """Every node of ``graph`` that is a shape: declared, targeted, or used as a shape."""
    nodes: set[Node] = set(graph.subjects(RDF.type, SH.NodeShape))
    nodes |= set(graph.subjects(RDF.type, SH.PropertyShape))
    nodes |= set(graph.subjects(SH.path, None))
    for target in TARGETS:
        nodes |= set(graph.subjects(target, None))
    for link in SHAPE_LINKS:
        nodes |= set(graph.objects(None, link))
    for link in SHAPE_LIST_LINKS:
        for head in graph.objects(None, link):
            nodes |= set(Collection(graph, head))
    return nodes


def targeted_shapes(graph: Graph) -> set[Node]:
    """The shapes that have a target: those that can be the source shape of a result."""
    return {s for t in TARGETS for s in graph.subjects(t, None)}


def reporting_shapes(graph: Graph) -> set[Node]:
    """The shapes whose severity reaches a report: targeted shapes and their sh:property shapes."""
    found = targeted_shapes(graph)
    pending = list(found)
    while pending:
        for prop in graph.objects(pending.pop(), SH.property):
            if prop not in found:
                found.add(prop)
                pending.append(prop)
    return found


def referenced_shapes(graph: Graph) -> set[Node]:
    """The shapes another shape uses (sh:node, sh:property, sh:not, sh:or…)."""
    nodes: set[Node] = set()
    for link in SHAPE_LINKS:
        nodes |= set(graph.objects(None, link))
    for link in SHAPE_LIST_LINKS:
        for head in graph.objects(None, link):
            nodes |= set(Collection(graph, head))
    return nodes


def local_name(shape: Node) -> str:
    assert isinstance(shape, URIRef) and shape.startswith(UKGSH), shape
    return shape[len(UKGSH) :]


def case_parts(path: Path) -> tuple[str, str]:
    match = CASE_NAME.match(path.stem)
    assert match, f"{path.name}: not <ShapeLocalName>-(valid|invalid)-NN.ttl"
    return match["shape"], match["kind"]


def iri_terms(graph: Graph) -> Iterator[URIRef]:
    for triple in graph:
        yield from (t for t in triple if isinstance(t, URIRef))


# ---------------------------------------------------------------------------------------------
# Fixtures: everything is parsed once per session
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shapes_by_file() -> dict[str, Graph]:
    return {f.name: parse_turtle([f]) for f in shapes_files()}


@pytest.fixture(scope="session")
def shapes_graph(shapes_by_file: dict[str, Graph]) -> Graph:
    union = Graph()
    for graph in shapes_by_file.values():
        union += graph
    return union


@pytest.fixture(scope="session")
def ontology_graph() -> Graph:
    return parse_turtle(ontology_files())


def with_ontology(ontology_graph: Graph, *turtle_files: Path) -> Graph:
    data = Graph()
    data += ontology_graph
    for path in turtle_files:
        data.parse(path, format="turtle")
    return data


# ---------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, shapes_graph: Graph, ontology_graph: Graph) -> None:
    shape_name, kind = case_parts(case)
    shape = UKGSH[shape_name]
    results = validate(with_ontology(ontology_graph, case), shapes_graph)

    if kind == "valid":
        assert results == [], "a valid case must give no violation and no warning:\n" + "\n".join(
            map(str, results)
        )
        return

    assert results, f"{case.name} conforms, but it must be reported by {shape_name}"
    others = [r for r in results if r.source_shape != shape]
    assert others == [], f"{case.name} is also reported by other shapes:\n" + "\n".join(
        map(str, others)
    )
    severity = shapes_graph.value(shape, SH.severity)
    messages = set(shapes_graph.objects(shape, SH.message))
    for result in results:
        assert result.severity == severity
        if (shape, SH.sparql, None) in shapes_graph:
            # pyshacl 0.40 drops the language tags of the messages of sh:sparql results.
            assert {str(m) for m in result.messages} == {str(m) for m in messages}, result
        else:
            assert result.messages == messages, result


def test_case_files_are_named_after_a_targeted_shape(shapes_graph: Graph) -> None:
    targeted = {local_name(s) for s in targeted_shapes(shapes_graph)}
    for case in CASES:
        shape_name, _kind = case_parts(case)
        assert shape_name in targeted, f"{case.name}: no targeted shape ukgsh:{shape_name}"
    others = {p.name for p in CASES_DIR.iterdir()} - {c.name for c in CASES} - {"README.md"}
    assert others == set(), f"unexpected files in {CASES_DIR}"


def test_every_targeted_shape_has_a_valid_and_an_invalid_case(shapes_graph: Graph) -> None:
    have = {case_parts(c) for c in CASES}
    missing = [
        f"{local_name(shape)}-{kind}-01.ttl"
        for shape in sorted(targeted_shapes(shapes_graph), key=str)
        for kind in ("valid", "invalid")
        if (local_name(shape), kind) not in have
    ]
    assert missing == [], "shapes without a case: " + ", ".join(missing)


# ---------------------------------------------------------------------------------------------
# The shapes as documents
# ---------------------------------------------------------------------------------------------


def test_every_shape_has_an_english_and_a_finnish_message(shapes_graph: Graph) -> None:
    missing = []
    for shape in shape_nodes(shapes_graph):
        languages = {
            m.language for m in shapes_graph.objects(shape, SH.message) if isinstance(m, Literal)
        }
        if not {"en", "fi"} <= languages:
            missing.append(f"{shape} (only {sorted(map(str, languages))})")
    assert missing == []


@pytest.mark.parametrize("file_name", sorted(FILE_SEVERITY))
def test_every_shape_of_a_file_has_its_severity(
    file_name: str, shapes_by_file: dict[str, Graph]
) -> None:
    graph = shapes_by_file[file_name]
    reporting = reporting_shapes(graph)
    assert reporting
    wrong = [s for s in reporting if graph.value(s, SH.severity) != FILE_SEVERITY[file_name]]
    assert wrong == []


@pytest.mark.parametrize("file_name", sorted(FILE_SEVERITY))
def test_helper_shapes_are_violations(file_name: str, shapes_by_file: dict[str, Graph]) -> None:
    # A helper's severity never reaches a report; it decides whether the helper conforms inside
    # sh:not, sh:or or sh:qualifiedValueShape, and with allow_warnings=True pyshacl counts a
    # failure with only warnings as conforming, which would turn every such rule around.
    graph = shapes_by_file[file_name]
    helpers = shape_nodes(graph) - reporting_shapes(graph)
    wrong = [s for s in helpers if graph.value(s, SH.severity) != SH.Violation]
    assert wrong == []


def test_shapes_files_are_the_three_known_ones(shapes_by_file: dict[str, Graph]) -> None:
    assert set(shapes_by_file) == set(FILE_SEVERITY)


def test_named_shapes_are_in_the_ukgsh_namespace(shapes_graph: Graph) -> None:
    for shape in shape_nodes(shapes_graph):
        if isinstance(shape, URIRef):
            assert shape.startswith(UKGSH), shape
        else:
            assert isinstance(shape, BNode)
            # An anonymous shape is only ever nested: it has no target of its own.
            assert shape not in targeted_shapes(shapes_graph)


def test_named_shapes_are_targeted_or_used(shapes_graph: Graph) -> None:
    named = {s for s in shape_nodes(shapes_graph) if isinstance(s, URIRef)}
    # A named property shape can only be reported on its own if it has a target.
    property_shapes = {s for s in named if (s, SH.path, None) in shapes_graph}
    assert property_shapes <= targeted_shapes(shapes_graph)
    # A helper (no target) that nothing uses would never be evaluated.
    unused = named - targeted_shapes(shapes_graph) - referenced_shapes(shapes_graph)
    assert unused == set()


def test_used_shapes_are_declared(shapes_graph: Graph) -> None:
    declared = set(shapes_graph.subjects(RDF.type, SH.NodeShape)) | set(
        shapes_graph.subjects(RDF.type, SH.PropertyShape)
    )
    used = {s for s in referenced_shapes(shapes_graph) if isinstance(s, URIRef)}
    assert used <= declared


def test_shacl_terms_are_spelt_right(shapes_graph: Graph) -> None:
    # A typo such as sh:minCout parses fine and is silently ignored by every SHACL engine.
    misspelt = {t for t in iri_terms(shapes_graph) if t.startswith(str(SH)) and t not in SH}
    assert misspelt == set()


def test_urbankg_terms_in_shapes_are_declared_by_the_ontology(
    shapes_graph: Graph, ontology_graph: Graph
) -> None:
    used = {t for t in iri_terms(shapes_graph) if t.startswith(DEF)}
    assert UKG.Project in used and URIRef(f"{DEF}/sector") in used
    undeclared = {t for t in used if (t, RDF.type, None) not in ontology_graph}
    assert undeclared == set()


def test_shapes_are_valid_shacl(shapes_graph: Graph) -> None:
    # meta_shacl validates the shapes graph against the W3C SHACL-SHACL shapes first and
    # raises if it does not conform.
    conforms, _report, text = pyshacl.validate(
        Graph(), shacl_graph=shapes_graph, inference="none", meta_shacl=True
    )
    assert conforms, text


@pytest.mark.parametrize("file_name", sorted(FILE_SEVERITY))
def test_shapes_file_has_an_ontology_header(
    file_name: str, shapes_by_file: dict[str, Graph]
) -> None:
    graph = shapes_by_file[file_name]
    headers = list(graph.subjects(RDF.type, OWL.Ontology))
    assert headers == [URIRef(f"https://w3id.org/urbankg/shapes/{file_name[: -len('.ttl')]}")]
    header = headers[0]
    titles = {t.language for t in graph.objects(header, DCTERMS.title) if isinstance(t, Literal)}
    assert {"en", "fi"} <= titles
    assert graph.value(header, OWL.versionInfo) is not None
    assert graph.value(header, DCTERMS.license) == CC_BY_4


def test_every_targeted_shape_is_documented(shapes_graph: Graph) -> None:
    doc = SHAPES_DOC.read_text(encoding="utf-8")
    missing = [
        local_name(s) for s in targeted_shapes(shapes_graph) if f"| `{local_name(s)}` |" not in doc
    ]
    assert missing == [], f"not in {SHAPES_DOC.name}: {missing}"


def test_sparql_constraints_are_few_and_targeted(shapes_graph: Graph) -> None:
    with_sparql = set(shapes_graph.subjects(SH.sparql, None))
    assert with_sparql == SPARQL_SHAPES
    for shape in with_sparql:
        assert (shape, SH.targetSubjectsOf, None) in shapes_graph


def test_ontology_and_vocabularies_alone_conform(
    shapes_graph: Graph, ontology_graph: Graph
) -> None:
    # The context every batch is validated with must itself raise nothing.
    assert validate(with_ontology(ontology_graph), shapes_graph) == []


# ---------------------------------------------------------------------------------------------
# The business id check digit, against a reference implementation
# ---------------------------------------------------------------------------------------------


def reference_check_digit(base: str) -> int | None:
    """The Y-tunnus check digit of a 7-digit base, or None where no digit is valid."""
    r = sum(int(d) * w for d, w in zip(base, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if r == 1:
        return None
    return 0 if r == 0 else 11 - r


def test_business_id_check_digit_agrees_with_reference(shapes_graph: Graph) -> None:
    # Bases spread over the whole range, plus Espoo's, Helsinki's, one with remainder 0
    # (0000000) and one with remainder 1 (1000008); every possible check digit of each. All ids
    # hang on one actor, so the SPARQL constraint runs (and is parsed) once.
    bases = [f"{n:07d}" for n in range(0, 10_000_000, 737_373)]
    bases += ["0101263", "0201256", "0000000", "1000008"]
    assert reference_check_digit("0101263") == 6
    assert reference_check_digit("0000000") == 0
    assert reference_check_digit("1000008") is None
    actor = URIRef("https://w3id.org/urbankg/id/actor/test")
    data = Graph()
    expected_invalid = set()
    for base in bases:
        for digit in range(10):
            business_id = Literal(f"{base}-{digit}")
            data.add((actor, UKG.businessId, business_id))
            if reference_check_digit(base) != digit:
                expected_invalid.add(business_id)

    results = validate(data, shapes_graph, use_shapes=[UKGSH.BusinessIdCheckDigit])

    assert {r.source_shape for r in results} == {UKGSH.BusinessIdCheckDigit}
    assert {r.value for r in results} == expected_invalid
    flagged = {str(r.value) for r in results}
    assert "0101263-6" not in flagged  # Espoo
    assert "0201256-6" not in flagged  # Helsinki
    assert {f"1000008-{d}" for d in range(10)} <= flagged
