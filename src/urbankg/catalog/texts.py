"""The catalogue's fixed wording in Finnish, Swedish and English, filled with computed facts.

Only sentence frames live here; every number, year, name and count comes from the store.
"""

from __future__ import annotations

from urbankg.catalog.facts import DatasetFacts, Programme
from urbankg.catalog.vocab import Labels

CATALOG_TITLE: Labels = {
    "fi": "urbankg: kaupunkikehittämisen tietograafin tietoaineistot",
    "sv": "urbankg: datamängder i kunskapsgrafen om stadsutveckling",
    "en": "urbankg: datasets of the urban development knowledge graph",
}

WHOLE_TITLE: Labels = {
    "fi": "Kaupunkikehittämisen tietograafi (urbankg)",
    "sv": "Kunskapsgraf om stadsutveckling (urbankg)",
    "en": "Urban development knowledge graph (urbankg)",
}

SERVICE_TITLE: Labels = {
    "fi": "urbankg SPARQL -kyselyrajapinta",
    "sv": "urbankg SPARQL-frågetjänst",
    "en": "urbankg SPARQL query service",
}

SERVICE_DESCRIPTION: Labels = {
    "fi": "SPARQL 1.1 -kyselyrajapinta koko tietograafiin; oletusgraafi on kaikkien "
    "nimettyjen graafien yhdiste. Palvelukuvaus osoitteessa {endpoint}.",
    "sv": "SPARQL 1.1-frågetjänst för hela kunskapsgrafen; standardgrafen är unionen av alla "
    "namngivna grafer. Tjänstebeskrivning på {endpoint}.",
    "en": "SPARQL 1.1 query service over the whole knowledge graph; the default graph is the "
    "union of all named graphs. Service description at {endpoint}.",
}

GENERAL_KEYWORDS: Labels = {
    "fi": "kaupunkikehitys|linkitetty data",
    "sv": "stadsutveckling|länkade data",
    "en": "urban development|linked data",
}

_PROGRAMMES = {"fi": "{n} ohjelmaa, ", "sv": "{n} program, ", "en": "{n} programmes, "}
_COUNTS = {
    "fi": "{Project} hanketta, {Actor} toimijaa ja {Participation} osallistumista",
    "sv": "{Project} projekt, {Actor} aktörer och {Participation} deltaganden",
    "en": "{Project} projects, {Actor} actors and {Participation} participations",
}
_YEARS = {"fi": " vuosilta {span}", "sv": " från åren {span}", "en": " from the years {span}"}
_SOURCES = {
    "fi": ". Koottu {sources} julkiselta verkkosivulta; jokainen tieto linkittää lähteeseensä "
    "(dct:source). Ladattavissa RDF- ja CSV-muodoissa ja SPARQL-rajapinnan kautta.",
    "sv": ". Sammanställd från {sources} offentliga webbsidor; varje uppgift länkar till sin "
    "källa (dct:source). Kan laddas ned i RDF- och CSV-format och frågas med SPARQL.",
    "en": ". Compiled from {sources} public web pages; every fact links to its source page "
    "(dct:source). Downloadable as RDF and CSV and queryable with SPARQL.",
}
_WHOLE_LEAD = {
    "fi": "Suomen kaupunkikehittämisohjelmat (mm. Kestävä kaupunki 2019–2023), niiden "
    "hankkeet, toimijat, osallistumiset ja rahoitus linkitettynä datana: ",
    "sv": "Finlands stadsutvecklingsprogram (bl.a. Hållbara städer 2019–2023), deras projekt, "
    "aktörer, deltaganden och finansiering som länkade data: ",
    "en": "Finland's urban development programmes (among them Sustainable City 2019-2023), "
    "their projects, actors, participations and funding as linked data: ",
}
_PROGRAMME_LEAD = {
    "fi": "Ohjelman {name} tiedot urbankg-tietograafista: ",
    "sv": "Uppgifter om programmet {name} ur kunskapsgrafen urbankg: ",
    "en": "The {name} programme in the urbankg knowledge graph: ",
}
_PROGRAMME_TITLE = {
    "fi": "{name}: hankkeet, toimijat ja osallistumiset",
    "sv": "{name}: projekt, aktörer och deltaganden",
    "en": "{name}: projects, actors and participations",
}
_CATALOG_DESCRIPTION = {
    "fi": "Kaupunkikehittämisen tietograafi kokonaisuudessaan ja {n} ohjelmaa omina "
    "tietoaineistoinaan, sekä SPARQL-kyselyrajapinta. Luettelo tuotetaan tiedoista "
    "automaattisesti.",
    "sv": "Kunskapsgrafen om stadsutveckling i sin helhet och {n} program som egna "
    "datamängder, samt en SPARQL-frågetjänst. Katalogen genereras automatiskt ur data.",
    "en": "The urban development knowledge graph as a whole and {n} programmes as datasets of "
    "their own, with a SPARQL query service. The catalogue is generated from the data.",
}
_PROVENANCE = {
    "fi": "Ladattu urbankg-tietovarastoon lähteistä {loads}. Tiedot on koottu julkisilta "
    "verkkosivuilta, ja jokainen resurssi nimeää sivut, joilta sen tiedot ovat (dct:source).",
    "sv": "Laddad i urbankg från källorna {loads}. Uppgifterna är sammanställda från offentliga "
    "webbsidor och varje resurs anger de sidor dess uppgifter kommer från (dct:source).",
    "en": "Loaded into urbankg from the sources {loads}. The facts were compiled from public "
    "web pages, and every resource names the pages its facts come from (dct:source).",
}
_DISTRIBUTION = {
    "dump": {
        "fi": "{what} ({fmt}, gzip-pakattu)",
        "sv": "{what} ({fmt}, gzip-komprimerad)",
        "en": "{what} ({fmt}, gzip-compressed)",
    },
    "csv": {
        "fi": "Taulukko {table} (CSV)",
        "sv": "Tabell {table} (CSV)",
        "en": "Table {table} (CSV)",
    },
    "sparql": {
        "fi": "SPARQL-kyselyrajapinta",
        "sv": "SPARQL-frågetjänst",
        "en": "SPARQL query service",
    },
}
_WHAT = {
    "whole": {"fi": "Koko tietograafi", "sv": "Hela kunskapsgrafen", "en": "Whole knowledge graph"},
    "programme": {"fi": "Ohjelman tiedot", "sv": "Programmets data", "en": "Programme data"},
}
_DISTRIBUTION_DESCRIPTION = {
    "fi": "{title}. Ladattavissa osoitteesta {url}.",
    "sv": "{title}. Kan laddas ned från {url}.",
    "en": "{title}. Download from {url}.",
}


