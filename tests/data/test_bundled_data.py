"""Checks of the bundled Kestävä kaupunki data (``src/urbankg/data/kestava-kaupunki/``).

The CSV files are read with the csv module only, so these checks hold whatever state the
importer is in. The vocabulary slugs below are copied from ``docs/model.md``; change both
together. When the research notes the data was compiled from are present next to the
repository (``../shared/data/``), every identifier and every project–actor row of the notes is
checked against the bundled files as well; that part is skipped when the notes are absent,
unless ``CI=true``.
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest

BUNDLE = "kestava-kaupunki"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"

#: Items of the research notes: programmes with a row of their own + projects.
N_ITEMS = 62
N_ACTORS = 128
N_PARTICIPATIONS = 258
N_OWN_ROW_PROGRAMMES = 6


def _words(text: str) -> set[str]:
    return set(text.split())


COLUMNS = {
    "programmes.csv": _words(
        "id name_fi name_sv name_en start_year end_year themes sdgs frameworks description_en"
        " source_url"
    ),
    "calls.csv": _words("id programme name_fi name_sv name_en year source_url"),
    "projects.csv": _words(
        "id name_fi name_sv name_en project_type programme call themes sdgs start_year end_year"
        " municipalities description_en source_url"
    ),
    "actors.csv": _words(
        "id name_fi name_sv name_en sector business_id municipality_code nuts3 source_url"
    ),
    "participations.csv": _words("project actor role role_wording source_url"),
    "grants.csv": _words("id kind project grantee funder amount_eur year source_url"),
}

# --- vocabularies of docs/model.md -----------------------------------------------------------
THEMES = _words(
    "low-carbon smart healthy social-sustainability segregation-prevention urban-green"
    " sustainable-urban-planning inclusive-participation resource-wisdom"
    " sustainability-management sustainable-mobility open-data"
)
ACTOR_TYPES = _words(
    "city municipality city-unit city-region ministry state-agency state-body regional-council"
    " joint-municipal-authority university university-of-applied-sciences research-institute"
    " vocational-college company state-owned-company city-owned-company association ngo"
    " foundation parish think-tank"
)
ROLES = _words(
    "coordinator lead research-lead chair partner co-implementer research-partner expert"
    " pilot-site state-party regional-party vice-chair participant member founding-member"
    " label-recipient implementer funder facilitator author publisher applicant grantee"
    " managing-authority operator"
)
PROJECT_TYPES = _words(
    "development-project challenge-cluster pilot network research-project strategy agreement"
    " cooperation-group local-review service label publication spearhead-project project"
)
FRAMEWORKS = {"new-urban-agenda", "agenda-2030"}

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YEAR = re.compile(r"^\d{4}$")
SDG = re.compile(r"^(\d{1,2}(\.\w{1,2})?|\d{1,2}-\d{1,2})$")
BUSINESS_ID = re.compile(r"^\d{7}-\d$")
NUTS3 = re.compile(r"^FI[0-9A-Z]{3}$")
AMOUNT = re.compile(r"^\d+(\.\d+)?$")


def _bundle() -> Traversable:
    return files("urbankg.data") / BUNDLE


def _read(folder: Traversable | Path, name: str) -> list[dict[str, str]]:
    text = (folder / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict[str, str]]]:
    return {name: _read(_bundle(), name) for name in COLUMNS}


def _multi(cell: str) -> list[str]:
    return [v for v in cell.split("|") if v]


def business_id_ok(value: str) -> bool:
    """Y-tunnus ``NNNNNNN-N`` with its mod-11 check digit."""
    if not BUSINESS_ID.match(value):
        return False
    digits = [int(c) for c in value[:7]]
    rest = sum(d * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if rest == 1:
        return False
    return int(value[-1]) == (0 if rest == 0 else 11 - rest)


def test_business_id_check_digit() -> None:
    assert business_id_ok("0201256-6")
    assert not business_id_ok("0201256-5")
    assert not business_id_ok("201256-6")


# --- shape of the files ------------------------------------------------------------------------


def test_files_have_exactly_the_documented_columns() -> None:
    for name, columns in COLUMNS.items():
        raw = (_bundle() / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), f"{name} has a BOM"
        header = next(csv.reader([raw.decode("utf-8").splitlines()[0]]))
        assert set(header) == columns, name
        assert len(header) == len(columns), name


def test_templates_hold_only_the_headers() -> None:
    template = files("urbankg.data") / "template"
    for name, columns in COLUMNS.items():
        lines = (template / name).read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1, name
        assert set(next(csv.reader(lines))) == columns, name


def test_counts(data: dict[str, list[dict[str, str]]]) -> None:
    linked = {p["project"] for p in data["participations.csv"]}
    own_row = [p for p in data["programmes.csv"] if p["id"] in linked]
    assert len(own_row) == N_OWN_ROW_PROGRAMMES
    assert len(own_row) + len(data["projects.csv"]) == N_ITEMS
    assert len(data["actors.csv"]) == N_ACTORS
    assert len(data["participations.csv"]) == N_PARTICIPATIONS


def test_every_row_has_a_source_url(data: dict[str, list[dict[str, str]]]) -> None:
    for name, rows in data.items():
        for i, row in enumerate(rows, start=2):
            urls = _multi(row["source_url"])
            assert urls, f"{name}:{i} has no source_url"
            for url in urls:
                assert url.startswith(("http://", "https://")), f"{name}:{i}: {url}"
                assert " " not in url, f"{name}:{i}: {url}"


def test_slugs_are_well_formed_and_unique(data: dict[str, list[dict[str, str]]]) -> None:
    for name in ("programmes.csv", "calls.csv", "projects.csv", "actors.csv", "grants.csv"):
        ids = [row["id"] for row in data[name]]
        bad = [i for i in ids if not SLUG.match(i)]
        assert not bad, f"{name}: {bad}"
        dup = [i for i, n in Counter(ids).items() if n > 1]
        assert not dup, f"{name}: {dup}"
    # participation IRIs are {initiative}/{actor}/{role}: programme and project ids share a space
    initiatives = [r["id"] for r in data["programmes.csv"] + data["projects.csv"]]
    dup = [i for i, n in Counter(initiatives).items() if n > 1]
    assert not dup, dup


def test_names(data: dict[str, list[dict[str, str]]]) -> None:
    for name in ("programmes.csv", "calls.csv", "projects.csv", "actors.csv"):
        for row in data[name]:
            assert row["name_fi"].strip() == row["name_fi"] != "", (name, row["id"])
            for col in ("name_fi", "name_sv", "name_en"):
                assert "  " not in row[col], (name, row["id"], col)


# --- references and vocabularies ---------------------------------------------------------------


def test_projects_belong_to_exactly_one_programme_or_call(
    data: dict[str, list[dict[str, str]]],
) -> None:
    programmes = {r["id"] for r in data["programmes.csv"]}
    calls = {r["id"]: r["programme"] for r in data["calls.csv"]}
    assert set(calls.values()) <= programmes
    for row in data["projects.csv"]:
        assert bool(row["programme"]) != bool(row["call"]), row["id"]
        if row["programme"]:
            assert row["programme"] in programmes, row["id"]
        else:
            assert row["call"] in calls, row["id"]


def test_participations_refer_to_defined_things(data: dict[str, list[dict[str, str]]]) -> None:
    initiatives = {r["id"] for r in data["programmes.csv"] + data["projects.csv"]}
    actors = {r["id"] for r in data["actors.csv"]}
    keys = Counter()
    for row in data["participations.csv"]:
        assert row["project"] in initiatives, row
        assert row["actor"] in actors, row
        assert row["role"] in ROLES, row
        assert row["role_wording"], row
        keys[(row["project"], row["actor"], row["role"])] += 1
    dup = [k for k, n in keys.items() if n > 1]
    assert not dup, f"participation ids are not unique: {dup}"
    assert {r["id"] for r in data["actors.csv"]} <= {
        r["actor"] for r in data["participations.csv"]
    }, "every actor takes part in something"


def test_vocabulary_slugs(data: dict[str, list[dict[str, str]]]) -> None:
    for row in data["actors.csv"]:
        assert row["sector"] in ACTOR_TYPES, row["id"]
    for row in data["projects.csv"]:
        assert row["project_type"] in PROJECT_TYPES, row["id"]
    for row in data["programmes.csv"] + data["projects.csv"]:
        assert set(_multi(row["themes"])) <= THEMES, row["id"]
        for sdg in _multi(row["sdgs"]):
            assert SDG.match(sdg), (row["id"], sdg)
    for row in data["programmes.csv"]:
        assert set(_multi(row["frameworks"])) <= FRAMEWORKS, row["id"]


def test_years(data: dict[str, list[dict[str, str]]]) -> None:
    for row in data["programmes.csv"] + data["projects.csv"]:
        for col in ("start_year", "end_year"):
            assert not row[col] or YEAR.match(row[col]), (row["id"], col)
        if row["start_year"] and row["end_year"]:
            assert row["start_year"] <= row["end_year"], row["id"]
    for row in data["calls.csv"] + data["grants.csv"]:
        assert not row["year"] or YEAR.match(row["year"]), row["id"]


def test_the_sustainable_city_programme(data: dict[str, list[dict[str, str]]]) -> None:
    kk = next(r for r in data["programmes.csv"] if r["id"] == "kestava-kaupunki")
    assert (kk["start_year"], kk["end_year"]) == ("2019", "2023")
    assert set(_multi(kk["themes"])) == {"low-carbon", "smart", "healthy", "social-sustainability"}
    assert set(_multi(kk["frameworks"])) == FRAMEWORKS
    assert "https://ym.fi/kestava-kaupunki-ohjelma" in _multi(kk["source_url"])


def test_actor_identifiers_are_well_formed(data: dict[str, list[dict[str, str]]]) -> None:
    for row in data["actors.csv"]:
        if row["business_id"]:
            assert business_id_ok(row["business_id"]), row["id"]
        if row["municipality_code"]:
            assert re.fullmatch(r"\d{3}", row["municipality_code"]), row["id"]
        if row["nuts3"]:
            assert NUTS3.match(row["nuts3"]), row["id"]
    codes = {r["municipality_code"] for r in data["actors.csv"] if r["municipality_code"]}
    for row in data["projects.csv"]:
        assert set(_multi(row["municipalities"])) <= codes, row["id"]


def test_grants(data: dict[str, list[dict[str, str]]]) -> None:
    initiatives = {r["id"] for r in data["programmes.csv"] + data["projects.csv"]}
    actors = {r["id"] for r in data["actors.csv"]}
    for row in data["grants.csv"]:
        assert row["kind"] in {"grant", "total-budget"}, row["id"]
        assert row["project"] in initiatives, row["id"]
        assert AMOUNT.match(row["amount_eur"]), row["id"]
        if row["kind"] == "grant":
            assert row["funder"] in actors, row["id"]
            assert row["grantee"] in actors, row["id"]
        else:
            assert not row["funder"], row["id"]
            assert not row["grantee"], row["id"]


# --- against the research notes the data was compiled from -------------------------------------


@pytest.fixture(scope="module")
def shared() -> dict[str, list[dict[str, str]]]:
    if not (SHARED / "actor_identifiers.csv").is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"research notes missing in CI: {SHARED}")
        pytest.skip(f"research notes not present: {SHARED}")
    return {name: _read(SHARED, name) for name in ("projects_actors.csv", "actor_identifiers.csv")}


#: Source wordings of actors whose bracket note was left out of the name (see docs/data.md).
ACTOR_ALIASES = {"ELY-keskus (regional)": "ely-keskus"}


def _actor_index(actors: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for row in actors:
        index[row["name_fi"]] = row
        if row["name_en"]:
            index[f"{row['name_fi']} ({row['name_en']})"] = row
    by_id = {row["id"]: row for row in actors}
    for wording, slug in ACTOR_ALIASES.items():
        index[wording] = by_id[slug]
    return index


def test_every_identifier_of_the_notes_is_on_its_actor(
    data: dict[str, list[dict[str, str]]], shared: dict[str, list[dict[str, str]]]
) -> None:
    index = _actor_index(data["actors.csv"])
    for row in shared["actor_identifiers.csv"]:
        actor = index[row["actor"]]
        urls = set(_multi(actor["source_url"]))
        if row["y_tunnus"]:
            assert actor["business_id"] == row["y_tunnus"], row["actor"]
            assert row["y_tunnus_source"] in urls, row["actor"]
        if row["kunta_code"]:
            assert actor["municipality_code"] == row["kunta_code"], row["actor"]
            assert row["kunta_code_source"] in urls, row["actor"]
        if row["name_sv"]:
            assert actor["name_sv"] == row["name_sv"], row["actor"]
        if row["nuts3_code"]:
            assert actor["nuts3"] == row["nuts3_code"], row["actor"]


def test_every_row_of_the_notes_is_a_participation(
    data: dict[str, list[dict[str, str]]], shared: dict[str, list[dict[str, str]]]
) -> None:
    rows = shared["projects_actors.csv"]
    index = _actor_index(data["actors.csv"])
    assert len({r["actor"] for r in rows}) == len(data["actors.csv"])
    assert len({r["project"] for r in rows}) == N_ITEMS
    expected = Counter((index[r["actor"]]["id"], r["role"], r["source_url"]) for r in rows)
    got = Counter(
        (p["actor"], p["role_wording"], p["source_url"]) for p in data["participations.csv"]
    )
    assert got == expected
    for r in rows:
        assert r["source_url"] in _multi(index[r["actor"]]["source_url"]), r["actor"]
