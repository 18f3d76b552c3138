// The SPARQL editor: YASGUI on this server's endpoint, example queries as tabs, no outside request.
import { t } from "./i18n.js";

const ROOT = document.body.dataset.root || "";
const endpoint = new URL(`${ROOT}/sparql`, location.href).href;
const tabs = JSON.parse(document.getElementById("tabs").textContent);
const prefixes = JSON.parse(document.getElementById("prefixes").textContent);
const prefixBlock = Object.entries(prefixes).map(([p, iri]) => `PREFIX ${p}: <${iri}>`).join("\n");
const blank = `${prefixBlock}\n\nSELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10\n`;

function start() {
  const Yasgui = window.Yasgui;
  if (!Yasgui) {
    const m = document.getElementById("message");
    m.textContent = "The SPARQL editor could not load (run python -m urbankg.web.assets).";
    m.hidden = false;
    return;
  }
  // Nothing may leave the machine: no prefix.cc, no LOV, no endpoint catalogue.
  Yasgui.Yasqe.defaults.prefixCcApi = null;
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint, method: "POST", acceptHeaderSelect: "application/sparql-results+json"},
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    endpointCatalogueOptions: {getData: () => [{endpoint}], keys: []},
    yasqe: {value: blank, prefixCcApi: null, autocompleters: ["variables"], persistenceId: null,
      createShortLink: undefined},
    yasr: {prefixes: prefixes, persistenceId: null},
  });
  const examples = tabs.length ? tabs : [{name: "query", question: "", query: blank}];
  examples.forEach((ex, i) => {
    yasgui.addTab(i === 0, {name: ex.name, yasqe: {value: ex.query},
      requestConfig: {endpoint, method: "POST"}});
  });
  window.urbankgYasgui = yasgui;
  yasgui.on("queryResponse", () => document.dispatchEvent(new Event("urbankg:sparql-done")));
  document.title = `SPARQL · urbankg`;
  void t;
}
start();
