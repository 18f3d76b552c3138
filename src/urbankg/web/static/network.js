// The network view: preset positions from the server, filters that hide elements, no relayout.
// Modules: net/core.js (shared state), net/graph.js (cytoscape, visibility), net/panels.js
// (actor panel, summary, tables, search), net/exports.js (PNG, SVG, download links).
import { t, label, applyLang } from "./i18n.js";
import { API, FILTERS, app, el, edgeId, esc, later, showMessage } from "./net/core.js";
import { buildGraph, legend, predict, relabel, setVisible, fitShown, styleState,
  whenPainted, whenSynced } from "./net/graph.js";
import { closePanel, renderSummary, renderTables, search, showActor } from "./net/panels.js";
import { updateDownloads } from "./net/exports.js";

const form = el.form;
const options = JSON.parse(document.getElementById("options").textContent);
const sectors = new Set(options.sector.map((o) => o.value));
let request = 0;

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
  s.sel = app.state.sel || "";
  s.view = el.tables.hidden ? "" : "table";
  return s;
}
function filterQuery() {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (app.state[k]) p.set(k, app.state[k]);
  return p;
}
function writeState() {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(app.state)) {
    if (k === "cross") { if (v) p.set("cross", "1"); }
    else if (v && !(k === "size" && v === "degree")) p.set(k, v);
  }
  const lang = new URLSearchParams(location.search).get("lang");
  if (lang) p.set("lang", lang);
  const qs = p.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  updateDownloads(filterQuery());
}
app.state = readState();
app.select = (id) => {
  app.state.sel = id; writeState();
  if (id) showActor(id); else closePanel();
};

// ---- form: menu entries carry their labels and follow the language -------------------------
const menuLabels = new Map();  // <option> → {labels, prefix, fallback}
function optionText(o) {
  const m = menuLabels.get(o);
  return `${m.prefix}${label(m.labels, m.fallback)}`;
}
function fill(name, entries) {
  const sel = form.elements[name];
  for (const e of entries) {
    const o = document.createElement("option");
    o.value = e.value;
    const prefix = "\u00a0\u00a0".repeat(e.depth || 0) + (name === "sdg" && !e.depth ? `${e.value}. ` : "");
    menuLabels.set(o, {labels: e.labels, prefix, fallback: e.value});
    o.textContent = optionText(o);
    sel.append(o);
  }
}
function relabelMenus() { for (const o of menuLabels.keys()) o.textContent = optionText(o); }
function ensureOption(name, value) {
  const sel = form.elements[name];
  if (sel.tagName !== "SELECT" || !value) return;
  if (![...sel.options].some((o) => o.value === value)) {
    const o = document.createElement("option"); o.value = value; o.textContent = value; sel.append(o);
  }
}
function setForm() {
  for (const k of [...FILTERS, "size", "q"]) {
    ensureOption(k, app.state[k]);
    form.elements[k].value = app.state[k] || (k === "size" ? "degree" : "");
  }
  form.elements.cross.checked = app.state.cross;
}

// ---- filtering -------------------------------------------------------------------------------
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

function shown(doc, t0) {
  const count = setVisible(doc.nodes, doc.edges);
  const tm = window.urbankg.timings;
  if (tm.filter === undefined) {
    tm.filter = performance.now() - t0;  // change → visibility applied
    // filterPainted: the repaint issued; filterFrame: the first task after that frame (the
    // browser has painted it); filterSynced: cytoscape (pointer, labels) has rendered the change
    whenPainted(() => { tm.filterPainted = performance.now() - t0; });
    whenSynced((changed, frameDoneAt) => {
      tm.filterFrame = frameDoneAt - t0;
      if (!changed) { tm.filterSynced = performance.now() - t0; return; }
      app.cy.one("render", () => { tm.filterSynced = performance.now() - t0; });
    });
  }
  return count;
}

function idsOf(doc) { return {nodes: doc.nodes.map((n) => n.id), edges: doc.edges.map(edgeId)}; }

function settled(doc) {
  app.current = doc;
  showMessage(doc.nodes.length ? "" : t("empty"));
  later(() => {
    renderSummary(); renderTables();
    if (app.state.sel) {
      if (doc.nodes.some((n) => n.id === app.state.sel)) showActor(app.state.sel); else app.select("");
    }
    search(false);
  });
  whenSynced(() => {  // the page state (cytoscape included) is the one on screen
    window.urbankg.ready = true;
    window.urbankg.settled = (window.urbankg.settled || 0) + 1;
    document.dispatchEvent(new Event("urbankg:ready"));
  });
}

