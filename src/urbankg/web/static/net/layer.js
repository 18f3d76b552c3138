// The picture of the network: ties and actor discs, drawn on our own canvas under cytoscape's.
// Cytoscape restyles, re-measures and redraws every element whose visibility changes (0.3-0.6 s
// per filter change at 2,000 actors / 10,000 ties in headless Chromium). Here a filter change
// rebuilds a few Path2D objects (one per colour and width class, in model coordinates) and a
// pan or zoom only strokes them again under a new transform. Cytoscape keeps the actors as
// transparent nodes: hit-testing, selection ring, labels, pan and zoom.
const EDGE = ["#f6f8f9", "#d4dae0", "#da3d3e", "#33414e"];  // dim, normal, cross-sector, selected
const SELECTED = 3; const CROSS = 2; const NORMAL = 1; const DIM = 0;
const MIN_W = 0.5; const MAX_W = 8; const STEP = 0.5;  // tie width in model units
// Above this many elements a pan or zoom moves a snapshot of the last picture (a full repaint
// of 10,000 ties takes ~85 ms in software rendering) and repaints once the view rests.
const BIG = 3000; const REST_MS = 150;

const L = {cy: null, canvas: null, ctx: null, n: 0, x: null, y: null, src: null, tgt: null,
  bucket: null, cross: null, on: null, shown: null, size: null, colour: null, paths: null,
  discs: null, highlight: false, selected: -1, frame: 0, waiting: [], snap: null, snapView: null,
  paintedView: null, moving: 0};

/**
 * Set up the picture.
 *
 * nodes: cytoscape nodes (positions); colours: their fill; src/tgt: node indexes of the ties;
 * w: tie weights in 0..1; cross: 1 for cross-sector ties.
 */
export function attachLayer(cy, nodes, colours, src, tgt, w, cross) {
  const canvas = document.createElement("canvas");
  canvas.className = "picture";
  canvas.setAttribute("aria-hidden", "true");
  canvas.style.cssText = "position:absolute;left:0;top:0;pointer-events:none";
  cy.container().prepend(canvas);
  Object.assign(L, {cy, canvas, ctx: canvas.getContext("2d"), n: src.length, src, tgt, cross,
    colour: colours, x: Float64Array.from(nodes, (n) => n.position("x")),
    y: Float64Array.from(nodes, (n) => n.position("y")),
    bucket: Uint8Array.from(w, (v) => Math.round((MIN_W + v * (MAX_W - MIN_W)) / STEP)),
    on: new Uint8Array(src.length).fill(1), shown: new Uint8Array(nodes.length).fill(1),
    size: new Float64Array(nodes.length).fill(10)});
  const at = new Map(nodes.map((n, i) => [n.id(), i]));
  cy.on("position", "node", (ev) => {  // a dragged actor takes its ties along
    const i = at.get(ev.target.id()); const p = ev.target.position();
    L.x[i] = p.x; L.y[i] = p.y; invalidate();
  });
  cy.on("resize", request);
  cy.on("viewport", () => {
    if (L.n + L.shown.length > BIG && L.paintedView) {
      if (!L.moving) snapshot();  // the picture of the last full paint
      clearTimeout(L.moving);
      L.moving = setTimeout(() => { L.moving = 0; request(); }, REST_MS);
    }
    request();
  });
  // the stage changes size when the panel opens or closes: cytoscape only watches the window
  if (window.ResizeObserver) new ResizeObserver(() => cy.resize()).observe(cy.container());
}

/** The actors (shown[i] = 1) and ties (on[j] = 1) drawn; the repaint follows in a frame. */
export function setShown(shown, on) { L.shown = shown; L.on = on; invalidate(); }
/** Diameters of the actors in model units. */
export function setSizes(size) { L.size = size; invalidate(); }
/** Cross-sector ties in red over dimmed others; the selected actor's ties in dark. */
export function setHighlight(cross) { if (cross !== L.highlight) { L.highlight = cross; invalidate(); } }
export function setSelected(i) { if (i !== L.selected) { L.selected = i; invalidate(); } }
/** Call fn right after the next repaint has been issued (in the same animation frame). */
export function afterPaint(fn) { L.waiting.push(fn); request(); }

function invalidate() { L.paths = null; request(); }
function request() { if (!L.frame && L.canvas) L.frame = requestAnimationFrame(paint); }

function tieColour(j) {
  if (L.selected >= 0 && (L.src[j] === L.selected || L.tgt[j] === L.selected)) return SELECTED;
  if (!L.highlight) return NORMAL;
  return L.cross[j] ? CROSS : DIM;
}

