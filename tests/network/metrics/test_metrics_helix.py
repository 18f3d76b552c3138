"""Helix spans and Leydesdorff's triple- and quadruple-helix mutual information by hand."""

from __future__ import annotations

import pytest

from urbankg.graph.store import OxigraphStore
from urbankg.network import extract
from urbankg.network.extract import HELICES
from urbankg.network.metrics import TRIPLE, co_information, helix_spans, initiative_helices

P, R, B, C = "public", "research", "business", "civil-society"


def test_triple_helix_by_hand() -> None:
    configs = [frozenset(c) for c in ({P}, {P, R}, {R, B}, {P, R, B})]
    # H_U = H_G = H(1/4, 3/4) = 0.811278, H_I = 1, each pair 1.5, all three 2 (four distinct):
    # T = 0.811278 * 2 + 1 - 3 * 1.5 + 2.
    assert co_information(configs, TRIPLE) == pytest.approx(0.122556, abs=1e-6)


def test_synergy_is_negative() -> None:
    # One helix each plus one with all three: every entropy 1, pairs 2, triple 2: 3 - 6 + 2.
    configs = [frozenset(c) for c in ({R}, {B}, {P}, {R, B, P})]
    assert co_information(configs, TRIPLE) == pytest.approx(-1.0)


def test_quadruple_helix_by_hand() -> None:
    configs = [frozenset({h}) for h in HELICES]
    # Singles 4 * 0.811278, pairs 6 * 1.5, triples 4 * 2, all four 2: signs + - + -.
    assert co_information(configs, HELICES) == pytest.approx(4 * 0.8112781 - 9 + 8 - 2, abs=1e-6)


def test_degenerate_values() -> None:
    assert co_information([], TRIPLE) is None
    assert co_information([frozenset({P, R})] * 3, TRIPLE) == 0.0


def test_spans_of_the_mini_fixture(mini_store: OxigraphStore) -> None:
    configs = initiative_helices(extract(mini_store))
    # p23, p45, p13 span two helices; p12 (two public actors), p34, p6, prog-a one.
    assert helix_spans(configs.values()) == {0: 0, 1: 4, 2: 3, 3: 0, 4: 0}
