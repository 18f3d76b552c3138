"""The example research queries: documented, shipped, and each returns rows on the real data."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from urbankg.api.examples import examples

DOCS = Path(__file__).resolve().parents[2] / "docs" / "queries.md"


def test_at_least_twelve_examples() -> None:
    assert len(examples()) >= 12


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_example_returns_rows(client: httpx.Client, example: object) -> None:
    name, question, text = example.name, example.question, example.text  # type: ignore[attr-defined]
    assert question.endswith("?"), name
    assert "# Bound variables:" in text, name
    r = client.post("/sparql", data={"query": text})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"], f"{name} returned no rows"
    assert f"{name}.rq" in DOCS.read_text(encoding="utf-8"), f"{name} is not in docs/queries.md"


def test_examples_are_offered_on_the_query_page(client: httpx.Client) -> None:
    # The browser page is the YASGUI editor (urbankg.web) with one tab per example query.
    page = client.get("/sparql", headers={"Accept": "text/html"}).text
    assert "yasgui" in page.lower()
    assert all(e.name in page for e in examples())
