// Language of the pages: ?lang= wins, then localStorage, then the browser; fi, sv or en.
// Pages the server rendered in a language (linked data, ontology: <html data-lang>) keep it:
// the switch reloads them in the chosen language, and a remembered choice other than the one
// the server made (from Accept-Language) reloads them once with ?lang=.
const LANGS = ["fi", "sv", "en"];
const SERVER = document.documentElement.dataset.lang || "";
const ASKED = new URLSearchParams(location.search).get("lang");
export const T = {
  en: {"nav.network": "Network", "nav.matrix": "Themes × SDGs", "nav.ontology": "Ontology",
    "nav.api": "REST API", "nav.dumps": "Dumps",
    "f.programme": "Programme", "f.theme": "Theme", "f.sdg": "SDG", "f.from": "From year",
    "f.to": "To year", "f.sector": "Sector", "f.role": "Role", "f.size": "Size by",
    "f.cross": "Highlight cross-sector ties", "f.search": "Search", any: "any", reset: "Reset",
    table: "Table view", summary: "Summary", export: "Export", share: "Copy link",
    "m.degree": "degree", "m.strength": "strength", loading: "Loading…",
    empty: "No actors match these filters. Widen them or press Reset.",
    invalid: "The link has a filter value this server does not know", shown: "actors shown",
    projects: "Projects", partners: "Partners", metrics: "Metrics", close: "Close",
    "sparql.intro": "Write a query or pick an example tab, then run it. Queries run on this server only.",
    "matrix.title": "Themes × SDGs", "matrix.gaps": "Gaps",
    "matrix.intro": "Initiatives per theme and SDG goal (asserted by a source or derived from the theme). Empty cells are gaps.",
    notfound: "No actor matches", nodes: "Actors", edges: "Ties"},
  fi: {"nav.network": "Verkosto", "nav.matrix": "Teemat × SDG:t", "nav.ontology": "Ontologia",
    "nav.api": "REST-rajapinta", "nav.dumps": "Lataukset",
    "f.programme": "Ohjelma", "f.theme": "Teema", "f.sdg": "SDG", "f.from": "Vuodesta",
    "f.to": "Vuoteen", "f.sector": "Sektori", "f.role": "Rooli", "f.size": "Koko",
    "f.cross": "Korosta sektorirajat ylittäviä", "f.search": "Hae", any: "kaikki", reset: "Tyhjennä",
    table: "Taulukkonäkymä", summary: "Yhteenveto", export: "Vienti", share: "Kopioi linkki",
    "m.degree": "aste", "m.strength": "vahvuus", loading: "Ladataan…",
    empty: "Yksikään toimija ei vastaa suodattimia. Laajenna niitä tai paina Tyhjennä.",
    invalid: "Linkissä on suodatinarvo, jota palvelin ei tunne", shown: "toimijaa näkyvissä",
    projects: "Hankkeet", partners: "Kumppanit", metrics: "Tunnusluvut", close: "Sulje",
    "sparql.intro": "Kirjoita kysely tai valitse esimerkkivälilehti ja suorita se. Kyselyt ajetaan vain tällä palvelimella.",
    "matrix.title": "Teemat × SDG:t", "matrix.gaps": "Aukot",
    "matrix.intro": "Hankkeet teemoittain ja SDG-tavoitteittain. Tyhjät solut ovat aukkoja.",
    notfound: "Ei osumaa", nodes: "Toimijat", edges: "Yhteydet"},
  sv: {"nav.network": "Nätverk", "nav.matrix": "Teman × SDG", "nav.ontology": "Ontologi",
    "nav.api": "REST-gränssnitt", "nav.dumps": "Nedladdningar",
    "f.programme": "Program", "f.theme": "Tema", "f.sdg": "SDG", "f.from": "Från år",
    "f.to": "Till år", "f.sector": "Sektor", "f.role": "Roll", "f.size": "Storlek",
    "f.cross": "Markera sektorsöverskridande band", "f.search": "Sök", any: "alla", reset: "Återställ",
    table: "Tabellvy", summary: "Sammanfattning", export: "Export", share: "Kopiera länk",
    "m.degree": "grad", "m.strength": "styrka", loading: "Laddar…",
    empty: "Inga aktörer matchar filtren. Vidga dem eller tryck Återställ.",
    invalid: "Länken har ett filtervärde som servern inte känner till", shown: "aktörer visas",
    projects: "Projekt", partners: "Partner", metrics: "Mått", close: "Stäng",
    "sparql.intro": "Skriv en fråga eller välj en exempelflik och kör den. Frågor körs bara på denna server.",
    "matrix.title": "Teman × SDG", "matrix.gaps": "Luckor",
    "matrix.intro": "Initiativ per tema och SDG-mål. Tomma celler är luckor.",
    notfound: "Ingen träff", nodes: "Aktörer", edges: "Band"},
};

export function currentLang() {
  const url = new URLSearchParams(location.search).get("lang");
  if (LANGS.includes(url)) { localStorage.setItem("urbankg.lang", url); return url; }
  if (LANGS.includes(SERVER)) return SERVER;
  const kept = localStorage.getItem("urbankg.lang");
  if (LANGS.includes(kept)) return kept;
  const nav = (navigator.language || "en").slice(0, 2);
  return LANGS.includes(nav) ? nav : "en";
}

export function t(key) {
  const lang = currentLang();
  return (T[lang] && T[lang][key]) || T.en[key] || key;
}

export function applyLang() {
  const lang = currentLang();
  if (!SERVER) document.documentElement.lang = lang;  // else the server's content language
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  // server-rendered names with their labels: <span data-labels='{"fi": …}'>slug</span>
  for (const el of document.querySelectorAll("[data-labels]")) {
    el.textContent = label(JSON.parse(el.dataset.labels), el.dataset.fallback || el.textContent);
  }
  const sel = document.getElementById("lang");
  if (sel) sel.value = lang;
}

export function label(labels, fallback) {
  const lang = currentLang();
  if (!labels) return fallback;
  return labels[lang] || labels.en || labels.fi || labels.sv || fallback;
}

function withLang(lang) { const u = new URL(location.href); u.searchParams.set("lang", lang); return u; }

const kept = localStorage.getItem("urbankg.lang");
if (LANGS.includes(SERVER) && !ASKED && LANGS.includes(kept) && kept !== SERVER) {
  location.replace(withLang(kept));
}
const sel = document.getElementById("lang");
if (sel) {
  sel.addEventListener("change", () => {
    localStorage.setItem("urbankg.lang", sel.value);
    const u = withLang(sel.value);
    if (SERVER) { location.assign(u); return; }
    history.replaceState(null, "", u);
    applyLang();
    document.dispatchEvent(new CustomEvent("urbankg:lang", {detail: sel.value}));
  });
}
applyLang();