/** The ties per (colour, width class) and the discs per colour, as Path2D in model units. */
function build() {
  const groups = new Map();
  const {x, y, src, tgt, on, bucket} = L;
  for (let j = 0; j < L.n; j++) {
    if (!on[j]) continue;
    const key = tieColour(j) * 64 + bucket[j];
    let g = groups.get(key);
    if (!g) { g = {key, path: new Path2D(), ties: []}; groups.set(key, g); }
    g.path.moveTo(x[src[j]], y[src[j]]); g.path.lineTo(x[tgt[j]], y[tgt[j]]);
    g.ties.push(j);
  }
  const discs = new Map();
  for (let i = 0; i < L.shown.length; i++) {
    if (!L.shown[i]) continue;
    let p = discs.get(L.colour[i]);
    if (!p) { p = new Path2D(); discs.set(L.colour[i], p); }
    const r = L.size[i] / 2;
    p.moveTo(x[i] + r, y[i]); p.arc(x[i], y[i], r, 0, 2 * Math.PI);
  }
  L.discs = discs;
  return [...groups.values()].sort((a, b) => a.key - b.key);  // dim, normal, red, selected
}

/**
 * Draw on ctx, transformed to model coordinates at `scale` device pixels per unit; `view` is
 * the model extent shown. Ties up to a device pixel wide go in one path per class (Skia draws
 * them as hairlines, ~15 ms for 10,000); wider ones are stroked one by one, which rasterises
 * ~3x faster than one path of many overlapping wide lines (0.2-0.3 s).
 */
export function drawPicture(ctx, scale, view) {
  if (!L.paths) L.paths = build();
  const {x, y, src, tgt} = L;
  ctx.lineCap = "butt";
  for (const g of L.paths) {
    ctx.strokeStyle = EDGE[Math.floor(g.key / 64)];
    ctx.lineWidth = (g.key % 64) * STEP || MIN_W;
    if (ctx.lineWidth * scale <= 1) { ctx.stroke(g.path); continue; }
    for (const j of g.ties) {
      const ax = x[src[j]]; const ay = y[src[j]]; const bx = x[tgt[j]]; const by = y[tgt[j]];
      if ((ax < view.x1 && bx < view.x1) || (ax > view.x2 && bx > view.x2) ||
        (ay < view.y1 && by < view.y1) || (ay > view.y2 && by > view.y2)) continue;
      ctx.beginPath(); ctx.moveTo(ax, ay); ctx.lineTo(bx, by); ctx.stroke();
    }
  }
  for (const [colour, path] of L.discs) { ctx.fillStyle = colour; ctx.fill(path); }
}

function paint() {
  L.frame = 0;
  const {cy, canvas, ctx} = L;
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const w = Math.round(cy.width() * ratio); const h = Math.round(cy.height() * ratio);
  const z = cy.zoom(); const pan = cy.pan();
  const sized = canvas.width === w && canvas.height === h;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (L.moving && L.paths && L.snap && sized) {  // the view moves: move the last picture
    const s = z / L.snapView.z;
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(s, 0, 0, s, (pan.x - s * L.snapView.x) * ratio, (pan.y - s * L.snapView.y) * ratio);
    ctx.drawImage(L.snap, 0, 0);
  } else {
    if (!sized) {
      canvas.width = w; canvas.height = h;  // CSS size = cytoscape's, which keeps its own
      canvas.style.width = `${cy.width()}px`; canvas.style.height = `${cy.height()}px`;
    }
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(z * ratio, 0, 0, z * ratio, pan.x * ratio, pan.y * ratio);
    drawPicture(ctx, z * ratio, cy.extent());
    L.paintedView = {z, x: pan.x, y: pan.y};
    if (L.moving) snapshot();  // the picture changed while the view moves
  }
  const waiting = L.waiting; L.waiting = [];
  for (const fn of waiting) fn();
}

function snapshot() {
  if (!L.snap) L.snap = document.createElement("canvas");
  if (L.snap.width !== L.canvas.width || L.snap.height !== L.canvas.height) {
    L.snap.width = L.canvas.width; L.snap.height = L.canvas.height;
  }
  const c = L.snap.getContext("2d");
  c.clearRect(0, 0, L.snap.width, L.snap.height);
  c.drawImage(L.canvas, 0, 0);
  L.snapView = L.paintedView;
}

/** The ties drawn, for the SVG export: [x1, y1, x2, y2, colour, width] in model units. */
export function drawnTies() {
  const out = [];
  for (let j = 0; j < L.n; j++) {
    if (!L.on[j]) continue;
    out.push([L.x[L.src[j]], L.y[L.src[j]], L.x[L.tgt[j]], L.y[L.tgt[j]], EDGE[tieColour(j)],
      (L.bucket[j] * STEP) || MIN_W]);
  }
  return out;
}
