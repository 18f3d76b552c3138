"""The DCAT-AP 3 catalogue of the knowledge graph: its datasets, distributions and service.

One ``dcat:Catalog`` holds one ``dcat:Dataset`` for the whole graph and one per programme, each
with a distribution per RDF dump format and per CSV table, and a ``dcat:DataService`` for the
SPARQL endpoint. Every fact is computed (:mod:`urbankg.catalog.facts`); what a deployment must
set (public URL, publisher, contact, licence) comes from the settings (:class:`Deployment`).
Identifiers are fragments of the catalogue's own URL, so each one dereferences to the catalogue.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox

from urbankg.catalog import texts
from urbankg.catalog import vocab as v
from urbankg.catalog.deployment import Deployment
from urbankg.catalog.exports import DUMPS, TABLES, FileInfo
from urbankg.catalog.facts import DatasetFacts, Facts, Programme
from urbankg.catalog.vocab import Concept, Labels, nn

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class Files:
    """Sizes and checksums of every file the catalogue describes."""

    dumps: dict[str, FileInfo] = field(default_factory=dict)
    #: (dataset key, file name) → size and checksum; the key is "" for the whole graph.
    files: dict[tuple[str, str], FileInfo] = field(default_factory=dict)


def programme_key(programme: Programme, base: str) -> str:
    """The key of a programme's dataset in URLs: its id, or a digest for a foreign IRI."""
    if programme.iri.startswith(f"{base}programme/") and programme.slug.replace("-", "").isalnum():
        return programme.slug
    return "p" + hashlib.sha256(programme.iri.encode()).hexdigest()[:12]


def extract_names(key: str) -> dict[str, str]:
    """The extract files of a programme's dataset: file name → dump name it mirrors."""
    return {f"{key}{dump.removeprefix('urbankg')}": dump for dump in DUMPS}