def name_in(labels: Labels, lang: str, fallback: str) -> str:
    """A name in ``lang``, else in Finnish, English or Swedish, else ``fallback``."""
    for candidate in (lang, "fi", "en", "sv"):
        if labels.get(candidate):
            return labels[candidate]
    return fallback


def _span(facts: DatasetFacts) -> str:
    if facts.start is None and facts.end is None:
        return ""
    if facts.start is None or facts.end is None or facts.start == facts.end:
        return str(facts.start if facts.start is not None else facts.end)
    return f"{facts.start}–{facts.end}"


def _summary(facts: DatasetFacts, lang: str, *, programmes: bool = False) -> str:
    counts = {k: facts.counts.get(k, 0) for k in ("Project", "Actor", "Participation")}
    text = _COUNTS[lang].format(**counts)
    if programmes:
        text = _PROGRAMMES[lang].format(n=facts.counts.get("Programme", 0)) + text
    span = _span(facts)
    if span:
        text += _YEARS[lang].format(span=span)
    return text + _SOURCES[lang].format(sources=facts.sources)


def whole_description(facts: DatasetFacts) -> Labels:
    """The description of the whole-graph dataset."""
    return {lang: _WHOLE_LEAD[lang] + _summary(facts, lang, programmes=True) for lang in _COUNTS}


def programme_title(programme: Programme) -> Labels:
    """The title of a programme's dataset."""
    return {
        lang: _PROGRAMME_TITLE[lang].format(name=name_in(programme.labels, lang, programme.slug))
        for lang in _COUNTS
    }


def programme_description(programme: Programme, facts: DatasetFacts) -> Labels:
    """The description of a programme's dataset (with the programme's own description)."""
    out = {}
    for lang in _COUNTS:
        lead = _PROGRAMME_LEAD[lang].format(name=name_in(programme.labels, lang, programme.slug))
        own = programme.descriptions.get(lang)
        out[lang] = (f"{own} " if own else "") + lead + _summary(facts, lang)
    return out


def catalog_description(programmes: int) -> Labels:
    """The description of the catalogue."""
    return {lang: text.format(n=programmes) for lang, text in _CATALOG_DESCRIPTION.items()}


def provenance(loads: list[str]) -> Labels:
    """The provenance statement of a dataset loaded from ``loads`` (source names)."""
    names = ", ".join(loads) if loads else "–"
    return {lang: text.format(loads=names) for lang, text in _PROVENANCE.items()}


def distribution_title(kind: str, *, fmt: str = "", table: str = "", whole: bool = True) -> Labels:
    """The title of a distribution: a dump/extract, a CSV table or the SPARQL service."""
    what = _WHAT["whole" if whole else "programme"]
    return {
        lang: text.format(what=what[lang], fmt=fmt, table=table)
        for lang, text in _DISTRIBUTION[kind].items()
    }


def distribution_description(title: Labels, url: str) -> Labels:
    """The description of a downloadable distribution."""
    return {
        lang: text.format(title=title[lang], url=url)
        for lang, text in _DISTRIBUTION_DESCRIPTION.items()
    }