async function applyFilters(t0 = performance.now()) {
  const mine = ++request;
  const q = filterQuery();
  const tm = window.urbankg.timings;
  delete tm.filter; delete tm.filterPainted; delete tm.filterFrame; delete tm.filterSynced; delete tm.filterTotal;
  if (![...q.keys()].length) { shown(idsOf(app.base), t0); tm.filterTotal = performance.now() - t0; settled(app.base); return; }
  // a filter the browser can decide alone is shown at once; the server's answer (weights,
  // metrics, summary) follows and only corrects what differs
  const guess = predict(app.state, FILTERS, sectors);
  if (guess) shown(guess, t0); else el.status.textContent = t("loading");
  let doc;
  try { doc = await fetchJson(`${API}?${q}`); }
  catch (err) {
    if (mine !== request) return;
    showMessage(err.status === 422 ? `${t("invalid")}: ${err.message}` : err.message);
    shown({nodes: [], edges: []}, t0);
    app.current = {nodes: [], edges: [], summary: null};
    renderSummary(); renderTables(); return;
  }
  if (mine !== request) return;
  shown(idsOf(doc), t0);
  tm.filterTotal = performance.now() - t0;  // change → the server's network shown
  settled(doc);
}

// ---- wiring ------------------------------------------------------------------------------------
form.addEventListener("change", (ev) => {
  const t0 = performance.now();
  const prev = app.state;
  app.state = formState();
  writeState();
  const filtersChanged = FILTERS.some((k) => prev[k] !== app.state[k]);
  styleState();
  if (filtersChanged) applyFilters(t0); else if (ev.target.name === "q") search();
});
form.addEventListener("submit", (ev) => { ev.preventDefault(); app.state = formState(); writeState(); search(); });
form.elements.q.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter") { ev.preventDefault(); app.state = formState(); writeState(); search(); }
});
document.getElementById("reset").addEventListener("click", () => {
  app.state = {size: app.state.size, cross: false, q: "", sel: "", view: app.state.view};
  for (const k of FILTERS) app.state[k] = "";
  setForm(); app.select(""); styleState(); applyFilters(); fitShown();
});
document.getElementById("toggle-table").addEventListener("click", (ev) => {
  el.tables.hidden = !el.tables.hidden;
  ev.target.setAttribute("aria-pressed", String(!el.tables.hidden));
  app.state.view = el.tables.hidden ? "" : "table"; writeState(); renderTables();
});
document.getElementById("share").addEventListener("click", async () => {
  try { await navigator.clipboard.writeText(location.href); el.status.textContent = location.href; }
  catch { el.status.textContent = location.href; }
});
document.addEventListener("urbankg:lang", () => {
  relabelMenus();
  if (!app.cy) return;
  relabel(); fillProgrammes();
  legend(); renderSummary(); renderTables(); if (app.state.sel) showActor(app.state.sel);
});

function fillProgrammes() {
  const sel = form.elements.programme;
  const value = sel.value;
  for (const o of [...sel.options]) if (o.value && menuLabels.has(o)) { menuLabels.delete(o); o.remove(); }
  fill("programme", Object.entries(app.base.initiatives).filter(([, i]) => i.kind === "programme")
    .map(([iri, i]) => ({value: iri.split("/").pop(), labels: i.labels, depth: 0}))
    .sort((a, b) => label(a.labels, a.value).localeCompare(label(b.labels, b.value))));
  sel.value = value;
}

async function main() {
  const loading = fetchJson(API);  // start the download before anything else
  for (const k of ["sdg", "theme", "sector", "role"]) fill(k, options[k]);
  el.status.textContent = t("loading");
  window.urbankg.timings.scriptAt = performance.now();
  try { app.base = await loading; }
  catch (err) { showMessage(`Could not load the network: ${err.message}`); return; }
  window.urbankg.timings.dataAt = performance.now();
  fillProgrammes();
  document.getElementById("names").innerHTML = app.base.nodes.map((n) => `<option value="${esc(label(n.labels, n.label))}">`).join("");
  if (!app.base.nodes.length) showMessage(t("empty"));
  setForm();
  updateDownloads(filterQuery());
  if (app.state.view === "table") { el.tables.hidden = false; document.getElementById("toggle-table").setAttribute("aria-pressed", "true"); }
  const cy = buildGraph(app.base);
  cy.on("tap", "node", (ev) => app.select(ev.target.id()));
  cy.on("tap", (ev) => { if (ev.target === cy && app.state.sel) app.select(""); });
  styleState();
  applyLang();
  fitShown();  // the whole network, before the first frame
  const filtered = FILTERS.some((k) => app.state[k]);
  await applyFilters();
  const t1 = performance.now();
  if (filtered) fitShown();  // the actors a shared link shows
  window.urbankg.timings.fit = performance.now() - t1;
  window.urbankg.timings.readyAt = performance.now();
}
main();
