"""CKAN's DCAT harvester parser (ckanext-dcat) reads ``/catalog`` from a running server.

CKAN lives in its own virtual environment (``.cache/ckan-venv``, made on first use and reused;
``URBANKG_CKAN_VENV`` names another place). The parser runs there in a subprocess
(``ckan_parse.py``) and prints the CKAN dataset dictionaries as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from catalogtest_support import Server
from ckan_env import ensure, venv_path
from rdflib import Graph, URIRef

from urbankg.settings import CC_BY_4_0

SCRIPT = Path(__file__).with_name("ckan_parse.py")
DCAT = "http://www.w3.org/ns/dcat#"


@pytest.fixture(scope="session")
def ckan_python() -> Path:
    """The Python of a virtual environment with CKAN and ckanext-dcat (installed if missing)."""
    try:
        return ensure()
    except RuntimeError as exc:
        reason = f"cannot install CKAN into {venv_path()}: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def harvest(python: Path, url: str, fmt: str, tmp_path: Path) -> dict[str, list[dict[str, Any]]]:
    """Run CKAN's parser on ``url``; return its datasets (plain and multilingual passes)."""
    licences = tmp_path / "licences.json"
    licences.write_text(
        json.dumps(
            [{"id": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "url": CC_BY_4_0}]
        )
    )
    done = subprocess.run(
        [str(python), str(SCRIPT), url, fmt, str(licences)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, list[dict[str, Any]]] = json.loads(done.stdout)
    return result


def _extra(dataset: dict[str, Any], key: str) -> Any:
    return next((e["value"] for e in dataset.get("extras", []) if e["key"] == key), None)


def _uri(dataset: dict[str, Any]) -> str:
    return str(dataset.get("uri") or _extra(dataset, "uri"))


@pytest.mark.slow
@pytest.mark.parametrize(("path", "fmt"), [("/catalog.rdf", "xml"), ("/catalog.ttl", "turtle")])
def test_ckan_harvests_every_dataset(
    ckan_python: Path, kk_server: Server, tmp_path: Path, path: str, fmt: str
) -> None:
    with kk_server.client() as http:
        catalogue = Graph().parse(data=http.get("/catalog.ttl").content, format="turtle")
    expected: dict[str, dict[str, str]] = {}
    for dataset in catalogue.subjects(URIRef(DCAT + "distribution"), None):
        urls = expected.setdefault(str(dataset), {})
        for dist in catalogue.objects(dataset, URIRef(DCAT + "distribution")):
            link = catalogue.value(dist, URIRef(DCAT + "downloadURL")) or catalogue.value(
                dist, URIRef(DCAT + "accessURL")
            )
            urls[str(dist)] = str(link)
    assert len(expected) == 11

    out = harvest(ckan_python, kk_server.url + path, fmt, tmp_path)
    for mode in ("plain", "multilingual"):
        datasets = {_uri(d): d for d in out[mode]}
        assert set(datasets) == set(expected), mode
        for uri, d in datasets.items():
            assert d["title"] and d["notes"], (mode, uri)
            themes = d.get("theme") or json.loads(_extra(d, "theme") or "[]")
            assert "http://publications.europa.eu/resource/authority/data-theme/REGI" in themes
            resources = {r["uri"]: r for r in d["resources"]}
            assert {k: r["url"] for k, r in resources.items()} == expected[uri], (mode, uri)
            for r in resources.values():
                assert r["format"].startswith(
                    "http://publications.europa.eu/resource/authority/file-type/"
                ), r
                assert r["license"] == CC_BY_4_0
                if r["url"].endswith((".gz", ".csv")):
                    assert len(r["hash"]) == 64 and r["size"] > 0 and r["mimetype"]
    for uri, d in {_uri(d): d for d in out["multilingual"]}.items():
        for field in ("title_translated", "notes_translated", "tags_translated"):
            assert set(d[field]) == {"fi", "sv", "en"} and all(d[field].values()), (uri, field)
        assert d["license_id"] == "CC-BY-4.0", uri
        assert set(d["language"]) == {
            f"http://publications.europa.eu/resource/authority/language/{c}"
            for c in ("FIN", "SWE", "ENG")
        }
        assert d["publisher"][0]["uri"] == "https://w3id.org/urbankg"
    kk = next(d for d in out["multilingual"] if _uri(d).endswith("#programme-kestava-kaupunki"))
    assert kk["title_translated"]["fi"].startswith("Kestävä kaupunki -ohjelma")
    assert kk["title_translated"]["sv"].startswith("Programmet för hållbara städer")
    assert (_extra(kk, "temporal_start"), _extra(kk, "temporal_end")) == ("2019", "2023")
