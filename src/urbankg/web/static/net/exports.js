// Exports: PNG (cytoscape), SVG (our serialiser of the current view), download links.
import { API, app, esc } from "./core.js";

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
  return out.join("\n");
}

document.getElementById("png").addEventListener("click", () =>
  download(app.cy.png({output: "blob", bg: "#ffffff", full: false, scale: 2}), "urbankg-network.png"));
document.getElementById("svg").addEventListener("click", () =>
  download(new Blob([toSvg()], {type: "image/svg+xml"}), "urbankg-network.svg"));
window.urbankg.toSvg = () => toSvg();
