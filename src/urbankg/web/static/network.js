// The network view: preset positions from the server, filters that hide elements, no relayout.
import cytoscape from "./vendor/cytoscape.esm.min.mjs";
import { t, label, applyLang } from "./i18n.js";

const ROOT = document.body.dataset.root || "";
const API = `${ROOT}/api/v1/network`;
const ID_BASE = "https://w3id.org/urbankg/id/";
const FILTERS = ["programme", "theme", "sdg", "from", "to", "sector", "role"];
const COLOURS = {"public": "#1f77b4", "research": "#9467bd", "business": "#ff7f0e",
  "civil-society": "#2ca02c"};
const OTHER = "#7f7f7f";
const SCALE = 600;

const form = document.getElementById("filters");
const message = document.getElementById("message");
const status = document.getElementById("status");
const panel = document.getElementById("panel");
const tables = document.getElementById("tables");
const options = JSON.parse(document.getElementById("options").textContent);

let base = null;       // the unfiltered network (positions, labels)
let current = null;    // the network of the current filters
let cy = null;
let request = 0;
window.urbankg = {ready: false, timings: {}};

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;",
    '"': "&quot;", "'": "&#39;"})[c]);
}
function local(iri) { return iri.startsWith(ID_BASE) ? `${ROOT}/id/${iri.slice(ID_BASE.length)}` : iri; }
function colour(group) { return COLOURS[group] || OTHER; }
function showMessage(text) { message.textContent = text; message.hidden = !text; }

// ---- state <-> URL -------------------------------------------------------------------------
function readState() {
  const p = new URLSearchParams(location.search);
  const s = {};
  for (const k of [...FILTERS, "size", "q", "sel", "lang", "view"]) s[k] = p.get(k) || "";
  s.cross = p.get("cross") === "1";
  return s;
}
function formState() {
  const s = {};
  for (const k of [...FILTERS, "size", "q"]) s[k] = (form.elements[k].value || "").trim();
  s.cross = form.elements.cross.checked;
  s.sel = state.sel || "";
  s.view = tables.hidden ? "" : "table";
  return s;
}
function writeState() {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (k === "cross") { if (v) p.set("cross", "1"); }
    else if (v && !(k === "size" && v === "degree")) p.set(k, v);
  }
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang) p.set("lang", lang);
  const qs = p.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  updateDownloads();
}
function filterQuery() {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state[k]) p.set(k, state[k]);
  return p;
}
let state = readState();

// ---- form ------------------------------------------------------------------------------------
function fill(name, values) {
  const sel = form.elements[name];
  for (const [value, text] of values) {
    const o = document.createElement("option");
    o.value = value; o.textContent = text; sel.append(o);
  }
}
function ensureOption(name, value) {
  const sel = form.elements[name];
  if (sel.tagName !== "SELECT" || !value) return;
  if (![...sel.options].some((o) => o.value === value)) {
    const o = document.createElement("option"); o.value = value; o.textContent = value; sel.append(o);
  }
}
function setForm() {
  for (const k of [...FILTERS, "size", "q"]) {
    ensureOption(k, state[k]);
    form.elements[k].value = state[k] || (k === "size" ? "degree" : "");
  }
  form.elements.cross.checked = state.cross;
}

// ---- graph -----------------------------------------------------------------------------------
function edgeId(e) { return `${e.source}|${e.target}`; }

