"""The SDG goals and targets: complete, structured like the UN KOS, and only real UN IRIs."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from urbankg.resources import data_files, ontology_files
from urbankg.tools import gen_sdg
from urbankg.tools.ontology_checks import SDG_NS, SDGO_NS, SDGO_TERMS, sdg_iris

SDG = SDG_NS
SCHEME = URIRef("http://metadata.un.org/sdg")
GOAL = URIRef(SDGO_NS + "Goal")
TARGET = URIRef(SDGO_NS + "Target")


def _in_scheme(graph: Graph, kind: URIRef) -> set[URIRef]:
    return {
        s
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and (s, SKOS.inScheme, SCHEME) in graph
    }


def _un_concepts(kos: Graph) -> set[URIRef]:
    return {s for s in kos.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}


def test_exactly_17_goals_and_169_targets(ontology: Graph) -> None:
    goals = _in_scheme(ontology, GOAL)
    targets = _in_scheme(ontology, TARGET)
    assert goals == {URIRef(f"{SDG}{n}") for n in range(1, 18)}
    assert len(targets) == 169
    assert set(ontology.objects(SCHEME, SKOS.hasTopConcept)) == goals
    for concept in goals | targets:
        assert (concept, RDF.type, SKOS.Concept) in ontology


def test_targets_are_narrower_than_their_goal(ontology: Graph) -> None:
    for target in _in_scheme(ontology, TARGET):
        notation = str(target).removeprefix(SDG)
        assert re.fullmatch(r"([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])", notation), notation
        goal = URIRef(SDG + notation.split(".")[0])
        assert set(ontology.objects(target, SKOS.broader)) == {goal}
        assert ontology.value(target, SKOS.notation) == Literal(notation)


def test_goals_and_targets_have_our_labels(ontology: Graph) -> None:
    def labels(iri: str) -> dict[str | None, str]:
        return {
            o.language: str(o)
            for o in ontology.objects(URIRef(SDG + iri), SKOS.prefLabel)
            if isinstance(o, Literal)
        }

    assert labels("1") == {"fi": "Ei köyhyyttä", "sv": "Ingen fattigdom", "en": "No poverty"}
    assert labels("11") == {
        "fi": "Kestävät kaupungit ja yhteisöt",
        "sv": "Hållbara städer och samhällen",
        "en": "Sustainable cities and communities",
    }
    assert labels("11.3") == {"fi": "Alatavoite 11.3", "sv": "Delmål 11.3", "en": "Target 11.3"}
    assert labels("1.a") == {"fi": "Alatavoite 1.a", "sv": "Delmål 1.a", "en": "Target 1.a"}


def test_goal_and_target_set_equals_the_un_kos(ontology: Graph, sdg_kos: Graph) -> None:
    un_goals = {s for s in sdg_kos.subjects(RDF.type, GOAL) if isinstance(s, URIRef)}
    un_targets = {s for s in sdg_kos.subjects(RDF.type, TARGET) if isinstance(s, URIRef)}
    assert _in_scheme(ontology, GOAL) == un_goals
    assert _in_scheme(ontology, TARGET) == un_targets


def test_every_sdg_iri_of_the_ontology_exists_in_the_un_kos(
    ontology: Graph, sdg_kos: Graph
) -> None:
    assert sdg_iris(ontology) - _un_concepts(sdg_kos) == set()


def _sdg_cell_iris(cell: str) -> list[URIRef]:
    """Read an ``sdgs`` cell: ``11``, ``11.3``, ``1-17``, ``sdg:11`` or IRIs, ``;``-separated."""
    iris: list[URIRef] = []
    for token in re.split(r"[;,\s]+", cell.strip()):
        if not token:
            continue
        token = re.sub(r"^(https?://metadata\.un\.org/sdg/|sdg:)", "", token)
        if m := re.fullmatch(r"(\d+)-(\d+)", token):
            iris += [URIRef(f"{SDG}{n}") for n in range(int(m[1]), int(m[2]) + 1)]
        elif re.fullmatch(r"\d+(\.[0-9a-z]+)?", token):
            iris.append(URIRef(SDG + token))
        else:
            pytest.fail(f"unrecognised SDG reference {token!r} in {cell!r}")
    return iris


def test_sdg_cell_reader() -> None:
    assert _sdg_cell_iris("1-3; 11.3 http://metadata.un.org/sdg/13") == [
        URIRef(SDG + n) for n in ("1", "2", "3", "11.3", "13")
    ]


def test_every_sdg_in_the_bundled_data_exists_in_the_un_kos(sdg_kos: Graph) -> None:
    used: dict[URIRef, str] = {}
    for resource in data_files(".csv"):
        reader = csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8")))
        column = next((c for c in ("sdgs", "sdg") if c in (reader.fieldnames or [])), None)
        if column is None:
            continue
        for row in reader:
            for iri in _sdg_cell_iris(row[column] or ""):
                used.setdefault(iri, resource.name)
    if not used:
        pytest.skip("no bundled CSV has an sdgs column with values yet")
    unknown = {iri: name for iri, name in used.items() if iri not in _un_concepts(sdg_kos)}
    assert unknown == {}


def test_sdg_ttl_is_what_the_generator_writes(sdg_kos: Graph) -> None:
    (committed,) = [f for f in ontology_files() if f.name == "sdg.ttl"]
    assert gen_sdg.render(gen_sdg.read_targets(sdg_kos)) == committed.read_text(encoding="utf-8")


def test_no_un_label_text_is_copied(ontology: Graph, sdg_kos: Graph) -> None:
    un_texts = {
        str(o)
        for p in (SKOS.prefLabel, SKOS.note, SKOS.definition)
        for o in sdg_kos.objects(None, p)
        if isinstance(o, Literal) and len(str(o)) > 40
    }
    ours = {str(o) for o in ontology.objects() if isinstance(o, Literal)}
    assert {t for t in ours for u in un_texts if u in t} == set()


def test_sdgo_terms_are_those_of_the_un_sdg_ontology(sdg_ontology: Graph) -> None:
    declared = {
        str(s).removeprefix(SDGO_NS)
        for s in sdg_ontology.subjects(RDF.type, None)
        if str(s).startswith(SDGO_NS)
    }
    assert declared == SDGO_TERMS


def test_generator_writes_to_a_chosen_file(sdg_kos_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "sdg.ttl"
    assert gen_sdg.main([str(sdg_kos_path), "--output", str(out)]) == 0
    graph = Graph().parse(out, format="turtle")
    assert len(set(graph.subjects(RDF.type, TARGET))) == 169


def test_targets_sort_numbers_before_letters() -> None:
    notations = ["1.b", "1.10", "1.a", "1.2", "10.1"]
    assert sorted(notations, key=gen_sdg.target_sort_key) == ["1.2", "1.10", "1.a", "1.b", "10.1"]
