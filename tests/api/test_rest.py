"""The REST API /api/v1: filters, paging, sorting, languages, CSV, validation, hostile input."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

import httpx
import pytest

HOSTILE = [
    '"} ) } DROP ALL #',
    "' . ?s ?p ?o } #",
    "> } ; CLEAR ALL ; SELECT * WHERE { <",
    "\\u0022) } CLEAR ALL",
    "%00\x00\n\r}",
    "SERVICE <http://127.0.0.1:9/> { }",
]


def _all(client: httpx.Client, url: str, **params: object) -> list[dict[str, object]]:
    r = client.get(url, params={**params, "per_page": 500})
    assert r.status_code == 200, r.text
    items: list[dict[str, object]] = r.json()["items"]
    return items


def test_projects_page_total_and_links(client: httpx.Client) -> None:
    r = client.get("/api/v1/projects", params={"per_page": 5, "page": 2})
    body = r.json()
    total = body["total"]
    assert total > 40 and int(r.headers["x-total-count"]) == total
    assert len(body["items"]) == 5 and body["page"] == 2
    assert 'rel="next"' in r.headers["link"] and 'rel="prev"' in r.headers["link"]
    last = client.get(body["links"]["last"]).json()
    assert len(last["items"]) == total - 5 * (-(-total // 5) - 1)
    assert "next" not in last["links"]


def test_project_filters(client: httpx.Client) -> None:
    everything = _all(client, "/api/v1/projects")
    low_carbon = _all(client, "/api/v1/projects", theme="low-carbon")
    assert 0 < len(low_carbon) < len(everything)
    # sub-themes count for their top theme
    urban = _all(client, "/api/v1/projects", theme="sustainable-urban-planning")
    assert {p["slug"] for p in urban} <= {p["slug"] for p in low_carbon}
    goal = _all(client, "/api/v1/projects", sdg="11")
    assert goal and all(isinstance(p["slug"], str) for p in goal)
    research = _all(client, "/api/v1/projects", helix="research")
    universities = _all(client, "/api/v1/projects", sector="university")
    assert universities and {p["slug"] for p in universities} <= {p["slug"] for p in research}
    helsinki = _all(client, "/api/v1/projects", actor="helsinki")
    assert helsinki
    kk = _all(client, "/api/v1/projects", programme="kestava-kaupunki")
    assert 10 < len(kk) < len(everything)
    late = _all(client, "/api/v1/projects", year_from=2022)
    assert all(p["end_year"] is None or p["end_year"] >= 2022 for p in late)
    early = _all(client, "/api/v1/projects", year_to=2019)
    assert all(p["start_year"] is None or p["start_year"] <= 2019 for p in early)
    both = _all(client, "/api/v1/projects", theme="low-carbon", programme="kestava-kaupunki")
    assert {p["slug"] for p in both} == {p["slug"] for p in low_carbon} & {p["slug"] for p in kk}


@pytest.mark.parametrize(("text", "lang"), [("kestävä", "fi"), ("vasa", "sv"), ("review", "en")])
def test_free_text_in_each_language(client: httpx.Client, text: str, lang: str) -> None:
    found = _all(client, "/api/v1/projects", q=text.upper())
    assert found, text


def test_sort_and_language(client: httpx.Client) -> None:
    items = _all(client, "/api/v1/projects", sort="-start_year", lang="sv")
    years = [p["start_year"] for p in items if p["start_year"] is not None]
    assert years == sorted(years, reverse=True)
    assert items[-1]["start_year"] is None or len(years) == len(items)
    labels = {p["slug"]: p for p in items}
    with_sv = [p for p in labels.values() if "sv" in p["labels"]]  # type: ignore[operator]
    assert with_sv and all(p["label"] == p["labels"]["sv"] for p in with_sv)  # type: ignore[index]
    actors = _all(client, "/api/v1/actors", sort="-initiatives")
    counts = [a["initiatives"] for a in actors]
    assert counts == sorted(counts, reverse=True)  # type: ignore[type-var]


def test_csv_by_format_and_accept(client: httpx.Client) -> None:
    for r in (
        client.get("/api/v1/projects", params={"format": "csv", "per_page": 500}),
        client.get("/api/v1/projects", params={"per_page": 500}, headers={"Accept": "text/csv"}),
    ):
        assert r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert len(rows) == int(r.headers["x-total-count"])
        assert rows[0]["id"].startswith("https://w3id.org/urbankg/id/project/")
    r = client.get("/api/v1/themes", headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_project_details(client: httpx.Client) -> None:
    r = client.get("/api/v1/projects/circularhoodfood", params={"lang": "fi"})
    p = r.json()
    assert p["label"] == "CircularHoodFood" and p["start_year"] == 2020
    assert {x["role"] for x in p["participants"]} >= {"coordinator", "partner"}
    assert p["sources"] and p["sources"][0].startswith("http")
    assert client.get("/api/v1/projects/no-such-project").status_code == 404


def test_actor_details_with_grants(client: httpx.Client) -> None:
    a = client.get("/api/v1/actors/ymparistoministerio", params={"lang": "sv"}).json()
    assert a["label"] == "Miljöministeriet" and a["helix"] == "public"
    assert any(i["slug"] == "kestava-kaupunki" for i in a["initiatives"])
    assert a["grants"] and all(
        g["funder"] == "ymparistoministerio"
        for g in a["grants"]
        if g["grantee"] != "ymparistoministerio"
    )


def test_vocabulary_collections(client: httpx.Client) -> None:
    themes = client.get("/api/v1/themes", params={"lang": "fi"}).json()["items"]
    assert {"low-carbon", "smart", "healthy", "social-sustainability"} <= {
        t["slug"] for t in themes
    }
    assert all(t["labels"].get("fi") for t in themes)
    sdgs = client.get("/api/v1/sdgs").json()["items"]
    assert any(s["code"] == "11" for s in sdgs)
    progs = client.get("/api/v1/programmes").json()["items"]
    kk = next(p for p in progs if p["slug"] == "kestava-kaupunki")
    assert kk["start_year"] == 2019 and kk["end_year"] == 2023 and kk["projects"] > 10


@pytest.mark.parametrize(
    "params",
    [
        {"theme": "no-such-theme"},
        {"sdg": "99"},
        {"sdg": "11.3; DROP"},
        {"sector": "bank"},
        {"helix": "aliens"},
        {"sector": "city", "helix": "public"},
        {"year_from": 2023, "year_to": 2019},
        {"year_from": "next year"},
        {"page": 0},
        {"per_page": 10_000},
        {"sort": "nonsense"},
        {"lang": "de"},
        {"actor": "Bad Slug!"},
        {"programme": "../../etc/passwd"},
        {"format": "xml"},
        {"q": "x" * 500},
    ],
)
def test_invalid_parameters_get_422_with_reason(
    client: httpx.Client, params: dict[str, object]
) -> None:
    r = client.get("/api/v1/projects", params=params)
    assert r.status_code == 422, (params, r.text)
    assert r.json()["detail"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_are_harmless(client: httpx.Client, text: str) -> None:
    before = client.get("/api/v1/projects").json()["total"]
    for url in ("/api/v1/projects", "/api/v1/actors"):
        r = client.get(url, params={"q": text})
        assert r.status_code in (200, 422), r.text
        if r.status_code == 200:
            assert r.json()["total"] == 0
    r = client.get(f"/api/v1/projects/{quote(text, safe='')}")
    assert r.status_code in (404, 422)
    assert client.get("/api/v1/projects").json()["total"] == before


def test_unknown_query_parameter_is_refused_with_its_name(client: httpx.Client) -> None:
    # A misspelt filter must not silently return every project.
    r = client.get("/api/v1/projects", params={"tema": "low-carbon"})
    assert r.status_code == 422
    assert "tema" in r.json()["detail"] and "theme" in r.json()["detail"]
    assert client.get("/api/v1/projects", params={"theme": "low-carbon"}).status_code == 200