function buildGraph(doc) {
  const maxDeg = Math.max(1, ...doc.nodes.map((n) => n.metrics.degree || 0));
  const maxStr = Math.max(1e-9, ...doc.nodes.map((n) => n.metrics.strength || 0));
  const maxW = Math.max(1e-9, ...doc.edges.map((e) => e.weight));
  const elements = [];
  for (const n of doc.nodes) {
    elements.push({group: "nodes", data: {id: n.id, label: label(n.labels, n.label),
      group: n.group, colour: colour(n.group), degree: (n.metrics.degree || 0) / maxDeg,
      strength: (n.metrics.strength || 0) / maxStr},
      position: {x: (n.x ?? 0) * SCALE, y: (n.y ?? 0) * SCALE}});
  }
  for (const e of doc.edges) {
    elements.push({group: "edges", data: {id: edgeId(e), source: e.source, target: e.target,
      w: e.weight / maxW, cross: e.cross_sector ? 1 : 0}});
  }
  const t0 = performance.now();
  cy = cytoscape({
    container: document.getElementById("cy"),
    layout: {name: "preset"},
    minZoom: 0.05, maxZoom: 8,
    textureOnViewport: elements.length > 5000,
    hideEdgesOnViewport: elements.length > 5000,
    style: [
      {selector: "node", style: {"background-color": "data(colour)", width: "mapData(degree, 0, 1, 8, 48)",
        height: "mapData(degree, 0, 1, 8, 48)", label: "", "font-size": 10, "border-width": 0}},
      {selector: "node.by-strength", style: {width: "mapData(strength, 0, 1, 8, 48)",
        height: "mapData(strength, 0, 1, 8, 48)"}},
      {selector: "node.labelled, node:selected", style: {label: "data(label)", "text-valign": "top",
        "text-background-color": "#fff", "text-background-opacity": 0.8}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}},
      {selector: "edge", style: {width: "mapData(w, 0, 1, 0.5, 8)", "line-color": "#b8c2cc",
        opacity: 0.6, "curve-style": "haystack"}},
      {selector: "edge.cross-hl", style: {"line-color": "#d62728", opacity: 0.9}},
      {selector: "edge.dim", style: {opacity: 0.12}},
      {selector: ".hidden", style: {display: "none"}},
    ],
  });
  // adding in one batch after construction is ~4x faster than passing the elements in
  cy.batch(() => { cy.add(elements); });
  window.urbankg.timings.construct = performance.now() - t0;
  cy.on("tap", "node", (ev) => { state.sel = ev.target.id(); writeState(); showActor(state.sel); });
  cy.on("tap", (ev) => { if (ev.target === cy) closePanel(); });
  cy.one("render", () => { window.urbankg.timings.firstRender = performance.now() - t0; });
  window.urbankg.cy = cy;
}

function legend() {
  const groups = [...new Set(base.nodes.map((n) => n.group))].sort();
  document.getElementById("legend").innerHTML = groups.map((g) =>
    `<span class="sw" style="background:${colour(g)}"></span>${esc(g)}`).join("") +
    `<br><small>${esc(t("f.size"))}: ${esc(t(`m.${state.size || "degree"}`))}; ${esc(base.meta.weighting)}</small>`;
}

const styled = {strength: false, cross: false};
function styleState() {
  const strength = state.size === "strength";
  if (strength !== styled.strength) {
    cy.batch(() => { cy.nodes().toggleClass("by-strength", strength); });
    styled.strength = strength;
  }
  if (state.cross !== styled.cross) {
    cy.batch(() => {
      cy.edges("[cross = 1]").toggleClass("cross-hl", state.cross);
      cy.edges("[cross = 0]").toggleClass("dim", state.cross);
    });
    styled.cross = state.cross;
  }
  legend();
}

function hideTo(doc) {
  const t0 = performance.now();
  const nodes = new Set(doc.nodes.map((n) => n.id));
  const edges = new Set(doc.edges.map(edgeId));
  // touch only the elements whose visibility changes (a style pass per element is the cost)
  const hide = cy.collection(); const show = cy.collection();
  cy.nodes().forEach((n) => {
    const keep = nodes.has(n.id());
    if (keep === n.hasClass("hidden")) (keep ? show : hide).merge(n);
  });
  cy.edges().forEach((e) => {
    const keep = edges.has(e.id());
    if (keep === e.hasClass("hidden")) (keep ? show : hide).merge(e);
  });
  cy.batch(() => { hide.addClass("hidden"); show.removeClass("hidden"); });
  window.urbankg.timings.filter = performance.now() - t0;
  status.textContent = `${nodes.size} / ${base.nodes.length} ${t("shown")}`;
  window.urbankg.visible = nodes.size;
}

async function fetchJson(url) {
  const r = await fetch(url, {headers: {Accept: "application/json"}});
  let body = null;
  try { body = await r.json(); } catch { body = null; }
  if (!r.ok) {
    const detail = body && (body.detail || (body.errors || []).map((e) => e.reason).join("; "));
    const err = new Error(detail || `HTTP ${r.status}`); err.status = r.status; throw err;
  }
  return body;
}

