// The actor panel, the summary, the table view and the search.
import { t, label } from "../i18n.js";
import { app, el, esc, fmt, local } from "./core.js";
import { isShown } from "./graph.js";

// app.select(id) is set by network.js (it also writes the URL)
function wire(root) {
  for (const a of root.querySelectorAll("a[data-actor]")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); app.select(a.dataset.actor); });
  }
}
function names() { return new Map(app.base.nodes.map((x) => [x.id, label(x.labels, x.label)])); }

export function showActor(id) {
  const {base, cy} = app;
  const doc = app.current || base;
  const n = doc.nodes.find((x) => x.id === id) || base.nodes.find((x) => x.id === id);
  if (!n) return;
  if (cy) { cy.$(":selected").unselect(); cy.getElementById(id).select(); }
  const partners = new Map();
  const projects = new Set();
  for (const e of doc.edges) {
    if (e.source !== id && e.target !== id) continue;
    partners.set(e.source === id ? e.target : e.source, e);
    for (const i of e.initiatives) projects.add(i);
  }
  const nm = names();
  const m = n.metrics;
  const inis = doc.initiatives || base.initiatives;
  const rows = [["m.degree", m.degree], ["m.strength", m.strength], ["E-I", m.ei_index],
    ["constraint", m.constraint], ["effective size", m.effective_size],
    ["brokerage: coordinator", m.brokerage_coordinator], ["brokerage: itinerant", m.brokerage_itinerant],
    ["brokerage: representative", m.brokerage_representative],
    ["brokerage: gatekeeper", m.brokerage_gatekeeper], ["brokerage: liaison", m.brokerage_liaison]];
  const panel = el.panel;
  panel.innerHTML = `<button type="button" class="close" aria-label="${esc(t("close"))}">×</button>
    <h2><a href="${esc(local(n.iri))}">${esc(label(n.labels, n.label))}</a></h2>
    <p>${esc(n.sector)} · ${esc(n.helix)}</p>
    <h3>${esc(t("projects"))} (${projects.size})</h3>
    <ul class="projects">${[...projects].map((p) => `<li><a href="${esc(local(p))}">${esc(label(inis[p] && inis[p].labels, p))}</a></li>`).join("")}</ul>
    <h3>${esc(t("partners"))} (${partners.size})</h3>
    <ul class="partners">${[...partners].sort((a, b) => b[1].weight - a[1].weight).map(([p, e]) =>
      `<li><a href="#" data-actor="${esc(p)}">${esc(nm.get(p) || p)}</a> <small>${fmt(e.weight)}${e.cross_sector ? " ✕" : ""}</small></li>`).join("")}</ul>
    <h3>${esc(t("metrics"))}</h3>
    <table>${rows.map(([k, v]) => `<tr><th scope="row">${esc(t(k))}</th><td>${fmt(v)}</td></tr>`).join("")}</table>`;
  panel.hidden = false;
  panel.querySelector(".close").addEventListener("click", () => app.select(""));
  wire(panel);
}

export function closePanel() {
  el.panel.hidden = true; el.panel.innerHTML = "";
  if (app.cy) app.cy.$(":selected").unselect();
}

export function renderSummary() {
  const body = document.getElementById("summary-body");
  const s = app.current && app.current.summary;
  if (!s) { body.textContent = "–"; return; }
  const ei = s.ei || {};
  const helix = (s.helix && s.helix.shares) || {};
  const brokers = (s.brokerage && s.brokerage.top) || {};
  const years = (s.years || []).filter((y) => y.initiatives);
  body.innerHTML = `<p>${esc(t("nodes"))}: ${s.network.actors} · ${esc(t("edges"))}: ${s.network.ties}
    (${s.network.cross_sector_ties} cross-sector) · ${esc(s.weighting_note)}</p>
    <table><tr><th scope="row">E-I (${esc(s.group_by)})</th><td>${fmt(ei.observed)} (baseline ${fmt(ei.baseline)})</td></tr>
    <tr><th scope="row">assortativity</th><td>${fmt(s.assortativity)}</td></tr>
    <tr><th scope="row">helices per initiative</th><td>${Object.entries(helix).map(([k, v]) => `${k}: ${(v * 100).toFixed(0)} %`).join(" · ")}</td></tr>
    <tr><th scope="row">top brokers</th><td>${Object.entries(brokers).map(([role, list]) =>
      `${esc(role)}: ${list.slice(0, 3).map((b) => `<a href="#" data-actor="${esc(b.iri)}">${esc(b.label)}</a> (${b.value})`).join(", ")}`).join("<br>")}</td></tr>
    <tr><th scope="row">new cross-sector ties per year</th><td>${years.map((y) => `${y.year}: ${y.new_cross_sector_ties}`).join(" · ")}</td></tr></table>`;
  wire(body);
}

export function renderTables() {
  const tables = el.tables;
  if (tables.hidden) return;
  const doc = app.current || app.base;
  const nm = names();
  tables.innerHTML = `<h2>${esc(t("nodes"))} (${doc.nodes.length})</h2>
    <table><thead><tr><th scope="col">name</th><th scope="col">sector</th><th scope="col">helix</th><th scope="col">${esc(t("m.degree"))}</th><th scope="col">${esc(t("m.strength"))}</th></tr></thead><tbody>
    ${doc.nodes.map((n) => `<tr><td><a href="#" data-actor="${esc(n.id)}">${esc(nm.get(n.id) || n.label)}</a></td><td>${esc(n.sector)}</td><td>${esc(n.helix)}</td><td>${n.metrics.degree}</td><td>${fmt(n.metrics.strength)}</td></tr>`).join("")}</tbody></table>
    <h2>${esc(t("edges"))} (${doc.edges.length})</h2>
    <table><thead><tr><th scope="col">source</th><th scope="col">target</th><th scope="col">weight</th><th scope="col">count</th><th scope="col">cross-sector</th></tr></thead><tbody>
    ${doc.edges.map((e) => `<tr><td>${esc(nm.get(e.source))}</td><td>${esc(nm.get(e.target))}</td><td>${fmt(e.weight)}</td><td>${e.count}</td><td>${e.cross_sector ? "yes" : "no"}</td></tr>`).join("")}</tbody></table>`;
  wire(tables);
}

/** Label the visible actors whose name contains the search; centre: zoom to them. */
export function search(centre = true) {
  const {cy, state} = app;
  if (!cy) return;
  cy.nodes(".labelled").removeClass("labelled");
  const q = (state.q || "").toLowerCase();
  if (!q) return;
  const hits = cy.nodes().filter((n) => isShown(n.id()) && n.data("label").toLowerCase().includes(q));
  hits.addClass("labelled");
  if (!hits.length) { el.status.textContent = `${t("notfound")}: ${state.q}`; return; }
  if (centre) cy.animate({fit: {eles: hits, padding: 80}}, {duration: 300});
  if (hits.length === 1 && centre) app.select(hits[0].id());
}
