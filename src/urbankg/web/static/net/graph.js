// The cytoscape graph: built once from the unfiltered network, then only shown/hidden.
import cytoscape from "../vendor/cytoscape.esm.min.mjs";
import { t, label } from "../i18n.js";
import { app, colour, edgeId, esc, el } from "./core.js";

const SCALE = 600;
// Index of the elements: filters flip flags in typed arrays and touch only the elements
// whose visibility changes (each touched element costs cytoscape a style pass and a redraw).
const ix = {nodes: [], nodeAt: new Map(), shown: null, edges: [], edgeAt: new Map(),
  src: null, tgt: null, cut: null, sector: [], helix: []};

export function buildGraph(doc) {
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
  const big = elements.length > 5000;
  const cy = cytoscape({
    container: document.getElementById("cy"),
    layout: {name: "preset"},
    minZoom: 0.05, maxZoom: 8,
    textureOnViewport: big, hideEdgesOnViewport: big,
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
  cy.one("render", () => {
    window.urbankg.timings.firstRender = performance.now() - t0;
    window.urbankg.timings.firstRenderAt = performance.now();  // since navigation start
  });
  index(cy, doc);
  app.cy = cy;
  window.urbankg.cy = cy;
  return cy;
}

function index(cy, doc) {
  ix.nodes = doc.nodes.map((n) => cy.getElementById(n.id));
  ix.nodeAt = new Map(doc.nodes.map((n, i) => [n.id, i]));
  ix.sector = doc.nodes.map((n) => n.sector);
  ix.helix = doc.nodes.map((n) => n.helix);
  ix.shown = new Uint8Array(doc.nodes.length).fill(1);
  ix.edges = doc.edges.map((e) => cy.getElementById(edgeId(e)));
  ix.edgeAt = new Map(doc.edges.map((e, i) => [edgeId(e), i]));
  ix.src = Int32Array.from(doc.edges, (e) => ix.nodeAt.get(e.source));
  ix.tgt = Int32Array.from(doc.edges, (e) => ix.nodeAt.get(e.target));
  ix.cut = new Uint8Array(doc.edges.length);  // an edge hidden itself (both ends shown)
}

export function isShown(id) { const i = ix.nodeAt.get(id); return i !== undefined && ix.shown[i] === 1; }

/** Show exactly these node and edge ids (iterables); returns the number of nodes shown. */
export function setVisible(nodeIds, edgeIds) {
  const want = new Uint8Array(ix.nodes.length);
  let count = 0;
  for (const id of nodeIds) { const i = ix.nodeAt.get(id); if (i !== undefined && !want[i]) { want[i] = 1; count++; } }
  const wantEdge = new Uint8Array(ix.edges.length);
  for (const id of edgeIds) { const j = ix.edgeAt.get(id); if (j !== undefined) wantEdge[j] = 1; }
  const hide = []; const show = [];
  for (let i = 0; i < want.length; i++) {
    if (want[i] !== ix.shown[i]) (want[i] ? show : hide).push(ix.nodes[i]);
  }
  // a hidden node hides its edges; an edge gets its own class only between shown nodes
  for (let j = 0; j < wantEdge.length; j++) {
    if (!want[ix.src[j]] || !want[ix.tgt[j]]) continue;
    const cut = wantEdge[j] ? 0 : 1;
    if (cut !== ix.cut[j]) { (cut ? hide : show).push(ix.edges[j]); ix.cut[j] = cut; }
  }
  ix.shown = want;
  if (hide.length || show.length) {
    app.cy.batch(() => {
      app.cy.collection(hide).addClass("hidden");
      app.cy.collection(show).removeClass("hidden");
    });
  }
  window.urbankg.visible = count;
  window.urbankg.applied++;
  el.status.textContent = `${count} / ${ix.nodes.length} ${t("shown")}`;
  return count;
}

/**
 * The visible ids for filters the browser can decide from the unfiltered network alone, or
 * null. A sector filter keeps the actors of that actor type or helix and the ties among them
 * (the server's answer is the induced subgraph); the other filters select initiatives or
 * participations the unfiltered JSON does not list, so they wait for the server.
 */
export function predict(state, filters, sectors) {
  const set = filters.filter((k) => state[k]);
  if (set.length !== 1 || set[0] !== "sector" || !sectors.has(state.sector)) return null;
  const v = state.sector;
  const nodes = [];
  const keep = new Uint8Array(ix.nodes.length);
  for (let i = 0; i < keep.length; i++) {
    if (ix.sector[i] === v || ix.helix[i] === v) { keep[i] = 1; nodes.push(ix.nodes[i].id()); }
  }
  const edges = [];
  for (let j = 0; j < ix.edges.length; j++) if (keep[ix.src[j]] && keep[ix.tgt[j]]) edges.push(ix.edges[j].id());
  return {nodes, edges};
}

export function legend() {
  const groups = [...new Set(app.base.nodes.map((n) => n.group))].sort();
  document.getElementById("legend").innerHTML = groups.map((g) =>
    `<span class="sw" style="background:${colour(g)}"></span>${esc(g)}`).join("") +
    `<br><small>${esc(t("f.size"))}: ${esc(t(`m.${app.state.size || "degree"}`))}; ${esc(app.base.meta.weighting)}</small>`;
}

const styled = {strength: false, cross: false};
export function styleState() {
  const {cy, state} = app;
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

export function relabel() {
  app.cy.batch(() => {
    app.base.nodes.forEach((n, i) => ix.nodes[i].data("label", label(n.labels, n.label)));
  });
}