async function applyFilters() {
  const mine = ++request;
  const q = filterQuery();
  const t0 = performance.now();
  let doc = base;
  if ([...q.keys()].length) {
    status.textContent = t("loading");
    try { doc = await fetchJson(`${API}?${q}`); }
    catch (err) {
      if (mine !== request) return;
      showMessage(err.status === 422 ? `${t("invalid")}: ${err.message}` : err.message);
      hideTo({nodes: [], edges: []});
      current = {nodes: [], edges: [], summary: null};
      renderSummary(); renderTables(); return;
    }
  }
  if (mine !== request) return;
  current = doc;
  hideTo(doc);
  window.urbankg.timings.filterTotal = performance.now() - t0;
  showMessage(doc.nodes.length ? "" : t("empty"));
  renderSummary();
  renderTables();
  if (state.sel) {
    if (doc.nodes.some((n) => n.id === state.sel)) showActor(state.sel); else closePanel(false);
  }
  search(false);
  window.urbankg.ready = true;
  document.dispatchEvent(new Event("urbankg:ready"));
}

// ---- panels ------------------------------------------------------------------------------------
function fmt(v) { return v === null || v === undefined ? "–" : (typeof v === "number" ? +v.toFixed(3) : v); }

function showActor(id) {
  const doc = current || base;
  const n = doc.nodes.find((x) => x.id === id) || base.nodes.find((x) => x.id === id);
  if (!n) return;
  if (cy) { cy.$(":selected").unselect(); cy.getElementById(id).select(); }
  const partners = new Map();
  const projects = new Set();
  for (const e of doc.edges) {
    if (e.source !== id && e.target !== id) continue;
    const other = e.source === id ? e.target : e.source;
    partners.set(other, e);
    for (const i of e.initiatives) projects.add(i);
  }
  const names = new Map(base.nodes.map((x) => [x.id, label(x.labels, x.label)]));
  const m = n.metrics;
  const inis = doc.initiatives || base.initiatives;
  const rows = [["m.degree", m.degree], ["m.strength", m.strength], ["E-I", m.ei_index],
    ["constraint", m.constraint], ["effective size", m.effective_size],
    ["brokerage: coordinator", m.brokerage_coordinator], ["brokerage: itinerant", m.brokerage_itinerant],
    ["brokerage: representative", m.brokerage_representative],
    ["brokerage: gatekeeper", m.brokerage_gatekeeper], ["brokerage: liaison", m.brokerage_liaison]];
  panel.innerHTML = `<button type="button" class="close" aria-label="${esc(t("close"))}">×</button>
    <h2><a href="${esc(local(n.iri))}">${esc(label(n.labels, n.label))}</a></h2>
    <p>${esc(n.sector)} · ${esc(n.helix)}</p>
    <h3>${esc(t("projects"))} (${projects.size})</h3>
    <ul class="projects">${[...projects].map((p) => `<li><a href="${esc(local(p))}">${esc(label(inis[p] && inis[p].labels, p))}</a></li>`).join("")}</ul>
    <h3>${esc(t("partners"))} (${partners.size})</h3>
    <ul class="partners">${[...partners].sort((a, b) => b[1].weight - a[1].weight).map(([p, e]) =>
      `<li><a href="#" data-actor="${esc(p)}">${esc(names.get(p) || p)}</a> <small>${fmt(e.weight)}${e.cross_sector ? " ✕" : ""}</small></li>`).join("")}</ul>
    <h3>${esc(t("metrics"))}</h3>
    <table>${rows.map(([k, v]) => `<tr><th scope="row">${esc(t(k))}</th><td>${fmt(v)}</td></tr>`).join("")}</table>`;
  panel.hidden = false;
  panel.querySelector(".close").addEventListener("click", () => closePanel());
  for (const a of panel.querySelectorAll("a[data-actor]")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); state.sel = a.dataset.actor; writeState(); showActor(state.sel); });
  }
}
function closePanel(write = true) {
  panel.hidden = true; panel.innerHTML = "";
  if (cy) cy.$(":selected").unselect();
  state.sel = ""; if (write) writeState();
}

