"""The web pages in a real browser (Playwright driving Debian's Chromium, no download).

Skipped when Playwright or Chromium is missing, except under ``CI=true`` where that fails.
Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from testserver import Running

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("URBANKG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.slow


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        _unavailable(f"Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page with its console errors and the hosts it asked."""

    def __init__(self, browser: Any, server: Running, **context: Any) -> None:
        self.ctx = browser.new_context(**context)
        self.page = self.ctx.new_page()
        self.errors: list[str] = []
        self.hosts: set[str] = set()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.hosts.add(urlsplit(r.url).netloc))
        self.own = urlsplit(server.url).netloc

    def foreign(self) -> set[str]:
        return {h for h in self.hosts if h and h != self.own}

    def close(self) -> None:
        self.ctx.close()


@pytest.fixture
def page(browser: Any, web_server: Running) -> Iterator[Page]:
    p = Page(browser, web_server)
    yield p
    p.close()


def ready(p: Page) -> None:
    p.page.wait_for_function("window.urbankg && window.urbankg.ready === true", timeout=30000)


def shot(p: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_network_page_renders_every_node(
    page: Page, web_server: Running, web_client: httpx.Client
) -> None:
    expected = len(web_client.get("/api/v1/network").json()["nodes"])
    page.page.goto(web_server.url + "/")
    ready(page)
    assert page.page.evaluate("window.urbankg.cy.nodes(':visible').length") == expected
    assert page.page.evaluate("window.urbankg.cy.nodes().length") == expected
    assert page.page.locator("#legend").inner_text().count("public") == 1
    page.page.wait_for_function("window.urbankg.timings.firstRender !== undefined")
    timings = page.page.evaluate("window.urbankg.timings")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "web-performance-real.json").write_text(json.dumps(timings, indent=2))
    # measured in the browser: construction of the graph to its first frame on the canvas
    # (firstRenderAt, from navigation start, is recorded too and reported in docs/web.md)
    assert timings["firstRender"] < 1000
    shot(page, "network")
    assert page.errors == []
    assert page.foreign() == set()


def test_filter_hides_without_moving(
    page: Page, web_server: Running, web_client: httpx.Client
) -> None:
    page.page.goto(web_server.url + "/")
    ready(page)
    before = page.page.evaluate(
        "Object.fromEntries(window.urbankg.cy.nodes().map(n => [n.id(), n.position()]))"
    )
    total = page.page.evaluate("window.urbankg.cy.nodes(':visible').length")
    page.page.select_option("select[name=theme]", "low-carbon")
    page.page.wait_for_function(f"window.urbankg.visible < {total}")
    expected = len(web_client.get("/api/v1/network?theme=low-carbon").json()["nodes"])
    assert page.page.evaluate("window.urbankg.cy.nodes(':visible').length") == expected
    after = page.page.evaluate(
        "Object.fromEntries(window.urbankg.cy.nodes().map(n => [n.id(), n.position()]))"
    )
    assert after == before
    assert "theme=low-carbon" in page.page.url
    shot(page, "network-filtered")
    assert page.errors == []


def test_filter_menus_follow_the_language(page: Page, web_server: Running) -> None:
    def option(name: str, value: str) -> str:
        text: str = page.page.locator(f"select[name={name}] option[value='{value}']").inner_text()
        return text.strip()

    page.page.goto(web_server.url + "/?lang=fi")
    ready(page)
    assert option("theme", "low-carbon") == "Vähähiilisyys"
    assert option("sector", "university") == "Yliopisto"
    assert option("role", "coordinator") == "Koordinaattori"
    assert option("sdg", "11") == "11. Kestävät kaupungit ja yhteisöt"
    page.page.select_option("#lang", "sv")
    page.page.wait_for_function("document.documentElement.lang === 'sv'")
    assert option("theme", "low-carbon") == "Koldioxidsnålhet"
    assert option("sector", "university") == "Universitet"
    assert option("sdg", "11.3") == "Delmål 11.3"
    page.page.select_option("#lang", "en")
    assert option("theme", "low-carbon") == "Low-carbon"
    assert page.errors == []


def test_click_opens_panel_with_projects(page: Page, web_server: Running) -> None:
    page.page.goto(web_server.url + "/")
    ready(page)
    actor = "https://w3id.org/urbankg/id/actor/espoo"
    pos = page.page.evaluate(
        f"(() => {{ const n = window.urbankg.cy.getElementById({json.dumps(actor)});"
        " const p = n.renderedPosition(); const b = document.getElementById('cy')"
        ".getBoundingClientRect(); return {x: b.left + p.x, y: b.top + p.y}; })()"
    )
    page.page.mouse.click(pos["x"], pos["y"])
    panel = page.page.locator("#panel")
    panel.wait_for(state="visible")
    assert "Espoo" in panel.locator("h2").inner_text()
    links = panel.locator("ul.projects a")
    assert links.count() > 0
    assert links.first.get_attribute("href").startswith("/id/")  # type: ignore[union-attr]
    assert "sel=" in page.page.url
    shot(page, "network-panel")
    assert page.errors == []


