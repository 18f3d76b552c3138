// Shared state and small helpers of the network view's modules.
export const ROOT = document.body.dataset.root || "";
export const API = `${ROOT}/api/v1/network`;
export const ID_BASE = "https://w3id.org/urbankg/id/";
export const FILTERS = ["programme", "theme", "sdg", "from", "to", "sector", "role"];
const COLOURS = {"public": "#1f77b4", "research": "#9467bd", "business": "#ff7f0e",
  "civil-society": "#2ca02c"};
const OTHER = "#7f7f7f";

export const el = {
  form: document.getElementById("filters"),
  message: document.getElementById("message"),
  status: document.getElementById("status"),
  panel: document.getElementById("panel"),
  tables: document.getElementById("tables"),
};

// base: the unfiltered network (positions, labels); current: the network of the current
// filters (weights, metrics); cy: the cytoscape instance; state: the view (mirrors the URL).
export const app = {base: null, current: null, cy: null, state: {}};
window.urbankg = {ready: false, timings: {}, applied: 0};

export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;",
    '"': "&quot;", "'": "&#39;"})[c]);
}
export function local(iri) {
  return iri.startsWith(ID_BASE) ? `${ROOT}/id/${iri.slice(ID_BASE.length)}` : iri;
}
export function colour(group) { return COLOURS[group] || OTHER; }
export function showMessage(text) { el.message.textContent = text; el.message.hidden = !text; }
export function edgeId(e) { return `${e.source}|${e.target}`; }
export function fmt(v) {
  return v === null || v === undefined ? "–" : (typeof v === "number" ? +v.toFixed(3) : v);
}
// run work after the frame that shows a change (panels and tables never delay the graph)
export function later(fn) {
  if (window.requestIdleCallback) requestIdleCallback(fn, {timeout: 200});
  else setTimeout(fn, 0);
}