function renderSummary() {
  const el = document.getElementById("summary-body");
  const s = current && current.summary;
  if (!s) { el.textContent = "–"; return; }
  const ei = s.ei || {};
  const helix = (s.helix && s.helix.shares) || {};
  const brokers = (s.brokerage && s.brokerage.top) || {};
  const years = (s.years || []).filter((y) => y.initiatives);
  el.innerHTML = `<p>${esc(t("nodes"))}: ${s.network.actors} · ${esc(t("edges"))}: ${s.network.ties}
    (${s.network.cross_sector_ties} cross-sector) · ${esc(s.weighting_note)}</p>
    <table><tr><th scope="row">E-I (${esc(s.group_by)})</th><td>${fmt(ei.observed)} (baseline ${fmt(ei.baseline)})</td></tr>
    <tr><th scope="row">assortativity</th><td>${fmt(s.assortativity)}</td></tr>
    <tr><th scope="row">helices per initiative</th><td>${Object.entries(helix).map(([k, v]) => `${k}: ${(v * 100).toFixed(0)} %`).join(" · ")}</td></tr>
    <tr><th scope="row">top brokers</th><td>${Object.entries(brokers).map(([role, list]) =>
      `${esc(role)}: ${list.slice(0, 3).map((b) => `<a href="#" data-actor="${esc(b.iri)}">${esc(b.label)}</a> (${b.value})`).join(", ")}`).join("<br>")}</td></tr>
    <tr><th scope="row">new cross-sector ties per year</th><td>${years.map((y) => `${y.year}: ${y.new_cross_sector_ties}`).join(" · ")}</td></tr></table>`;
  for (const a of el.querySelectorAll("a[data-actor]")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); state.sel = a.dataset.actor; writeState(); showActor(state.sel); });
  }
}

function renderTables() {
  if (tables.hidden) return;
  const doc = current || base;
  const names = new Map(base.nodes.map((x) => [x.id, label(x.labels, x.label)]));
  tables.innerHTML = `<h2>${esc(t("nodes"))} (${doc.nodes.length})</h2>
    <table><thead><tr><th scope="col">name</th><th scope="col">sector</th><th scope="col">helix</th><th scope="col">${esc(t("m.degree"))}</th><th scope="col">${esc(t("m.strength"))}</th></tr></thead><tbody>
    ${doc.nodes.map((n) => `<tr><td><a href="#" data-actor="${esc(n.id)}">${esc(names.get(n.id) || n.label)}</a></td><td>${esc(n.sector)}</td><td>${esc(n.helix)}</td><td>${n.metrics.degree}</td><td>${fmt(n.metrics.strength)}</td></tr>`).join("")}</tbody></table>
    <h2>${esc(t("edges"))} (${doc.edges.length})</h2>
    <table><thead><tr><th scope="col">source</th><th scope="col">target</th><th scope="col">weight</th><th scope="col">count</th><th scope="col">cross-sector</th></tr></thead><tbody>
    ${doc.edges.map((e) => `<tr><td>${esc(names.get(e.source))}</td><td>${esc(names.get(e.target))}</td><td>${fmt(e.weight)}</td><td>${e.count}</td><td>${e.cross_sector ? "yes" : "no"}</td></tr>`).join("")}</tbody></table>`;
  for (const a of tables.querySelectorAll("a[data-actor]")) {
    a.addEventListener("click", (ev) => { ev.preventDefault(); state.sel = a.dataset.actor; writeState(); showActor(state.sel); panel.focus?.(); });
  }
}

function search(centre = true) {
  if (!cy) return;
  cy.nodes(".labelled").removeClass("labelled");
  const q = (state.q || "").toLowerCase();
  if (!q) return;
  const hits = cy.nodes().filter((n) => !n.hasClass("hidden") && n.data("label").toLowerCase().includes(q));
  hits.addClass("labelled");
  if (!hits.length) { status.textContent = `${t("notfound")}: ${state.q}`; return; }
  if (centre) cy.animate({fit: {eles: hits, padding: 80}}, {duration: 300});
  if (hits.length === 1 && centre) { state.sel = hits[0].id(); writeState(); showActor(state.sel); }
}

