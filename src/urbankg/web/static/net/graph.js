// The graph: built once from the unfiltered network, then only shown/hidden. net/layer.js draws
// the picture (ties and actor discs); cytoscape keeps the actors as transparent nodes for
// pointer, selection ring, labels, pan and zoom, and learns a filter change after the picture
// is painted (its restyle of every actor shown or hidden then costs the next frame, not this).
import cytoscape from "../vendor/cytoscape.esm.min.mjs";
import { t, label } from "../i18n.js";
import { app, colour, edgeId, esc, el } from "./core.js";
import { afterPaint, attachLayer, setHighlight, setSelected, setShown, setSizes } from "./layer.js";

const SCALE = 600;
const MIN_SIZE = 8; const MAX_SIZE = 48;
// Index of the elements: filters flip flags in typed arrays; `synced` is what cytoscape has.
const ix = {nodes: [], pos: [], nodeAt: new Map(), shown: null, synced: null, count: 0, edgeAt: new Map(),
  src: null, tgt: null, sizes: {}, sector: [], helix: [], syncing: null};

export function buildGraph(doc) {
  const maxDeg = Math.max(1, ...doc.nodes.map((n) => n.metrics.degree || 0));
  const maxStr = Math.max(1e-9, ...doc.nodes.map((n) => n.metrics.strength || 0));
  const maxW = Math.max(1e-9, ...doc.edges.map((e) => e.weight));
  const size = (v) => MIN_SIZE + Math.min(1, Math.max(0, v)) * (MAX_SIZE - MIN_SIZE);
  const elements = doc.nodes.map((n) => ({group: "nodes", data: {id: n.id,
    label: label(n.labels, n.label), group: n.group, colour: colour(n.group),
    size: size((n.metrics.degree || 0) / maxDeg), ssize: size((n.metrics.strength || 0) / maxStr)},
    position: {x: (n.x ?? 0) * SCALE, y: (n.y ?? 0) * SCALE}}));
  const t0 = performance.now();
  const cy = cytoscape({
    container: document.getElementById("cy"),
    layout: {name: "preset"},
    minZoom: 0.05, maxZoom: 8, motionBlur: false,
    style: [
      {selector: "node", style: {"background-opacity": 0, width: "data(size)",
        height: "data(size)", label: "", "font-size": 10, "border-width": 0}},
      {selector: "node.by-strength", style: {width: "data(ssize)", height: "data(ssize)"}},
      {selector: "node.labelled, node:selected", style: {label: "data(label)", "text-valign": "top",
        "text-background-color": "#fff", "text-background-opacity": 0.8}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}},
      {selector: ".hidden", style: {visibility: "hidden"}},
    ],
  });
  // adding in one batch after construction is ~4x faster than passing the elements in
  cy.batch(() => { cy.add(elements); });
  index(cy, doc);
  ix.sizes = {degree: Float64Array.from(elements, (e) => e.data.size),
    strength: Float64Array.from(elements, (e) => e.data.ssize)};
  attachLayer(cy, ix.nodes, elements.map((e) => e.data.colour), ix.src, ix.tgt,
    doc.edges.map((e) => e.weight / maxW), Uint8Array.from(doc.edges, (e) => (e.cross_sector ? 1 : 0)));
  setSizes(ix.sizes.degree);
  window.urbankg.timings.construct = performance.now() - t0;
  let waits = 2;
  const drawn = () => {
    if (--waits) return;
    window.urbankg.timings.firstRender = performance.now() - t0;
    window.urbankg.timings.firstRenderAt = performance.now();  // since navigation start
  };
  cy.one("render", drawn);
  afterPaint(drawn);
  cy.on("select unselect", "node", () => {
    const s = cy.$("node:selected");
    setSelected(s.length === 1 ? ix.nodeAt.get(s[0].id()) : -1);
  });
  app.cy = cy;
  window.urbankg.cy = cy;
  return cy;
}

function index(cy, doc) {
  ix.nodes = doc.nodes.map((n) => cy.getElementById(n.id));
  ix.pos = ix.nodes.map((n) => n.position());  // live objects: a dragged actor updates them
  ix.nodeAt = new Map(doc.nodes.map((n, i) => [n.id, i]));
  ix.sector = doc.nodes.map((n) => n.sector);
  ix.helix = doc.nodes.map((n) => n.helix);
  ix.shown = new Uint8Array(doc.nodes.length).fill(1);
  ix.synced = ix.shown.slice();
  ix.count = doc.nodes.length;
  ix.edgeAt = new Map(doc.edges.map((e, i) => [edgeId(e), i]));
  ix.src = Int32Array.from(doc.edges, (e) => ix.nodeAt.get(e.source));
  ix.tgt = Int32Array.from(doc.edges, (e) => ix.nodeAt.get(e.target));
}

/** Call fn right after the next repaint of the picture is issued (in its animation frame). */
export function whenPainted(fn) { afterPaint(fn); }

