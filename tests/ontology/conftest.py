"""Fixtures of the ontology tests: the bundled ontology and the UN SDG reference files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph

from urbankg.tools.ontology_checks import load_ontology

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE = REPO_ROOT.parent / "shared" / "reference"


def _reference(*parts: str) -> Path:
    path = REFERENCE.joinpath(*parts)
    if not path.is_file():
        reason = f"reference file {path} is absent (it lives outside the repository)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The union of every bundled ontology and vocabulary file."""
    return load_ontology()


@pytest.fixture(scope="session")
def sdg_kos_path() -> Path:
    """The UN SDG KOS dump (goals, targets, indicators)."""
    return _reference("sdg", "sdg-kos-goals-targets-indicators.ttl")


@pytest.fixture(scope="session")
def sdg_kos(sdg_kos_path: Path) -> Graph:
    """The parsed UN SDG KOS dump."""
    return Graph().parse(sdg_kos_path, format="turtle")


@pytest.fixture(scope="session")
def sdg_ontology() -> Graph:
    """The parsed UN SDG ontology (``sdgo:``)."""
    return Graph().parse(_reference("sdg", "sdgs-ontology.ttl"), format="turtle")


@pytest.fixture(scope="session")
def model_md() -> str:
    """The text of the data model contract, docs/model.md."""
    return (REPO_ROOT / "docs" / "model.md").read_text(encoding="utf-8")
