"""The closed Python namespace UKG is generated from, and matches, the ontology."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from urbankg import _ukg
from urbankg.namespaces import UKG
from urbankg.tools import gen_namespace


def test_committed_ukg_module_is_what_the_generator_writes(ontology: Graph) -> None:
    committed = Path(_ukg.__file__).read_text(encoding="utf-8")
    assert gen_namespace.render(ontology) == committed, (
        "src/urbankg/_ukg.py is out of date: run python -m urbankg.tools.gen_namespace"
    )


def test_check_mode_reports_up_to_date() -> None:
    assert gen_namespace.main(["--check"]) == 0


def test_ukg_lists_exactly_the_declared_terms(ontology: Graph) -> None:
    declared = {n for names in gen_namespace.declared_terms(ontology).values() for n in names}
    assert set(UKG.__annotations__) == declared
    for name in declared:
        assert getattr(UKG, name) == URIRef(f"https://w3id.org/urbankg/def#{name}")


def test_a_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = UKG.Projet