class _Builder:
    def __init__(self, dep: Deployment, facts: Facts, files: Files) -> None:
        self.dep, self.facts, self.files = dep, facts, files
        self.triples: dict[ox.Triple, None] = {}

    # ---- helpers ----------------------------------------------------------------------------
    def id(self, fragment: str) -> ox.NamedNode:
        return nn(f"{self.dep.document}#{quote(fragment, safe='-._~')}")

    def add(self, s: ox.NamedNode | ox.BlankNode, p: str, o: Term) -> None:
        self.triples[ox.Triple(s, nn(p), o)] = None

    def typed(self, s: ox.NamedNode | ox.BlankNode, *classes: str) -> None:
        for c in classes:
            self.triples[ox.Triple(s, v.RDF_TYPE, nn(c))] = None

    def texts(self, s: ox.NamedNode | ox.BlankNode, p: str, labels: Labels) -> None:
        for lang in sorted(labels):
            self.add(s, p, ox.Literal(labels[lang], language=lang))

    def date(self, s: ox.NamedNode | ox.BlankNode, p: str, stamp: str | None) -> None:
        if stamp:
            self.add(s, p, ox.Literal(stamp, datatype=nn(v.XSD + "dateTime")))

    def concept(self, c: Concept) -> ox.NamedNode:
        node = nn(c.iri)
        self.typed(node, *c.classes)
        self.add(node, v.SKOS + "inScheme", nn(c.scheme))
        self.texts(node, v.SKOS + "prefLabel", c.labels)
        scheme = v.SCHEMES.get(c.scheme)
        if scheme is not None:
            self.typed(nn(scheme.iri), v.SKOS + "ConceptScheme")
            self.add(nn(scheme.iri), v.DCT + "title", ox.Literal(scheme.title, language="en"))
        return node

    def document(self, url: str) -> ox.NamedNode:
        self.typed(nn(url), v.FOAF + "Document")
        return nn(url)

    # ---- shared parts ------------------------------------------------------------------------
    def publisher(self) -> ox.NamedNode:
        agent = nn(self.dep.publisher_iri)
        self.typed(agent, v.FOAF + "Agent", v.FOAF + "Organization")
        self.texts(agent, v.FOAF + "name", self.dep.publisher_names)
        self.add(agent, v.DCT + "type", self.concept(v.publisher_type(self.dep.publisher_type)))
        if self.dep.publisher_iri.startswith(v.CORPORATE_BODY + "/"):
            self.add(agent, v.SKOS + "inScheme", nn(v.CORPORATE_BODY))
        return agent

    def contact(self) -> ox.NamedNode:
        node = self.id("contact")
        self.typed(node, v.VCARD + "Kind", v.VCARD + "Organization")
        self.texts(node, v.VCARD + "fn", self.dep.publisher_names)
        if self.dep.contact_email:
            self.add(node, v.VCARD + "hasEmail", nn(f"mailto:{self.dep.contact_email}"))
        if self.dep.contact_url:
            self.add(node, v.VCARD + "hasURL", nn(self.dep.contact_url))
        return node

    def licence(self) -> ox.NamedNode:
        known = v.LICENCES.get(self.dep.licence)
        if known is None:
            node = nn(self.dep.licence)
            self.typed(node, v.DCT + "LicenseDocument")
            return node
        node = self.concept(known.concept)
        if known.licence_type is not None:
            self.add(node, v.DCT + "type", self.concept(known.licence_type))
        return node

    def common(self, s: ox.NamedNode, publisher: ox.NamedNode, contact: ox.NamedNode) -> None:
        self.add(s, v.DCT + "publisher", publisher)
        self.add(s, v.DCAT + "contactPoint", contact)
        self.add(s, v.DCT + "license", self.licence())

    def keywords(self, s: ox.NamedNode, facts: DatasetFacts) -> None:
        terms = [*facts.top_themes, *facts.themes, *facts.classes]
        out: dict[str, set[str]] = {
            lang: set(texts.GENERAL_KEYWORDS[lang].split("|")) for lang in texts.GENERAL_KEYWORDS
        }
        for term in terms:
            for lang, label in self.facts.labels.get(term, {}).items():
                out[lang].add(label.lower() if term in facts.classes else label)
        for lang, words in out.items():
            for word in sorted(words):
                self.add(s, v.DCAT + "keyword", ox.Literal(word, language=lang))

    def spatial(self, s: ox.NamedNode, facts: DatasetFacts) -> None:
        self.add(s, v.DCT + "spatial", self.concept(v.FINLAND))
        for code in facts.municipalities:
            place = nn(self.facts.municipality_iri(code))
            self.typed(place, v.DCT + "Location")
            self.add(place, v.DCT + "identifier", ox.Literal(code))
            self.texts(place, v.SKOS + "prefLabel", self.facts.place_names.get(code, {"fi": code}))
            self.add(s, v.DCT + "spatial", place)

    def temporal(self, s: ox.NamedNode, facts: DatasetFacts, key: str) -> None:
        if facts.start is None and facts.end is None:
            return
        period = self.id(f"{key}-period")
        self.typed(period, v.DCT + "PeriodOfTime")
        for p, year in (("startDate", facts.start), ("endDate", facts.end)):
            if year is not None:
                self.add(
                    period, v.DCAT + p, ox.Literal(f"{year:04d}", datatype=nn(v.XSD + "gYear"))
                )
        self.add(s, v.DCT + "temporal", period)

    def provenance(self, s: ox.NamedNode, facts: DatasetFacts, key: str) -> None:
        loads = self.facts.last_loads(facts.graphs)
        statement = self.id(f"{key}-provenance")
        self.typed(statement, v.DCT + "ProvenanceStatement")
        names = sorted({load.source or load.graph for load in loads})
        self.texts(statement, v.RDFS + "label", texts.provenance(names))
        self.add(s, v.DCT + "provenance", statement)
        for load in loads:
            activity = nn(load.activity)
            self.typed(activity, v.PROV + "Activity")
            self.date(activity, v.PROV + "startedAtTime", load.started)
            self.date(activity, v.PROV + "endedAtTime", load.ended)
            self.add(s, v.PROV + "wasGeneratedBy", activity)

    def themes(self, s: ox.NamedNode, facts: DatasetFacts) -> None:
        codes = {"REGI"} | {
            v.THEME_TO_DATA_THEME[t] for t in facts.top_themes if t in v.THEME_TO_DATA_THEME
        }
        for code in sorted(codes):
            self.add(s, v.DCAT + "theme", self.concept(v.DATA_THEMES[code]))

    # ---- distributions -----------------------------------------------------------------------
    def distribution(
        self,
        dataset: ox.NamedNode,
        fragment: str,
        url: str,
        access: str,
        fmt: str,
        title: Labels,
        info: FileInfo | None,
        *,
        gzip: bool,
    ) -> None:
        d = self.id(fragment)
        self.typed(d, v.DCAT + "Distribution")
        self.add(dataset, v.DCAT + "distribution", d)
        self.texts(d, v.DCT + "title", title)
        self.texts(d, v.DCT + "description", texts.distribution_description(title, url))
        self.add(d, v.DCAT + "downloadURL", nn(url))
        self.add(d, v.DCAT + "accessURL", nn(access))
        f = v.FORMATS[fmt]
        media = nn(f.media_type_iri)
        self.typed(media, v.DCT + "MediaType")
        self.add(d, v.DCAT + "mediaType", media)
        self.add(d, v.DCT + "format", self.concept(f.file_type))
        if gzip:
            self.typed(nn(v.GZIP), v.DCT + "MediaType")
            self.add(d, v.DCAT + "compressFormat", nn(v.GZIP))
        self.add(d, v.DCT + "license", self.licence())
        self.add(d, v.DCATAP + "availability", self.concept(v.STABLE))
        if info is not None:
            integer = nn(v.XSD + "nonNegativeInteger")
            self.add(d, v.DCAT + "byteSize", ox.Literal(str(info.size), datatype=integer))
            checksum = self.id(f"{fragment}-sha256")
            self.typed(checksum, v.SPDX + "Checksum")
            algorithm = nn(v.SHA256)
            self.typed(algorithm, v.SPDX + "ChecksumAlgorithm")
            self.add(checksum, v.SPDX + "algorithm", algorithm)
            hexb = nn(v.XSD + "hexBinary")
            self.add(checksum, v.SPDX + "checksumValue", ox.Literal(info.sha256, datatype=hexb))
            self.add(d, v.SPDX + "checksum", checksum)

    def sparql_distribution(self, dataset: ox.NamedNode, key: str, service: ox.NamedNode) -> None:
        d = self.id(f"{key}-sparql")
        endpoint = f"{self.dep.public}/sparql"
        self.typed(d, v.DCAT + "Distribution")
        self.add(dataset, v.DCAT + "distribution", d)
        title = texts.distribution_title("sparql")
        self.texts(d, v.DCT + "title", title)
        self.texts(d, v.DCT + "description", texts.distribution_description(title, endpoint))
        self.add(d, v.DCAT + "accessURL", nn(endpoint))
        self.add(d, v.DCAT + "accessService", service)
        self.add(d, v.DCT + "format", self.concept(v.FORMATS["sparql"].file_type))
        self.add(d, v.DCT + "license", self.licence())
        self.add(d, v.DCATAP + "availability", self.concept(v.STABLE))

    # ---- datasets ----------------------------------------------------------------------------
    def dataset(
        self,
        key: str,
        title: Labels,
        description: Labels,
        facts: DatasetFacts,
        publisher: ox.NamedNode,
        contact: ox.NamedNode,
        service: ox.NamedNode,
    ) -> ox.NamedNode:
        ds = self.id(key)
        self.typed(ds, v.DCAT + "Dataset")
        self.texts(ds, v.DCT + "title", title)
        self.texts(ds, v.DCT + "description", description)
        self.add(ds, v.DCT + "identifier", ox.Literal(ds.value))
        self.common(ds, publisher, contact)
        self.keywords(ds, facts)
        self.themes(ds, facts)
        self.spatial(ds, facts)
        self.temporal(ds, facts, key)
        self.provenance(ds, facts, key)
        for lang in v.LANGUAGES:
            self.add(ds, v.DCT + "language", self.concept(lang))
        standard = nn(v.ONTOLOGY)
        self.typed(standard, v.DCT + "Standard")
        self.add(ds, v.DCT + "conformsTo", standard)
        self.date(ds, v.DCT + "issued", self.facts.issued_of(facts.graphs))
        self.date(ds, v.DCT + "modified", self.facts.modified_of(facts.graphs))
        self.sparql_distribution(ds, key, service)
        return ds

    def build(self) -> list[ox.Triple]:
        dep, facts = self.dep, self.facts
        catalog, service = self.id("catalog"), self.id("sparql")
        publisher, contact = self.publisher(), self.contact()
        whole = self.dataset(
            "urbankg",
            texts.WHOLE_TITLE,
            texts.whole_description(facts.whole),
            facts.whole,
            publisher,
            contact,
            service,
        )
        self.add(whole, v.DCAT + "landingPage", self.document(f"{dep.public}/"))
        self.add(whole, v.RDFS + "seeAlso", nn(f"{dep.public}/.well-known/void"))
        for name, (fmt, _) in DUMPS.items():
            title = texts.distribution_title("dump", fmt=v.FORMATS[fmt].labels["en"])
            self.distribution(
                whole,
                f"urbankg-{name}",
                f"{dep.public}/dumps/{name}",
                f"{dep.public}/dumps/",
                fmt,
                title,
                self.files.dumps.get(name),
                gzip=True,
            )
        for name in TABLES:
            url = f"{dep.public}/catalog/files/{name}"
            title = texts.distribution_title("csv", table=name)
            self.distribution(
                whole,
                f"urbankg-{name}",
                url,
                url,
                "csv",
                title,
                self.files.files.get(("", name)),
                gzip=False,
            )
        datasets = [whole]
        for programme in facts.programmes:
            key = programme_key(programme, facts.base)
            pf = facts.per_programme[programme.iri]
            ds = self.dataset(
                f"programme-{key}",
                texts.programme_title(programme),
                texts.programme_description(programme, pf),
                pf,
                publisher,
                contact,
                service,
            )
            self.add(ds, v.DCT + "relation", nn(programme.iri))
            self.add(ds, v.DCT + "isPartOf", whole)
            self.add(whole, v.DCT + "hasPart", ds)
            if programme.iri.startswith(facts.base):
                page = f"{dep.public}/id/{programme.iri.removeprefix(facts.base)}"
                self.add(ds, v.DCAT + "landingPage", self.document(page))
            for name, dump in extract_names(key).items():
                fmt = DUMPS[dump][0]
                url = f"{dep.public}/catalog/files/{key}/{name}"
                title = texts.distribution_title(
                    "dump", fmt=v.FORMATS[fmt].labels["en"], whole=False
                )
                self.distribution(
                    ds,
                    f"programme-{key}-{name}",
                    url,
                    url,
                    fmt,
                    title,
                    self.files.files.get((key, name)),
                    gzip=True,
                )
            for name in TABLES:
                url = f"{dep.public}/catalog/files/{key}/{name}"
                title = texts.distribution_title("csv", table=name, whole=False)
                self.distribution(
                    ds,
                    f"programme-{key}-{name}",
                    url,
                    url,
                    "csv",
                    title,
                    self.files.files.get((key, name)),
                    gzip=False,
                )
            datasets.append(ds)
        self.service(service, datasets, publisher, contact)
        self.typed(catalog, v.DCAT + "Catalog")
        self.texts(catalog, v.DCT + "title", texts.CATALOG_TITLE)
        self.texts(catalog, v.DCT + "description", texts.catalog_description(len(facts.programmes)))
        self.add(catalog, v.DCT + "publisher", publisher)
        self.add(catalog, v.DCT + "license", self.licence())
        self.add(catalog, v.FOAF + "homepage", self.document(f"{dep.public}/"))
        self.add(catalog, v.DCAT + "themeTaxonomy", nn(f"{v.AUTHORITY}data-theme"))
        self.concept(v.DATA_THEMES["REGI"])  # describes the data-theme scheme too
        self.add(catalog, v.DCT + "spatial", self.concept(v.FINLAND))
        for lang in v.LANGUAGES:
            self.add(catalog, v.DCT + "language", self.concept(lang))
        self.date(catalog, v.DCT + "issued", facts.issued_of(facts.whole.graphs))
        self.date(catalog, v.DCT + "modified", facts.modified_of(facts.whole.graphs))
        self.add(catalog, v.RDFS + "seeAlso", nn(f"{dep.public}/.well-known/void"))
        for ds in datasets:
            self.add(catalog, v.DCAT + "dataset", ds)
        self.add(catalog, v.DCAT + "service", service)
        return list(self.triples)

    def service(
        self,
        service: ox.NamedNode,
        datasets: list[ox.NamedNode],
        publisher: ox.NamedNode,
        contact: ox.NamedNode,
    ) -> None:
        endpoint = f"{self.dep.public}/sparql"
        self.typed(service, v.DCAT + "DataService")
        self.texts(service, v.DCT + "title", texts.SERVICE_TITLE)
        self.texts(
            service,
            v.DCT + "description",
            {k: t.format(endpoint=endpoint) for k, t in texts.SERVICE_DESCRIPTION.items()},
        )
        self.add(service, v.DCAT + "endpointURL", nn(endpoint))
        self.add(service, v.DCAT + "endpointDescription", nn(endpoint))
        standard = nn(v.SPARQL_PROTOCOL)
        self.typed(standard, v.DCT + "Standard")
        self.add(service, v.DCT + "conformsTo", standard)
        self.common(service, publisher, contact)
        self.add(service, v.DCAT + "theme", self.concept(v.DATA_THEMES["REGI"]))
        for lang, words in texts.GENERAL_KEYWORDS.items():
            for word in ["SPARQL", *words.split("|")]:
                self.add(service, v.DCAT + "keyword", ox.Literal(word, language=lang))
        for ds in datasets:
            self.add(service, v.DCAT + "servesDataset", ds)


def build_catalog(facts: Facts, files: Files, deployment: Deployment) -> list[ox.Triple]:
    """Build the catalogue's triples.

    Args:
        facts: what the store holds (:func:`urbankg.catalog.facts.collect`).
        files: sizes and checksums of the described files.
        deployment: the public URL, publisher, contact and licence.

    Returns:
        The triples, in a stable order (the same facts give the same list).
    """
    return _Builder(deployment, facts, files).build()
