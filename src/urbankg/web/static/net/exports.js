// Exports: PNG (our picture + cytoscape's labels and selection), SVG (our serialiser of the current view), download links.
import { API, app, esc } from "./core.js";
import { drawPicture, drawnTies } from "./layer.js";

export function updateDownloads(query) {
  const q = query.toString();
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
  const cy = app.cy;
  const w = cy.width(); const h = cy.height();
  const z = cy.zoom(); const pan = cy.pan();
  const px = (p) => [p.x * z + pan.x, p.y * z + pan.y];
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`];
  for (const [ax, ay, bx, by, stroke, width] of drawnTies()) {
    const [x1, y1] = px({x: ax, y: ay}); const [x2, y2] = px({x: bx, y: by});
    out.push(`<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}" stroke-width="${(width * z).toFixed(2)}"/>`);
  }
  cy.nodes(":visible").forEach((n) => {
    const [x, y] = px(n.position()); const r = n.renderedWidth() / 2;
    out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${n.data("colour")}"><title>${esc(n.data("label"))}</title></circle>`);
    if (n.hasClass("labelled") || n.selected()) out.push(`<text x="${x.toFixed(1)}" y="${(y - r - 3).toFixed(1)}" font-size="11" text-anchor="middle" font-family="sans-serif">${esc(n.data("label"))}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

/** The view as PNG at twice its size: our picture under cytoscape's labels and selection. */
export async function toPng() {
  const cy = app.cy; const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(cy.width() * scale); canvas.height = Math.round(cy.height() * scale);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  const z = cy.zoom() * scale; const pan = cy.pan();
  ctx.setTransform(z, 0, 0, z, pan.x * scale, pan.y * scale);
  drawPicture(ctx, z, cy.extent());
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const actors = await createImageBitmap(cy.png({output: "blob", full: false, scale}));
  ctx.drawImage(actors, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

document.getElementById("png").addEventListener("click", async () =>
  download(await toPng(), "urbankg-network.png"));
document.getElementById("svg").addEventListener("click", () =>
  download(new Blob([toSvg()], {type: "image/svg+xml"}), "urbankg-network.svg"));
window.urbankg.toSvg = () => toSvg();
