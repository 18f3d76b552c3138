"""Tests of the synthetic data generator ``bench/generate.py`` (loaded from its path)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from benchgen import generator
from urbankg.graph.importers import stage_source
from urbankg.graph.importers.csvfile import business_id_ok
from urbankg.graph.validate import validate_quads
from urbankg.graph.vocab import actor_type_slugs, helix_of

GRAPH = "https://w3id.org/urbankg/id/graph/synthetic"
UKG = "https://w3id.org/urbankg/def#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ROLE = "https://w3id.org/urbankg/def/role/"


gen = generator()


@pytest.fixture(scope="module")
def data_10k(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("gen") / "synth-10k.nt"
    stats = gen.generate(10_000, 7, out, "nt")
    return out, stats


@pytest.fixture(scope="module")
def store_10k(data_10k: tuple[Path, Any]) -> ox.Store:
    store = ox.Store()
    store.bulk_load(
        path=str(data_10k[0]), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH)
    )
    return store


def _objects(store: ox.Store, s: Any, p: str) -> list[Any]:
    return [q.object for q in store.quads_for_pattern(s, ox.NamedNode(p), None, None)]


def _v(term: Any) -> str:
    """The IRI or lexical value of a term."""
    return str(term.value)


def _instances(store: ox.Store, cls: str) -> list[Any]:
    return [
        q.subject
        for q in store.quads_for_pattern(
            None, ox.NamedNode(RDF_TYPE), ox.NamedNode(UKG + cls), None
        )
    ]


# ---- size and determinism ------------------------------------------------------------------------
@pytest.mark.parametrize("size", [10_000, 40_000])
def test_size_is_within_ten_percent(tmp_path: Path, size: int) -> None:
    out = tmp_path / "d.nt"
    stats = gen.generate(size, 3, out, "nt")
    lines = out.read_bytes().count(b"\n")
    assert lines == stats.triples
    assert 0.9 * size <= stats.triples <= 1.1 * size
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == stats.triples, "every line is a distinct triple"


def test_same_seed_same_bytes(tmp_path: Path, data_10k: tuple[Path, Any]) -> None:
    again = tmp_path / "again.nt"
    gen.generate(10_000, 7, again, "nt")
    assert again.read_bytes() == data_10k[0].read_bytes()
    other = tmp_path / "other.nt"
    gen.generate(10_000, 8, other, "nt")
    assert other.read_bytes() != data_10k[0].read_bytes()


def test_csv_is_deterministic(tmp_path: Path) -> None:
    gen.generate(10_000, 5, tmp_path / "a", "csv")
    gen.generate(10_000, 5, tmp_path / "b", "csv")
    for f in sorted((tmp_path / "a").iterdir()):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


def test_rejects_sizes_out_of_range(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        gen.generate(500, 1, tmp_path / "x.nt", "nt")


def test_parse_size() -> None:
    assert gen.parse_size("100k") == 100_000
    assert gen.parse_size("1m") == 1_000_000
    assert gen.parse_size("2.5M") == 2_500_000
    assert gen.parse_size("25000") == 25_000


# ---- validity ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_validates_without_violations(store_10k: ox.Store) -> None:
    report = validate_quads(store_10k, workers=1)
    assert report.violations == [], report.violations[:3]
    assert report.triples == len(store_10k)


def test_csv_maps_to_the_same_triples(tmp_path: Path, data_10k: tuple[Path, Any]) -> None:
    folder = tmp_path / "csv"
    stats = gen.generate(10_000, 7, folder, "csv")
    assert stats.triples == data_10k[1].triples
    assert {p.name for p in folder.iterdir()} == {
        "programmes.csv",
        "calls.csv",
        "actors.csv",
        "projects.csv",
        "participations.csv",
        "grants.csv",
    }
    staged = stage_source(folder, base=gen.BASE, graph=GRAPH, exists=lambda _iri, _cls: False)
    try:
        from_csv = {q.triple for q in staged.store.quads_for_pattern(None, None, None, None)}
    finally:
        staged.close()
    from_nt = {q.triple for q in ox.parse(path=str(data_10k[0]), format=ox.RdfFormat.N_TRIPLES)}
    assert from_csv == from_nt
    # The N-Triples are in canonical form: a store gives back the very same literals.
    stored = ox.Store()
    stored.bulk_load(path=str(data_10k[0]), format=ox.RdfFormat.N_TRIPLES)
    assert {q.triple for q in stored.quads_for_pattern(None, None, None, None)} == from_nt


@pytest.mark.slow
def test_batch_validates_against_its_data_set(
    tmp_path: Path, data_10k: tuple[Path, Any], store_10k: ox.Store
) -> None:
    out = tmp_path / "batch.nt"
    stats = gen.generate_batch(10_000, 7, 20, out, "nt")
    assert stats.projects == 20
    batch = ox.Store()
    batch.bulk_load(
        path=str(out), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(GRAPH + "-b")
    )
    report = validate_quads(batch, context=[store_10k], workers=1)
    assert report.violations == [], report.violations[:3]
    # The batch adds projects; it redefines none of the data set's subjects.
    subjects = {q.subject for q in batch.quads_for_pattern(None, None, None, None)}
    clash = [s for s in subjects if next(store_10k.quads_for_pattern(s, None, None, None), None)]
    projects = {s for s in clash if "/project/" in _v(s) or "/participation/" in _v(s)}
    assert not projects
    # As CSV, the batch refers to actors, programmes and calls it does not define.
    folder = tmp_path / "batch-csv"
    gen.generate_batch(10_000, 7, 20, folder, "csv")
    assert sorted(p.name for p in folder.iterdir()) == [
        "grants.csv",
        "participations.csv",
        "projects.csv",
    ]
    with pytest.raises(Exception, match="never defined"):
        stage_source(folder, base=gen.BASE, graph=GRAPH, exists=lambda _iri, _cls: False)


# ---- realism -------------------------------------------------------------------------------------
def test_counts_follow_the_design_ratio(data_10k: tuple[Path, Any]) -> None:
    stats = data_10k[1]
    per_project = stats.participations / stats.projects
    assert 3.6 <= per_project <= 4.6  # DESIGN §8: 142,000 / 34,500 = 4.12
    assert stats.programmes >= 4
    assert stats.calls >= 4
    assert stats.grants > 0
    assert stats.budgets > 0


def test_participations_one_lead_per_project(store_10k: ox.Store) -> None:
    leading = {ROLE + "lead", ROLE + "coordinator", ROLE + "research-lead", ROLE + "chair"}
    sizes = []
    for project in _instances(store_10k, "Project"):
        parts = _objects(store_10k, project, PROV + "qualifiedAssociation")
        sizes.append(len(parts))
        roles = [str(_objects(store_10k, p, PROV + "hadRole")[0].value) for p in parts]
        assert sum(r in leading for r in roles) == 1, project
        agents = {str(_objects(store_10k, p, PROV + "agent")[0].value) for p in parts}
        assert agents == {
            str(a.value) for a in _objects(store_10k, project, PROV + "wasAssociatedWith")
        }
    assert min(sizes) >= 1
    assert max(sizes) <= 8
    assert Counter(sizes)[1] > 0 and Counter(sizes)[8] > 0


def test_skew_a_few_actors_in_very_many_projects(store_10k: ox.Store) -> None:
    per_actor: Counter[str] = Counter()
    for q in store_10k.quads_for_pattern(
        None, ox.NamedNode(PROV + "wasAssociatedWith"), None, None
    ):
        if "/project/" in _v(q.subject):
            per_actor[_v(q.object)] += 1
    projects = len(_instances(store_10k, "Project"))
    top = per_actor.most_common(3)
    assert top[0][1] >= 0.15 * projects, top
    median = sorted(per_actor.values())[len(per_actor) // 2]
    assert top[0][1] >= 10 * median, (top, median)
    sector = ox.NamedNode("http://www.w3.org/ns/org#classification")
    top_types = {
        _objects(store_10k, ox.NamedNode(a), sector.value)[0].value.rsplit("/", 1)[1]
        for a, _ in top
    }
    assert top_types & {"city", "university", "research-institute"}, top_types


def test_actors_cover_every_sector_and_identifiers_are_valid(store_10k: ox.Store) -> None:
    sectors: Counter[str] = Counter()
    codes: list[str] = []
    for actor in _instances(store_10k, "Actor"):
        (concept,) = _objects(store_10k, actor, "http://www.w3.org/ns/org#classification")
        slug = concept.value.rsplit("/", 1)[1]
        sectors[slug] += 1
        for bid in _objects(store_10k, actor, UKG + "businessId"):
            assert business_id_ok(bid.value), bid
            assert helix_of()[slug] == "business"
        for code in _objects(store_10k, actor, UKG + "municipalityCode"):
            assert re.fullmatch(r"[0-9]{3}", code.value)
            codes.append(code.value)
        if slug in ("city", "municipality"):
            assert _objects(store_10k, actor, UKG + "municipalityCode"), actor
    assert set(sectors) == set(actor_type_slugs())
    assert len(codes) == len(set(codes)), "municipality codes are unique"
    assert (
        sum(1 for a in _instances(store_10k, "Actor") if _objects(store_10k, a, UKG + "businessId"))
        > 0
    )
    helices = {helix_of()[s] for s in sectors}
    assert helices == {"public", "research", "business", "civil-society"}


def test_years_labels_and_sources(store_10k: ox.Store) -> None:
    langs: Counter[str] = Counter()
    letters: set[str] = set()
    for cls in ("Programme", "Project"):
        for s in _instances(store_10k, cls):
            start = [int(y.value) for y in _objects(store_10k, s, UKG + "startYear")]
            end = [int(y.value) for y in _objects(store_10k, s, UKG + "endYear")]
            for y in start + end:
                assert 2008 <= y <= 2031
            if start and end:
                assert start[0] <= end[0]
            labels = _objects(store_10k, s, SKOS + "prefLabel")
            assert any(isinstance(lab, ox.Literal) and lab.language == "fi" for lab in labels)
            for lab in labels:
                langs[lab.language] += 1
                letters.update(ch for ch in lab.value if ch in "äöåÄÖÅ")
    assert langs["sv"] > 0 and langs["en"] > 0
    assert {"ä", "ö", "å"} <= letters
    for cls in ("Programme", "Project", "Actor", "Participation", "Grant", "Budget"):
        instances = _instances(store_10k, cls)
        assert instances, cls
        for s in instances:
            assert _objects(store_10k, s, DCT + "source"), (cls, s)


def test_grants_and_sdgs(store_10k: ox.Store) -> None:
    grants = _instances(store_10k, "Grant")
    for g in grants:
        assert len(_objects(store_10k, g, "https://schema.org/funder")) == 1
        (amount,) = _objects(store_10k, g, UKG + "amount")
        assert float(amount.value) >= 0
    sdg = [
        _v(q.object)
        for q in store_10k.quads_for_pattern(None, ox.NamedNode(UKG + "sdg"), None, None)
    ]
    assert any("." in s.rsplit("/", 1)[1] for s in sdg), "some SDG targets"
    assert any("." not in s.rsplit("/", 1)[1] for s in sdg), "some SDG goals"
    assert _instances(store_10k, "FundingCall")
    part_of = Counter(
        _v(q.object).split("/")[-2]
        for q in store_10k.quads_for_pattern(None, ox.NamedNode(DCT + "isPartOf"), None, None)
        if "/project/" in _v(q.subject)
    )
    assert part_of["call"] > 0 and part_of["programme"] > 0