def test_url_state_restores_the_view(page: Page, web_server: Running) -> None:
    actor = "https://w3id.org/urbankg/id/actor/espoo"
    page.page.goto(
        f"{web_server.url}/?theme=low-carbon&size=strength&cross=1&view=table&lang=fi&sel={actor}"
    )
    ready(page)
    assert page.page.input_value("select[name=theme]") == "low-carbon"
    assert page.page.input_value("select[name=size]") == "strength"
    assert page.page.is_checked("input[name=cross]")
    assert page.page.locator("#tables").is_visible()
    assert page.page.locator("#panel h2").inner_text().strip() == "Espoo"
    assert page.page.evaluate("document.documentElement.lang") == "fi"
    assert page.page.locator("[data-i18n='summary']").inner_text() == "Yhteenveto"
    assert page.page.evaluate("localStorage.getItem('urbankg.lang')") == "fi"
    assert page.errors == []


def test_unknown_value_and_empty_result_show_a_message(page: Page, web_server: Running) -> None:
    page.page.goto(web_server.url + "/?theme=no-such-theme")
    ready_or_message = page.page.locator("#message")
    ready_or_message.wait_for(state="visible")
    assert "no-such-theme" in ready_or_message.inner_text()
    page.page.goto(web_server.url + "/?from=2090")
    ready(page)
    assert page.page.locator("#message").is_visible()
    assert page.page.evaluate("window.urbankg.visible") == 0


def test_svg_and_png_export(page: Page, web_server: Running) -> None:
    page.page.goto(web_server.url + "/?theme=low-carbon")
    ready(page)
    svg = page.page.evaluate("window.urbankg.toSvg()")
    visible = page.page.evaluate("window.urbankg.cy.nodes(':visible').length")
    assert svg.startswith("<svg") and svg.count("<circle") == visible
    with page.page.expect_download() as d:
        page.page.click("#png")
    assert d.value.suggested_filename == "urbankg-network.png"
    href = page.page.get_attribute("#dl-graphml", "href")
    assert href == "/api/v1/network.graphml?theme=low-carbon"


