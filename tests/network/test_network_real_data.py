"""The network of the bundled Kestävä kaupunki data is sensible."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from urbankg.graph.load import init_store
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.network import NetworkFilters, analyse, build_network, summary

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_store() -> Iterator[OxigraphStore]:
    store = open_store(None)
    init_store(store)
    yield store
    store.close()


def test_the_real_network(real_store: OxigraphStore) -> None:
    network = build_network(real_store)
    s = summary(analyse(network))
    net = s["network"]
    assert 120 <= net["actors"] <= 140
    assert net["ties"] > net["actors"]
    assert net["projects"] > 40 and net["programmes"] >= 1
    # Every helix takes part; the public sector dominates and ties mostly stay inside it.
    assert {g["group"] for g in s["ei"]["groups"]} >= {
        "public",
        "research",
        "business",
        "civil-society",
    }
    assert s["ei"]["observed"] < s["ei"]["baseline"]
    # The programme's coordinator, the Ministry of the Environment, brokers the most.
    top = [t["iri"].rsplit("/", 1)[1] for t in s["betweenness"]["top"]]
    assert "ymparistoministerio" in top[:3]


def test_real_filters(real_store: OxigraphStore) -> None:
    kk = build_network(real_store, NetworkFilters(programme="kestava-kaupunki"))
    assert 0 < kk.graph.number_of_nodes() < build_network(real_store).graph.number_of_nodes()
    low = build_network(
        real_store, NetworkFilters(theme="low-carbon", year_from=2019, year_to=2023)
    )
    assert low.graph.number_of_nodes() > 0