/**
 * Call fn(changed, frameDoneAt) once cytoscape has the visibility shown: after the repaint, in a task of
 * its own (its restyle of each actor shown or hidden then costs the next frame, not this one).
 */
export function whenSynced(fn) { scheduleSync(); ix.syncing.push(fn); }

function scheduleSync() {
  if (!ix.syncing) { ix.syncing = []; afterPaint(() => setTimeout(sync, 0)); }
}

// Cytoscape restyles each actor shown or hidden in its next frame (~0.1 ms each on this
// machine): at most SYNC_CHUNK per frame keeps every frame short.
const SYNC_CHUNK = 400;
function sync(changed = false, startedAt = performance.now()) {  // the picture's frame is done
  const hide = []; const show = [];
  const {shown, synced} = ix;
  for (let i = 0; i < shown.length && hide.length + show.length < SYNC_CHUNK; i++) {
    if (shown[i] !== synced[i]) { (shown[i] ? show : hide).push(ix.nodes[i]); synced[i] = shown[i]; }
  }
  if (hide.length + show.length) {
    app.cy.batch(() => {
      app.cy.collection(hide).addClass("hidden");
      app.cy.collection(show).removeClass("hidden");
    });
    if (hide.length + show.length === SYNC_CHUNK) {
      app.cy.one("render", () => setTimeout(() => sync(true, startedAt), 0));
      return;
    }
  }
  const done = ix.syncing; ix.syncing = null;
  window.urbankg.visible = ix.count;
  for (const fn of done) fn(changed || hide.length + show.length > 0, startedAt);
}

/**
 * Fit the view to the actors shown (all if none), like cy.fit(eles, padding) but from our
 * arrays: cytoscape's fit would first compute the style and bounds of every node (~0.2 s at
 * 2,000 actors before the first frame).
 */
export function fitShown(padding = 30) {
  const {cy} = app;
  const size = ix.sizes[app.state.size === "strength" ? "strength" : "degree"];
  const any = ix.shown.some((v) => v === 1);
  let x1 = Infinity; let y1 = Infinity; let x2 = -Infinity; let y2 = -Infinity;
  for (let i = 0; i < ix.nodes.length; i++) {
    if (any && !ix.shown[i]) continue;
    const p = ix.pos[i]; const r = size[i] / 2;
    x1 = Math.min(x1, p.x - r); y1 = Math.min(y1, p.y - r);
    x2 = Math.max(x2, p.x + r); y2 = Math.max(y2, p.y + r);
  }
  if (!Number.isFinite(x1)) return;
  const w = cy.width() - 2 * padding; const h = cy.height() - 2 * padding;
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(),
    Math.min(w / Math.max(x2 - x1, 1e-9), h / Math.max(y2 - y1, 1e-9))));
  cy.viewport({zoom, pan: {x: cy.width() / 2 - zoom * (x1 + x2) / 2, y: cy.height() / 2 - zoom * (y1 + y2) / 2}});
}

export function isShown(id) { const i = ix.nodeAt.get(id); return i !== undefined && ix.shown[i] === 1; }

/** Show exactly these node and edge ids (iterables); returns the number of nodes shown. */
export function setVisible(nodeIds, edgeIds) {
  const want = new Uint8Array(ix.nodes.length);
  let count = 0;
  for (const id of nodeIds) { const i = ix.nodeAt.get(id); if (i !== undefined && !want[i]) { want[i] = 1; count++; } }
  const on = new Uint8Array(ix.src.length);
  for (const id of edgeIds) {
    const j = ix.edgeAt.get(id);
    if (j !== undefined && want[ix.src[j]] && want[ix.tgt[j]]) on[j] = 1;
  }
  ix.shown = want;
  ix.count = count;
  setShown(want, on);
  scheduleSync();
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
  const ids = app.base.edges;
  for (let j = 0; j < ix.src.length; j++) if (keep[ix.src[j]] && keep[ix.tgt[j]]) edges.push(edgeId(ids[j]));
  return {nodes, edges};
}

export function legend() {
  const groups = [...new Set(app.base.nodes.map((n) => n.group))].sort();
  document.getElementById("legend").innerHTML = groups.map((g) =>
    `<span class="sw" style="background:${colour(g)}"></span>${esc(g)}`).join("") +
    `<br><small>${esc(t("f.size"))}: ${esc(t(`m.${app.state.size || "degree"}`))}; ${esc(app.base.meta.weighting)}</small>`;
}

const styled = {strength: false};
export function styleState() {
  const {cy, state} = app;
  const strength = state.size === "strength";
  if (strength !== styled.strength) {
    cy.batch(() => { cy.nodes().toggleClass("by-strength", strength); });
    setSizes(ix.sizes[strength ? "strength" : "degree"]);
    styled.strength = strength;
  }
  setHighlight(state.cross);
  legend();
}

export function relabel() {
  app.cy.batch(() => {
    app.base.nodes.forEach((n, i) => ix.nodes[i].data("label", label(n.labels, n.label)));
  });
}