def test_phone_sized_screen(browser: Any, web_server: Running) -> None:
    p = Page(browser, web_server, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        p.page.goto(web_server.url + "/")
        ready(p)
        width = p.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400
        shot(p, "network-phone")
        assert p.errors == []
    finally:
        p.close()


def test_sparql_page_runs_an_example(page: Page, web_server: Running) -> None:
    page.page.goto(web_server.url + "/sparql")
    page.page.locator(".yasqe_queryButton").first.wait_for(state="visible")
    assert (
        page.page.locator(".tabPanel, [role=tab]").count() >= 10
        or page.page.locator(".tab").count() >= 10
    )
    page.page.locator(".yasqe_queryButton").first.click()
    rows = page.page.locator(".yasr table tbody tr")
    rows.first.wait_for(state="visible", timeout=30000)
    assert rows.count() > 0
    shot(page, "sparql")
    assert page.errors == []
    assert page.foreign() == set()


def test_matrix_page(page: Page, web_server: Running) -> None:
    page.page.goto(web_server.url + "/matrix?lang=en")
    assert page.page.locator("table.matrix tbody tr").count() >= 4
    row = page.page.locator("table.matrix tbody th a[href$='theme=low-carbon']")
    assert row.inner_text().strip() == "Low-carbon"  # the theme's label, not its slug
    page.page.select_option("#lang", "fi")
    page.page.wait_for_function("document.documentElement.lang === 'fi'")
    assert row.inner_text().strip() == "Vähähiilisyys"
    assert page.page.locator("h1").inner_text() == "Teemat × SDG:t"
    shot(page, "matrix")
    assert page.errors == []


@pytest.mark.parametrize("path", ["/id/actor/espoo", "/def", "/matrix", "/sparql", "/"])
def test_every_page_has_the_same_header(page: Page, web_server: Running, path: str) -> None:
    page.page.goto(web_server.url + path + "?lang=sv")
    nav = page.page.locator("header nav")
    for text in ["Nätverk", "Teman × SDG", "SPARQL", "Ontologi"]:
        nav.get_by_text(text, exact=True).wait_for()
    assert page.page.input_value("#lang") == "sv"
    assert page.page.locator("link[href$='/static/web/web.css']").count() == 1
    assert page.page.evaluate("document.body.dataset.root") == ""
    assert page.errors == []
    assert page.foreign() == set()


def test_linked_data_page_switches_and_remembers_the_language(
    page: Page, web_server: Running
) -> None:
    url = web_server.url + "/id/actor/ymparistoministerio"
    page.page.goto(url + "?lang=fi")
    assert page.page.locator("h1").inner_text() == "Ympäristöministeriö"
    assert page.page.evaluate("document.documentElement.lang") == "fi"  # the server's
    with page.page.expect_navigation():
        page.page.select_option("#lang", "sv")
    assert page.page.locator("h1").inner_text() == "Miljöministeriet"
    assert "lang=sv" in page.page.url
    page.page.goto(url)  # no ?lang=: the remembered choice wins over Accept-Language
    page.page.wait_for_url("**lang=sv")
    assert page.page.locator("h1").inner_text() == "Miljöministeriet"
    assert page.page.locator("[data-i18n='nav.network']").inner_text() == "Nätverk"
    assert page.errors == []


def synthetic(nodes: int, edges: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    groups = ["public", "research", "business", "civil-society"]
    ids = [f"https://w3id.org/urbankg/id/actor/a{i}" for i in range(nodes)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < edges:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    group = [groups[i % 4] for i in range(nodes)]
    degree = [0] * nodes
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
    return {
        "meta": {"nodes": nodes, "edges": edges, "weighting": "count", "filters": {}},
        "summary": None,
        "initiatives": {},
        "nodes": [
            {
                "id": ids[i],
                "iri": ids[i],
                "label": f"Actor {i}",
                "labels": {"fi": f"Actor {i}"},
                "sector": "city",
                "helix": group[i],
                "group": group[i],
                "metrics": {"degree": degree[i], "strength": float(degree[i])},
                "x": rng.uniform(-1, 1),
                "y": rng.uniform(-1, 1),
            }
            for i in range(nodes)
        ],
        "edges": [
            {
                "source": ids[a],
                "target": ids[b],
                "weight": rng.random(),
                "count": 1,
                "initiatives": [],
                "cross_sector": group[a] != group[b],
            }
            for a, b in sorted(pairs)
        ],
    }


def test_performance_2000_nodes_10000_edges(page: Page, web_server: Running) -> None:
    """Filter changes at 2,000 actors / 10,000 ties, timed in the browser by network.js.

    Measured in the page with ``performance.now()`` from the form's change event:
    ``timings.filter`` to the visibility decided, ``timings.filterPainted`` to the repaint of
    the picture issued (ties and actor discs, net/layer.js), ``timings.filterFrame`` to the
    first task after that frame (the browser has rasterised it), ``timings.filterSynced`` to
    cytoscape's render of the change (pointer, labels; it follows the picture) and
    ``timings.filterTotal`` to the server's answer shown. All go to ``web-performance.json``
    and docs/web.md. The bounds are the issue's target on the filter and on the repaint
    (median of 8 changes, all kept).
    """
    whole = synthetic(2000, 10000)
    groups = ["public", "research", "business", "civil-society"]
    bodies, counts = {"": json.dumps(whole)}, {"": len(whole["nodes"])}
    for g in groups:
        nodes = [n for n in whole["nodes"] if n["group"] == g]
        keep = {n["id"] for n in nodes}
        edges = [e for e in whole["edges"] if e["source"] in keep and e["target"] in keep]
        bodies[g] = json.dumps({**whole, "nodes": nodes, "edges": edges})
        counts[g] = len(nodes)

    def fulfil(route: Any) -> None:
        key = next((g for g in groups if f"sector={g}" in route.request.url), "")
        route.fulfill(status=200, content_type="application/json", body=bodies[key])

    page.page.route("**/api/v1/network*", fulfil)
    page.page.goto(web_server.url + "/")
    ready(page)
    page.page.wait_for_function("window.urbankg.timings.firstRender !== undefined")
    first = page.page.evaluate("window.urbankg.timings")
    changes = []
    for value in ["public", "research", "", "business", "civil-society", "public", "", "research"]:
        settled = page.page.evaluate("window.urbankg.settled")
        page.page.select_option("select[name=sector]", value)
        page.page.wait_for_function(f"window.urbankg.settled > {settled}")
        page.page.wait_for_function("window.urbankg.timings.filterSynced !== undefined")
        assert page.page.evaluate("window.urbankg.visible") == counts[value]
        assert page.page.evaluate("window.urbankg.cy.nodes(':visible').length") == counts[value]
        changes.append(page.page.evaluate("window.urbankg.timings"))
    filters = [c["filter"] for c in changes]
    painted = [c["filterPainted"] for c in changes]

    def spread(key: str) -> dict[str, float]:
        values = [c[key] for c in changes]
        return {"median": statistics.median(values), "max": max(values)}

    figures = {
        "construct_ms": first["construct"],
        "first_render_ms": first["firstRender"],
        "first_render_from_navigation_ms": first["firstRenderAt"],
        "filter_change_ms": {"median": statistics.median(filters), "max": max(filters)},
        "filter_painted_ms": spread("filterPainted"),
        "filter_frame_ms": spread("filterFrame"),
        "cytoscape_synced_ms": spread("filterSynced"),
        "server_answer_shown_ms": spread("filterTotal"),
        "changes": changes,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "web-performance.json").write_text(json.dumps(figures, indent=2))
    print({k: v for k, v in figures.items() if k != "changes"})
    assert statistics.median(filters) < 100  # the bound, measured in the browser
    assert statistics.median(painted) < 100
    assert page.errors == []