// ---- exports -----------------------------------------------------------------------------------
function updateDownloads() {
  const q = filterQuery().toString();
  const s = q ? `?${q}` : "";
  document.getElementById("dl-gexf").href = `${API}.gexf${s}`;
  document.getElementById("dl-graphml").href = `${API}.graphml${s}`;
  document.getElementById("dl-csv").href = `${API}.csv${s}`;
  document.getElementById("dl-csv-nodes").href = `${API}.csv${s ? `${s}&` : "?"}table=nodes`;
  document.getElementById("dl-json").href = `${API}${s}`;
}
function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob); a.download = name; document.body.append(a); a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
export function toSvg() {
  const ext = cy.extent();
  const w = cy.width(); const h = cy.height();
  const z = cy.zoom(); const pan = cy.pan();
  const px = (p) => [p.x * z + pan.x, p.y * z + pan.y];
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`];
  cy.edges(":visible").forEach((e) => {
    const [x1, y1] = px(e.source().position()); const [x2, y2] = px(e.target().position());
    out.push(`<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${e.style("line-color")}" stroke-opacity="${e.style("opacity")}" stroke-width="${(parseFloat(e.style("width")) * z).toFixed(2)}"/>`);
  });
  cy.nodes(":visible").forEach((n) => {
    const [x, y] = px(n.position()); const r = n.renderedWidth() / 2;
    out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${n.data("colour")}"><title>${esc(n.data("label"))}</title></circle>`);
    if (n.hasClass("labelled") || n.selected()) out.push(`<text x="${x.toFixed(1)}" y="${(y - r - 3).toFixed(1)}" font-size="11" text-anchor="middle" font-family="sans-serif">${esc(n.data("label"))}</text>`);
  });
  out.push("</svg>");
  void ext;
  return out.join("\n");
}
document.getElementById("png").addEventListener("click", () =>
  download(cy.png({output: "blob", bg: "#ffffff", full: false, scale: 2}), "urbankg-network.png"));
document.getElementById("svg").addEventListener("click", () =>
  download(new Blob([toSvg()], {type: "image/svg+xml"}), "urbankg-network.svg"));
document.getElementById("share").addEventListener("click", async () => {
  try { await navigator.clipboard.writeText(location.href); status.textContent = location.href; }
  catch { status.textContent = location.href; }
});
window.urbankg.toSvg = () => toSvg();

// ---- wiring ------------------------------------------------------------------------------------
form.addEventListener("change", (ev) => {
  const prev = state;
  state = formState();
  writeState();
  const filtersChanged = FILTERS.some((k) => prev[k] !== state[k]);
  styleState();
  if (filtersChanged) applyFilters(); else if (ev.target.name === "q") search();
});
form.addEventListener("submit", (ev) => { ev.preventDefault(); state = formState(); writeState(); search(); });
form.elements.q.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter") { ev.preventDefault(); state = formState(); writeState(); search(); }
});
document.getElementById("reset").addEventListener("click", () => {
  state = {size: state.size, cross: false, q: "", sel: "", view: state.view};
  for (const k of FILTERS) state[k] = "";
  setForm(); writeState(); closePanel(); styleState(); applyFilters(); cy.fit(undefined, 30);
});
document.getElementById("toggle-table").addEventListener("click", (ev) => {
  tables.hidden = !tables.hidden;
  ev.target.setAttribute("aria-pressed", String(!tables.hidden));
  state.view = tables.hidden ? "" : "table"; writeState(); renderTables();
});
document.addEventListener("urbankg:lang", () => {
  if (!cy) return;
  cy.batch(() => { for (const n of base.nodes) cy.getElementById(n.id).data("label", label(n.labels, n.label)); });
  legend(); renderSummary(); renderTables(); if (state.sel) showActor(state.sel);
});

async function main() {
  fill("sdg", options.sdg.map((g) => [g, `SDG ${g}`]));
  fill("theme", options.theme.map((v) => [v, v]));
  fill("sector", options.sector.map((v) => [v, v]));
  fill("role", options.role.map((v) => [v, v]));
  status.textContent = t("loading");
  try { base = await fetchJson(API); }
  catch (err) { showMessage(`Could not load the network: ${err.message}`); return; }
  const programmes = Object.entries(base.initiatives).filter(([, i]) => i.kind === "programme")
    .map(([iri, i]) => [iri.split("/").pop(), label(i.labels, iri)]);
  fill("programme", programmes);
  document.getElementById("names").innerHTML = base.nodes.map((n) => `<option value="${esc(label(n.labels, n.label))}">`).join("");
  if (!base.nodes.length) { showMessage(t("empty")); }
  setForm();
  updateDownloads();
  if (state.view === "table") { tables.hidden = false; document.getElementById("toggle-table").setAttribute("aria-pressed", "true"); }
  buildGraph(base);
  styleState();
  applyLang();
  await applyFilters();
  const t1 = performance.now();
  const visible = cy.nodes(":visible");
  cy.fit(visible.length ? visible : undefined, 30);
  window.urbankg.timings.fit = performance.now() - t1;
}
main();
