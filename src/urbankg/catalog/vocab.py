"""Namespaces and the controlled vocabularies of the catalogue (EU authority tables, IANA).

DCAT-AP asks for values from the EU Publications Office's authority tables and, for media
types, IANA's register. The concepts the catalogue uses are described in the catalogue itself
(type, scheme, labels), as the DCAT-AP controlled-vocabulary shapes expect. The labels are the
tables' own fi/sv/en labels; a term without a Finnish or Swedish label in the table has only
its English one here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
DCATAP = "http://data.europa.eu/r5r/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SPDX = "http://spdx.org/rdf/terms#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
UKG = "https://w3id.org/urbankg/def#"
ADMS = "http://www.w3.org/ns/adms#"
AUTHORITY = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"

#: The ontology the data conforms to.
ONTOLOGY = "https://w3id.org/urbankg/def"
#: The SPARQL 1.1 Protocol, which the SPARQL endpoint conforms to.
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"

#: Prefixes of every serialisation of the catalogue and the VoID description.
PREFIXES = {
    "dcat": DCAT,
    "dct": DCT,
    "dcatap": DCATAP,
    "foaf": FOAF,
    "vcard": VCARD,
    "spdx": SPDX,
    "skos": SKOS,
    "prov": PROV,
    "rdfs": RDFS,
    "xsd": XSD,
    "void": VOID,
    "adms": ADMS,
}

Labels = dict[str, str]


def nn(iri: str) -> ox.NamedNode:
    """Return the named node of ``iri``."""
    return ox.NamedNode(iri)


RDF_TYPE = nn(RDF + "type")


@dataclass(frozen=True)
class Concept:
    """A concept of a controlled vocabulary, with the classes DCAT-AP expects it to have."""

    iri: str
    scheme: str
    labels: Labels
    classes: tuple[str, ...] = (SKOS + "Concept",)


@dataclass(frozen=True)
class Scheme:
    """A concept scheme (DCAT-AP asks for a title on every scheme it meets)."""

    iri: str
    title: str


def _authority(table: str, code: str, labels: Labels, *classes: str) -> Concept:
    return Concept(
        f"{AUTHORITY}{table}/{code}", f"{AUTHORITY}{table}", labels, (SKOS + "Concept", *classes)
    )


SCHEMES = {
    s.iri: s
    for s in (
        Scheme(f"{AUTHORITY}data-theme", "Data theme"),
        Scheme(f"{AUTHORITY}language", "Language"),
        Scheme(f"{AUTHORITY}country", "Country"),
        Scheme(f"{AUTHORITY}file-type", "File type"),
        Scheme(f"{AUTHORITY}licence", "Licence"),
        Scheme(f"{AUTHORITY}planned-availability", "Planned availability"),
        Scheme("http://purl.org/adms/publishertype/1.0", "Publisher type"),
        Scheme("http://purl.org/adms/licencetype/1.0", "Licence type"),
    )
}

#: EU data themes (``dcat:theme``). REGI is every dataset's; the others follow its themes.
DATA_THEMES = {
    "REGI": _authority(
        "data-theme",
        "REGI",
        {"fi": "Alueet ja kaupungit", "sv": "Regioner och städer", "en": "Regions and cities"},
    ),
    "ENVI": _authority(
        "data-theme", "ENVI", {"fi": "Ympäristö", "sv": "Miljö", "en": "Environment"}
    ),
    "SOCI": _authority(
        "data-theme",
        "SOCI",
        {
            "fi": "Väestö ja yhteiskunta",
            "sv": "Befolkning och samhälle",
            "en": "Population and society",
        },
    ),
    "HEAL": _authority("data-theme", "HEAL", {"fi": "Terveys", "sv": "Hälsa", "en": "Health"}),
    "TECH": _authority(
        "data-theme",
        "TECH",
        {"fi": "Tiede ja teknologia", "sv": "Vetenskap och teknik", "en": "Science and technology"},
    ),
}

#: Editorial alignment of the programme's four top themes with the EU data themes; sub-themes
#: follow their top theme (``skos:broader``).
THEME_TO_DATA_THEME = {
    "https://w3id.org/urbankg/def/theme/low-carbon": "ENVI",
    "https://w3id.org/urbankg/def/theme/healthy": "HEAL",
    "https://w3id.org/urbankg/def/theme/social-sustainability": "SOCI",
    "https://w3id.org/urbankg/def/theme/smart": "TECH",
}

LANGUAGES = [
    _authority(
        "language",
        "FIN",
        {"fi": "suomi", "sv": "finska", "en": "Finnish"},
        DCT + "LinguisticSystem",
    ),
    _authority(
        "language",
        "SWE",
        {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
        DCT + "LinguisticSystem",
    ),
    _authority(
        "language",
        "ENG",
        {"fi": "englanti", "sv": "engelska", "en": "English"},
        DCT + "LinguisticSystem",
    ),
]

FINLAND = _authority(
    "country", "FIN", {"fi": "Suomi", "sv": "Finland", "en": "Finland"}, DCT + "Location"
)

STABLE = _authority("planned-availability", "STABLE", {"en": "stable"})

#: The EU corporate-body table: a publisher in it is described as its member.
CORPORATE_BODY = f"{AUTHORITY}corporate-body"

PUBLISHER_TYPE_SCHEME = "http://purl.org/adms/publishertype/1.0"


def publisher_type(name: str) -> Concept:
    """Return the ADMS publisher-type concept ``name`` (e.g. ``NationalAuthority``)."""
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return Concept(
        f"http://purl.org/adms/publishertype/{name}", PUBLISHER_TYPE_SCHEME, {"en": words}
    )


@dataclass(frozen=True)
class Licence:
    """A licence of the EU licence table, with its ADMS licence type."""

    concept: Concept
    licence_type: Concept | None


_ATTRIBUTION = Concept(
    "http://purl.org/adms/licencetype/Attribution",
    "http://purl.org/adms/licencetype/1.0",
    {"en": "Attribution"},
)
_PUBLIC_DOMAIN = Concept(
    "http://purl.org/adms/licencetype/PublicDomain",
    "http://purl.org/adms/licencetype/1.0",
    {"en": "Public domain"},
)

#: Licences whose labels and type the catalogue knows; any other licence IRI is described only
#: as a ``dct:LicenseDocument`` (reported as a recommendation warning by DCAT-AP).
LICENCES = {
    lic.concept.iri: lic
    for lic in (
        Licence(
            _authority(
                "licence",
                "CC_BY_4_0",
                {"en": "Creative Commons Attribution 4.0 International"},
                DCT + "LicenseDocument",
            ),
            _ATTRIBUTION,
        ),
        Licence(
            _authority(
                "licence",
                "CC0",
                {"en": "Creative Commons CC0 1.0 Universal"},
                DCT + "LicenseDocument",
            ),
            _PUBLIC_DOMAIN,
        ),
    )
}


@dataclass(frozen=True)
class FileFormat:
    """A file format: its EU file-type concept and its IANA media type."""

    file_type: Concept
    media_type: str
    labels: Labels

    @property
    def media_type_iri(self) -> str:
        """The IANA register IRI of the media type."""
        return IANA + self.media_type


def _format(code: str, media: str, name: str) -> FileFormat:
    return FileFormat(
        _authority("file-type", code, {"en": name}, DCT + "MediaTypeOrExtent"),
        media,
        {"fi": name, "sv": name, "en": name},
    )


FORMATS = {
    "turtle": _format("RDF_TURTLE", "text/turtle", "Turtle"),
    "ntriples": _format("RDF_N_TRIPLES", "application/n-triples", "N-Triples"),
    "nquads": _format("RDF_N_QUADS", "application/n-quads", "N-Quads"),
    "trig": _format("RDF_TRIG", "application/trig", "TriG"),
    "jsonld": _format("JSON_LD", "application/ld+json", "JSON-LD"),
    "rdfxml": _format("RDF_XML", "application/rdf+xml", "RDF/XML"),
    "csv": _format("CSV", "text/csv", "CSV"),
    "sparql": _format("SPARQLQ", "application/sparql-query", "SPARQL"),
}

#: The media type of gzip compression (``dcat:compressFormat`` of the dumps).
GZIP = IANA + "application/gzip"

#: SPDX's checksum algorithm IRI (``http``, as SPDX, DCAT and the DCAT-AP text publish it).
#: The algorithm IRI in the form the official DCAT-AP 3.0.1 vocabulary shapes require
#: (``^https://spdx.org/rdf/terms``); SPDX's own namespace is http (docs/decisions/0021).
SHA256 = "https://spdx.org/rdf/terms#checksumAlgorithm_sha256"
