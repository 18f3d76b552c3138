#!/usr/bin/env python
"""Synthetic, valid, programme-like data for the urbankg benchmarks.

Writes N-Triples (streamed, bounded memory) or the CSV layout of ``docs/csv-format.md``, of a
chosen size (10k to 5M triples), deterministically: the same size and seed give the same bytes.

The data follows ``docs/model.md`` and validates against ``shapes/`` with zero violations (it
does raise warnings, as real data does: companies without a business id, names only in
Finnish, projects without a theme or a start year). Proportions follow DESIGN.md §8 (34,500
projects : 5,500 actors : 142,000 participations), with the counts scaled so that the file has
the requested number of triples (the model's required triples make that about 26,000 projects
per million triples, see ``bench/README.md``):

- a few programmes (Zipf-sized) with funding calls, themes, frameworks, SDGs and programme-level
  participations (a coordinating ministry, member cities);
- actors over every actor type of the four helices, cities capped at Finland's ~300
  municipalities, each with a unique 3-digit municipality code and a NUTS 3 region; most
  companies with a valid business id (mod-11 check digit);
- projects with 1-8 participants (mean 4.1) picked by preferential attachment (Zipf weights
  boosted for cities and universities), so a few cities are in very many projects; exactly one
  leading role (``role:lead`` or ``role:coordinator``) per project, the others partner,
  participant, expert, pilot-site, … by the actor's helix;
- themes on most projects, SDG goals or targets on some, years 2008-2031 (start <= end), grants
  with a funder and an amount on about a third, total budgets on some;
- fi labels on everything, sv and en on many (synthetic but plausible words with ä, ö, å);
- ``dct:source`` on every initiative, actor, participation, grant and budget.

Usage::

    python bench/generate.py --triples 100000 --seed 1            # bench/data/synth-100k-s1.nt
    python bench/generate.py --triples 100000 --format csv        # bench/data/synth-100k-s1/
    python bench/generate.py --triples 100000 --batch 100         # 100 new projects whose
                                                                  # participants are actors of
                                                                  # the 100k data set

Importable from its path (``bench`` is not a package)::

    spec = importlib.util.spec_from_file_location("generate", "bench/generate.py")
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import math
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Literal, TypeVar

T = TypeVar("T")
Format = Literal["nt", "csv"]

BASE = "https://w3id.org/urbankg/id/"
DEF = "https://w3id.org/urbankg/def"
UKG = DEF + "#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
CV = "http://data.europa.eu/m8g/"
SDG = "http://metadata.un.org/sdg/"
NUTS = "http://data.europa.eu/nuts/code/"
#: Sources are synthetic: a reserved top-level domain, so no link points at a real page.
SOURCE_HOST = "https://synthetic.urbankg.invalid"

MIN_TRIPLES = 10_000
MAX_TRIPLES = 5_000_000
#: DESIGN.md §8: 1M triples = 34,500 projects, 5,500 actors, 142,000 participations.
ACTORS_PER_PROJECT = 5_500 / 34_500
#: Finland has 308 municipalities; cities and municipalities never exceed that.
MAX_MUNICIPALITIES = 308


# ---- vocabulary (slugs of docs/model.md) --------------------------------------------------------
ACTOR_TYPES: dict[str, tuple[str, float]] = {
    # actor type: (helix, share of actors)
    "city": ("public", 0.030),
    "municipality": ("public", 0.050),
    "city-unit": ("public", 0.050),
    "city-region": ("public", 0.010),
    "ministry": ("public", 0.004),
    "state-agency": ("public", 0.020),
    "state-body": ("public", 0.010),
    "regional-council": ("public", 0.006),
    "joint-municipal-authority": ("public", 0.020),
    "university": ("research", 0.010),
    "university-of-applied-sciences": ("research", 0.015),
    "research-institute": ("research", 0.020),
    "vocational-college": ("research", 0.020),
    "company": ("business", 0.370),
    "state-owned-company": ("business", 0.015),
    "city-owned-company": ("business", 0.060),
    "association": ("civil-society", 0.150),
    "ngo": ("civil-society", 0.070),
    "foundation": ("civil-society", 0.040),
    "parish": ("civil-society", 0.015),
    "think-tank": ("civil-society", 0.015),
}
#: Fixed maxima of a few types (Finland has 12 ministries, 18 regional councils).
TYPE_CAP = {"ministry": 12, "regional-council": 18, "university": 14}
#: How much more often than others an actor of this type takes part in projects.
TYPE_ACTIVITY = {
    "city": 12.0,
    "municipality": 2.0,
    "city-unit": 2.0,
    "university": 6.0,
    "university-of-applied-sciences": 4.0,
    "research-institute": 4.0,
    "ministry": 3.0,
    "state-agency": 1.5,
    "regional-council": 2.0,
    "company": 0.6,
    "association": 0.6,
    "ngo": 0.7,
}
#: How likely an actor of this type leads the projects it is in.
LEAD_BIAS = {
    "city": 3.0,
    "municipality": 2.0,
    "city-unit": 1.5,
    "university": 2.5,
    "university-of-applied-sciences": 2.0,
    "research-institute": 2.0,
    "joint-municipal-authority": 1.2,
    "company": 0.3,
    "state-owned-company": 0.3,
    "city-owned-company": 0.6,
    "association": 0.5,
    "ngo": 0.5,
    "ministry": 0.2,
    "parish": 0.3,
}
#: Roles of the participants after the lead, by helix: (role, weight, wordings).
OTHER_ROLES: dict[str, list[tuple[str, float]]] = {
    "public": [
        ("partner", 4),
        ("pilot-site", 3),
        ("participant", 2),
        ("co-implementer", 2),
        ("funder", 0.5),
        ("facilitator", 0.5),
        ("member", 1),
    ],
    "research": [
        ("research-partner", 4),
        ("expert", 3),
        ("partner", 2),
        ("co-implementer", 1),
        ("author", 0.5),
    ],
    "business": [
        ("partner", 3),
        ("implementer", 3),
        ("expert", 2),
        ("co-implementer", 1),
        ("operator", 0.5),
    ],
    "civil-society": [
        ("participant", 4),
        ("partner", 3),
        ("member", 1),
        ("facilitator", 1),
        ("implementer", 1),
    ],
}
ROLE_WORDINGS: dict[str, list[str]] = {
    "lead": ["päätoteuttaja", "lead partner", "hankkeen vetäjä", "grantee/lead"],
    "coordinator": ["koordinaattori", "coordinator", "hankkeen koordinoija"],
    "partner": ["osatoteuttaja", "kumppani", "partner", "samarbetspartner"],
    "pilot-site": ["kokeilukaupunki", "pilot city", "pilottialue"],
    "participant": ["osallistuja", "participant", "mukana"],
    "co-implementer": ["osatoteuttaja", "co-implementer", "delgenomförare"],
    "funder": ["rahoittaja", "co-funder"],
    "facilitator": ["fasilitaattori", "fasilitering", "facilitator"],
    "member": ["jäsen", "member", "medlem"],
    "research-partner": ["tutkimuskumppani", "research partner", "forskningspartner"],
    "expert": ["asiantuntija", "expert", "sakkunnig"],
    "author": ["kirjoittaja", "author"],
    "implementer": ["toteuttaja", "implementer", "konsultti"],
    "operator": ["palveluoperaattori", "operator"],
    "state-party": ["valtion osapuoli", "state party"],
}
PROJECT_TYPES: list[tuple[str, float]] = [
    ("pilot", 30),
    ("development-project", 24),
    ("research-project", 10),
    ("network", 5),
    ("challenge-cluster", 3),
    ("strategy", 4),
    ("agreement", 3),
    ("cooperation-group", 2),
    ("local-review", 2),
    ("service", 4),
    ("label", 2),
    ("publication", 3),
    ("spearhead-project", 5),
    ("project", 3),
]
THEMES: list[tuple[str, float]] = [
    ("low-carbon", 10),
    ("smart", 8),
    ("healthy", 7),
    ("social-sustainability", 7),
    ("segregation-prevention", 2),
    ("urban-green", 3),
    ("sustainable-urban-planning", 3),
    ("inclusive-participation", 3),
    ("resource-wisdom", 3),
    ("sustainability-management", 2),
    ("sustainable-mobility", 4),
    ("open-data", 2),
]
FRAMEWORKS = ["new-urban-agenda", "agenda-2030"]
#: Participants per project: 1..8 (mean 4.07, DESIGN §8: 142,000 / 34,500 = 4.12).
PARTICIPANTS: list[tuple[int, float]] = [
    (1, 8),
    (2, 14),
    (3, 19),
    (4, 21),
    (5, 15),
    (6, 11),
    (7, 7),
    (8, 5),
]
NUTS3 = [
    "FI196",
    "FI198",
    "FI199",
    "FI19A",
    "FI19B",
    "FI1B1",
    "FI1C1",
    "FI1C2",
    "FI1C5",
    "FI1C6",
    "FI1C7",
    "FI1D5",
    "FI1D7",
    "FI1D8",
    "FI1D9",
    "FI1DA",
    "FI1DB",
    "FI1DC",
    "FI200",
]
YEAR_MIN, YEAR_MAX = 2008, 2031


# ---- words ---------------------------------------------------------------------------------------
FI_PLACE_HEAD = [
    "Koivu",
    "Mänty",
    "Kuusi",
    "Tammi",
    "Pihlaja",
    "Järvi",
    "Mäki",
    "Koski",
    "Lahti",
    "Niemi",
    "Salo",
    "Kallio",
    "Haka",
    "Pelto",
    "Kivi",
    "Ranta",
    "Vaara",
    "Harju",
    "Suo",
    "Lampi",
    "Hieta",
    "Saari",
    "Nummi",
    "Ahven",
    "Hirvi",
    "Pyhä",
    "Ylä",
    "Ala",
    "Itä",
    "Länsi",
]
FI_PLACE_TAIL = [
    "la",
    "järvi",
    "koski",
    "niemi",
    "vaara",
    "mäki",
    "salo",
    "lahti",
    "ranta",
    "harju",
    "kylä",
    "pää",
    "saari",
    "joki",
    "linna",
    "vesi",
    "selkä",
    "kangas",
]
SV_PLACE_HEAD = [
    "Björk",
    "Gran",
    "Ek",
    "Sjö",
    "Strand",
    "Berg",
    "Holm",
    "Näs",
    "Dal",
    "Sand",
    "Lind",
    "Ask",
    "Ål",
    "Öster",
    "Väster",
    "Norr",
    "Söder",
    "Lill",
    "Stor",
    "Fors",
]
SV_PLACE_TAIL = [
    "by",
    "vik",
    "näs",
    "dal",
    "ö",
    "å",
    "berg",
    "fors",
    "sund",
    "stad",
    "holm",
    "backa",
    "hamn",
]
#: (fi genitive, sv, en) topics for agencies, institutes, associations, …
TOPICS = [
    ("kestävän rakentamisen", "hållbart byggande", "Sustainable Construction"),
    ("kiertotalouden", "cirkulär ekonomi", "Circular Economy"),
    ("liikenteen", "trafik", "Transport"),
    ("energiatehokkuuden", "energieffektivitet", "Energy Efficiency"),
    ("kaupunkiluonnon", "stadsnatur", "Urban Nature"),
    ("ilmastotyön", "klimatarbete", "Climate Action"),
    ("asumisen", "boende", "Housing"),
    ("digitaalisten palvelujen", "digitala tjänster", "Digital Services"),
    ("osallisuuden", "delaktighet", "Participation"),
    ("hyvinvoinnin", "välfärd", "Wellbeing"),
    ("vesihuollon", "vattenförsörjning", "Water Services"),
    ("yhdyskuntasuunnittelun", "samhällsplanering", "Urban Planning"),
    ("lähiöiden", "förorter", "Suburbs"),
    ("ympäristöterveyden", "miljöhälsa", "Environmental Health"),
]
#: (fi, sv, en) noun phrases of project names.
PHRASES = [
    ("älykäs pysäköinti", "smart parkering", "smart parking"),
    ("vähähiilinen lähiö", "koldioxidsnål förort", "low-carbon suburb"),
    ("kestävä liikkuminen", "hållbar mobilitet", "sustainable mobility"),
    ("yhteisöllinen viljely", "gemensam odling", "community farming"),
    ("hiilineutraali kortteli", "koldioxidneutralt kvarter", "carbon-neutral block"),
    ("esteetön lähivirkistys", "tillgänglig närrekreation", "accessible local recreation"),
    ("kiertotalouden kokeilu", "försök med cirkulär ekonomi", "circular economy pilot"),
    ("nuorten osallisuus", "ungas delaktighet", "youth participation"),
    ("ikäystävällinen asuminen", "åldersvänligt boende", "age-friendly housing"),
    ("energiaviisas koulu", "energismart skola", "energy-smart school"),
    ("viherkattojen verkosto", "nätverk av gröna tak", "green roof network"),
    ("avoin kaupunkidata", "öppna stadsdata", "open city data"),
    ("hulevesien hallinta", "dagvattenhantering", "stormwater management"),
    ("pyöräilyn edistäminen", "främjande av cykling", "cycling promotion"),
    ("kävelykeskustan kehittäminen", "utveckling av gångcentrum", "walkable centre"),
    ("lähiöiden elinvoima", "förorternas livskraft", "vitality of suburbs"),
    ("monikulttuurinen kohtaamispaikka", "mångkulturell mötesplats", "multicultural meeting place"),
    ("resurssiviisas rakentaminen", "resurssmart byggande", "resource-wise construction"),
    ("kestävyystyön johtaminen", "ledning av hållbarhetsarbete", "sustainability management"),
    (
        "ilmastoystävällinen ruokapalvelu",
        "klimatvänlig matservice",
        "climate-friendly food service",
    ),
    ("kaupunkimetsien hoito", "skötsel av stadsskogar", "urban forest care"),
    ("segregaation ehkäisy", "förebyggande av segregation", "segregation prevention"),
    ("älykäs katuvalaistus", "smart gatubelysning", "smart street lighting"),
    ("jätteettömät tapahtumat", "avfallsfria evenemang", "zero-waste events"),
    ("aurinkosähkön yhteishankinta", "gemensam upphandling av solel", "joint solar procurement"),
    ("puurakentamisen edistäminen", "främjande av träbyggande", "wood construction promotion"),
    ("terveyttä edistävä pihapiiri", "hälsofrämjande gårdsmiljö", "health-promoting yard"),
    ("digitaalinen kaupunkimalli", "digital stadsmodell", "digital city model"),
]
#: (fi, sv, en) names of programmes.
PROGRAMME_NAMES = [
    ("Kestävät kaupungit", "Hållbara städer", "Sustainable Cities"),
    ("Älykkäät alueet", "Smarta regioner", "Smart Regions"),
    ("Hiilineutraalit kunnat", "Koldioxidneutrala kommuner", "Carbon-neutral Municipalities"),
    ("Elinvoimaiset lähiöt", "Livskraftiga förorter", "Vital Suburbs"),
    ("Kaupunkiluonto", "Stadsnatur", "Urban Nature"),
    ("Kestävä liikkuminen", "Hållbar mobilitet", "Sustainable Mobility"),
    ("Kiertotalouden kaupungit", "Städer för cirkulär ekonomi", "Circular Cities"),
    ("Osallistava kaupunki", "Den delaktiga staden", "The Inclusive City"),
    ("Terveet ympäristöt", "Hälsosamma miljöer", "Healthy Environments"),
    ("Avoin kaupunki", "Den öppna staden", "The Open City"),
]
MINISTRIES = [
    ("Ympäristöministeriö", "Miljöministeriet", "Ministry of the Environment"),
    (
        "Työ- ja elinkeinoministeriö",
        "Arbets- och näringsministeriet",
        "Ministry of Economic Affairs and Employment",
    ),
    ("Valtiovarainministeriö", "Finansministeriet", "Ministry of Finance"),
    ("Liikenne- ja viestintäministeriö", "Kommunikationsministeriet", "Ministry of Transport"),
    ("Sosiaali- ja terveysministeriö", "Social- och hälsovårdsministeriet", "Ministry of Health"),
    (
        "Opetus- ja kulttuuriministeriö",
        "Undervisnings- och kulturministeriet",
        "Ministry of Culture",
    ),
    ("Maa- ja metsätalousministeriö", "Jord- och skogsbruksministeriet", "Ministry of Agriculture"),
    ("Sisäministeriö", "Inrikesministeriet", "Ministry of the Interior"),
    ("Oikeusministeriö", "Justitieministeriet", "Ministry of Justice"),
    ("Ulkoministeriö", "Utrikesministeriet", "Ministry for Foreign Affairs"),
    ("Puolustusministeriö", "Försvarsministeriet", "Ministry of Defence"),
    ("Valtioneuvoston kanslia", "Statsrådets kansli", "Prime Minister's Office"),
]
COMPANY_HEAD = [
    "Eko",
    "Viher",
    "Äly",
    "Kierto",
    "Puu",
    "Aurinko",
    "Tuuli",
    "Vesi",
    "Kaupunki",
    "Lähi",
    "Sisu",
    "Pohjan",
    "Meri",
    "Järvi",
    "Metsä",
    "Kivi",
    "Sähkö",
    "Data",
    "Raide",
    "Pyörä",
    "Routa",
    "Lumi",
]
COMPANY_TAIL = [
    "voima",
    "linja",
    "data",
    "tekniikka",
    "rakenne",
    "ratkaisut",
    "palvelut",
    "suunnittelu",
    "energia",
    "logistiikka",
    "konsultit",
    "labs",
    "systems",
    "työ",
    "kehitys",
]
CITY_COMPANY = [
    ("Energia", "Energi", "Energy"),
    ("Vesi", "Vatten", "Water"),
    ("Satama", "Hamn", "Port"),
    ("Vuokra-asunnot", "Hyresbostäder", "Rental Housing"),
    ("Kehitys", "Utveckling", "Development"),
    ("Liikenne", "Trafik", "Transport"),
]


def _fold(text: str) -> str:
    """ASCII slug of ``text`` (ä → a, å → a, ö → o)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = []
    dash = False
    for ch in plain.lower():
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def _harmony(head: str, tail: str) -> str:
    """Finnish vowel harmony for the ``-la`` ending (Koivula, Mäntylä)."""
    if tail != "la":
        return tail
    return "la" if any(v in head.lower() for v in "aou") else "lä"


#: Genitives of the endings of place names (consonant gradation: Koivulahti → Koivulahden).
_GENITIVE_ENDINGS = {
    "lahti": "lahden",
    "järvi": "järven",
    "koski": "kosken",
    "niemi": "niemen",
    "saari": "saaren",
    "joki": "joen",
    "vesi": "veden",
    "mäki": "mäen",
    "selkä": "selän",
    "ranta": "rannan",
    "kangas": "kankaan",
}


def _genitive(name: str) -> str:
    """Finnish genitive of a generated place name (Koivula → Koivulan, Mäntyjärvi → Mäntyjärven)."""
    for ending, genitive in _GENITIVE_ENDINGS.items():
        if name.endswith(ending):
            return name[: -len(ending)] + genitive
    return name + "n"


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def business_id_check(digits: str) -> int | None:
    """Check digit of a Finnish business id (None: these seven digits are never issued)."""
    r = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if r == 1:
        return None
    return 0 if r == 0 else 11 - r


# ---- the data ------------------------------------------------------------------------------------
Names = tuple[str, str | None, str | None]  # fi, sv, en


@dataclass
class Programme:
    slug: str
    names: Names
    start: int
    end: int | None
    themes: list[str]
    sdgs: list[str]
    frameworks: list[str]
    description: str | None
    sources: list[str]
    coordinator: int = -1
    weight: float = 1.0
    calls: list[Call] = field(default_factory=list)
    members: list[Actor] = field(default_factory=list)


@dataclass
class Call:
    slug: str
    programme: Programme
    names: Names
    year: int
    sources: list[str]


@dataclass
class Actor:
    index: int
    slug: str
    names: Names
    sector: str
    business_id: str | None = None
    municipality_code: str | None = None
    nuts3: str | None = None
    sources: list[str] = field(default_factory=list)

    @property
    def helix(self) -> str:
        return ACTOR_TYPES[self.sector][0]


@dataclass
class Participation:
    initiative: str  # "project" or "programme"
    initiative_slug: str
    actor: Actor
    role: str
    wording: str | None
    sources: list[str]


@dataclass
class Grant:
    slug: str
    kind: str  # "grant" or "total-budget"
    project: str
    amount: str
    year: int | None
    funder: Actor | None
    grantee: Actor | None
    sources: list[str]


@dataclass
class Project:
    slug: str
    names: Names
    ptype: str
    programme: Programme | None
    call: Call | None
    themes: list[str]
    sdgs: list[str]
    start: int | None
    end: int | None
    description: str | None
    sources: list[str]
    participations: list[Participation] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)


@dataclass
class Stats:
    """What :func:`generate` wrote."""

    triples: int = 0
    programmes: int = 0
    calls: int = 0
    actors: int = 0
    projects: int = 0
    participations: int = 0
    grants: int = 0
    budgets: int = 0
    bytes: int = 0
    seconds: float = 0.0
    path: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _weighted(rng: random.Random, items: Sequence[tuple[T, float]]) -> T:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _sample_weighted(rng: random.Random, items: Sequence[tuple[str, float]], k: int) -> list[str]:
    """``k`` distinct items, drawn by weight."""
    pool = list(items)
    out: list[str] = []
    for _ in range(min(k, len(pool))):
        i = rng.choices(range(len(pool)), weights=[w for _, w in pool])[0]
        out.append(pool.pop(i)[0])
    return out


class World:
    """Programmes, calls and actors of a data set (held in memory; projects are streamed)."""

    def __init__(self, rng: random.Random, n_projects: int, sdg_codes: Sequence[str]) -> None:
        self.rng = rng
        self.sdg_goals = [c for c in sdg_codes if "." not in c]
        self.sdg_targets = [c for c in sdg_codes if "." in c]
        self._names_used: dict[str, int] = {}
        self._ids_used: set[str] = set()
        self._ministries = 0
        self.actors = self._actors(max(40, round(n_projects * ACTORS_PER_PROJECT)))
        self.by_type: dict[str, list[Actor]] = {t: [] for t in ACTOR_TYPES}
        for a in self.actors:
            self.by_type[a.sector].append(a)
        self.programmes = self._programmes(max(4, min(30, round(math.sqrt(n_projects) / 8))))
        self._cum_prog = list(itertools.accumulate(p.weight for p in self.programmes))
        # Preferential attachment: Zipf weights over a random ranking, boosted by actor type.
        ranks = list(range(len(self.actors)))
        rng.shuffle(ranks)
        weights = [
            TYPE_ACTIVITY.get(a.sector, 1.0) / (r + 1) ** 0.9
            for a, r in zip(self.actors, ranks, strict=True)
        ]
        self._cum = list(itertools.accumulate(weights))
        self._cum_lead = list(
            itertools.accumulate(
                w * LEAD_BIAS.get(a.sector, 1.0) for a, w in zip(self.actors, weights, strict=True)
            )
        )
        self.funders = (
            self.by_type["ministry"] + self.by_type["state-agency"] + self.by_type["foundation"]
        )

    # -- helpers
    def unique_name(self, name: str, place: str) -> str:
        n = self._names_used.get(name, 0)
        self._names_used[name] = n + 1
        if n == 0:
            return name
        return f"{name} ({place})" if n == 1 else f"{name} ({place} {n})"

    def unique_slug(self, text: str, n: int) -> str:
        slug = f"{_fold(text)[:48].strip('-')}-{_b36(n)}"
        assert slug not in self._ids_used, slug
        self._ids_used.add(slug)
        return slug

    def place(self) -> tuple[str, str]:
        """A Finnish place name and its Swedish name (the same unless bilingual)."""
        rng = self.rng
        head = rng.choice(FI_PLACE_HEAD)
        tail = rng.choice(FI_PLACE_TAIL)
        fi = head + _harmony(head, tail)
        if rng.random() < 0.15:
            return fi, rng.choice(SV_PLACE_HEAD) + rng.choice(SV_PLACE_TAIL)
        return fi, fi

    def source(self, kind: str, slug: str) -> str:
        return f"{SOURCE_HOST}/{kind}/{slug}"

    # -- actors
    def _actors(self, n: int) -> list[Actor]:
        rng = self.rng
        # Every type once (when there is room), then by share, within the caps.
        types = list(ACTOR_TYPES)
        quota: dict[str, int] = {}
        for t, (_h, share) in ACTOR_TYPES.items():
            q = max(1, round(n * share))
            if t in ("city", "municipality"):
                q = min(q, MAX_MUNICIPALITIES // 2 if t == "city" else MAX_MUNICIPALITIES)
            quota[t] = min(q, TYPE_CAP.get(t, q))
        cap = MAX_MUNICIPALITIES - quota["city"]
        quota["municipality"] = min(quota["municipality"], cap)
        sectors = [t for t in types for _ in range(quota[t])]
        # Fill up to n with companies and associations, the open-ended types.
        while len(sectors) < n:
            sectors.append(rng.choice(["company", "company", "association", "ngo"]))
        rng.shuffle(sectors)
        codes = rng.sample(range(5, 1000), k=quota["city"] + quota["municipality"])
        code_iter = iter(codes)
        used_bids: set[str] = set()
        actors: list[Actor] = []
        places: list[tuple[str, str]] = []
        muni_places_left = [
            (h + _harmony(h, t), None) for h in FI_PLACE_HEAD for t in FI_PLACE_TAIL
        ]
        rng.shuffle(muni_places_left)
        for i, sector in enumerate(sectors):
            if sector in ("city", "municipality"):
                fi_place = muni_places_left.pop()[0]
                sv_place = (
                    rng.choice(SV_PLACE_HEAD) + rng.choice(SV_PLACE_TAIL)
                    if rng.random() < 0.15
                    else fi_place
                )
                places.append((fi_place, sv_place))
                place = (fi_place, sv_place)
            else:
                place = rng.choice(places) if places and rng.random() < 0.7 else self.place()
            names = self._actor_names(sector, place, i)
            slug = self.unique_slug(names[0], i)
            actor = Actor(i, slug, names, sector)
            helix = ACTOR_TYPES[sector][0]
            if sector in ("city", "municipality"):
                actor.municipality_code = f"{next(code_iter):03d}"
            if helix == "public" and rng.random() < 0.6:
                actor.nuts3 = rng.choice(NUTS3)
            if helix == "business" and rng.random() < 0.75:
                while True:
                    digits = f"{rng.randrange(10**7):07d}"
                    check = business_id_check(digits)
                    bid = f"{digits}-{check}"
                    if check is not None and bid not in used_bids:
                        used_bids.add(bid)
                        actor.business_id = bid
                        break
            actor.sources = [self.source("toimijat", slug)]
            if rng.random() < 0.3:
                actor.sources.append(f"{SOURCE_HOST}/ytj/{_b36(i * 7919 + 13)}")
            actors.append(actor)
        return actors

    def _actor_names(self, sector: str, place: tuple[str, str], i: int) -> Names:
        rng = self.rng
        fi, sv = place
        gen = _genitive(fi)
        topic = rng.choice(TOPICS)
        sv_name: str | None
        en_name: str | None
        if sector == "city":
            fi_name, sv_name, en_name = fi, sv if sv != fi else None, f"City of {fi}"
        elif sector == "municipality":
            fi_name, sv_name, en_name = f"{gen} kunta", f"{sv} kommun", f"Municipality of {fi}"
        elif sector == "city-unit":
            fi_name = f"{gen} kaupungin {topic[0]} yksikkö"
            sv_name = f"Enheten för {topic[1]} i {sv} stad"
            en_name = f"City of {fi}, {topic[2]} Unit"
        elif sector == "city-region":
            fi_name, sv_name, en_name = f"{gen} seutu", f"{sv}regionen", f"{fi} Region"
        elif sector == "ministry":
            fi_name, sv_name, en_name = MINISTRIES[self._ministries]
            self._ministries += 1
        elif sector == "state-agency":
            fi_name = f"{topic[0].capitalize()} virasto"
            sv_name, en_name = f"Verket för {topic[1]}", f"Agency for {topic[2]}"
        elif sector == "state-body":
            fi_name = f"{topic[0].capitalize()} neuvottelukunta"
            sv_name, en_name = f"Delegationen för {topic[1]}", f"Advisory Board for {topic[2]}"
        elif sector == "regional-council":
            fi_name = f"{gen} maakunnan liitto"
            sv_name, en_name = f"Landskapsförbundet {sv}", f"Regional Council of {fi}"
        elif sector == "joint-municipal-authority":
            fi_name = f"{gen} seudun {topic[0]} kuntayhtymä"
            sv_name = f"Samkommunen för {topic[1]} i {sv}"
            en_name = f"{fi} Joint Authority for {topic[2]}"
        elif sector == "university":
            fi_name, sv_name, en_name = (
                f"{gen} yliopisto",
                f"{sv} universitet",
                f"University of {fi}",
            )
        elif sector == "university-of-applied-sciences":
            fi_name = f"{gen} ammattikorkeakoulu"
            sv_name, en_name = f"Yrkeshögskolan i {sv}", f"{fi} University of Applied Sciences"
        elif sector == "research-institute":
            fi_name = f"{topic[0].capitalize()} tutkimuslaitos"
            sv_name = f"Forskningsinstitutet för {topic[1]}"
            en_name = f"{topic[2]} Research Institute"
        elif sector == "vocational-college":
            fi_name = f"{gen} ammattiopisto"
            sv_name, en_name = f"Yrkesinstitutet i {sv}", f"{fi} Vocational College"
        elif sector == "company":
            fi_name = f"{rng.choice(COMPANY_HEAD)}{rng.choice(COMPANY_TAIL)} Oy"
            sv_name = fi_name[:-3] + " Ab" if rng.random() < 0.1 else None
            en_name = fi_name[:-3] + " Ltd" if rng.random() < 0.2 else None
        elif sector == "state-owned-company":
            stem = f"{rng.choice(COMPANY_HEAD)}{rng.choice(COMPANY_TAIL)}"
            fi_name, sv_name, en_name = f"Suomen {stem} Oy", None, f"{stem} Finland Ltd"
        elif sector == "city-owned-company":
            what = rng.choice(CITY_COMPANY)
            fi_name = f"{gen} {what[0]} Oy"
            sv_name = f"{sv} {what[1]} Ab" if sv != fi else None
            en_name = f"{fi} {what[2]} Ltd"
        elif sector == "association":
            fi_name = f"{gen} {topic[0]} yhdistys ry"
            sv_name = f"Föreningen för {topic[1]} i {sv} rf" if rng.random() < 0.2 else None
            en_name = f"{fi} {topic[2]} Association" if rng.random() < 0.3 else None
        elif sector == "ngo":
            fi_name = f"{topic[0].capitalize()} kansalaisverkosto ry"
            sv_name = None
            en_name = f"Citizens' Network for {topic[2]}" if rng.random() < 0.5 else None
        elif sector == "foundation":
            fi_name = f"{gen} {topic[0]} säätiö sr"
            sv_name = f"Stiftelsen för {topic[1]} i {sv}" if rng.random() < 0.3 else None
            en_name = f"{fi} {topic[2]} Foundation"
        elif sector == "parish":
            fi_name, sv_name, en_name = f"{gen} seurakunta", f"{sv} församling", f"Parish of {fi}"
        else:  # think-tank
            stem = rng.choice(COMPANY_HEAD)
            fi_name = f"Ajatuspaja {stem}"
            sv_name, en_name = f"Tankesmedjan {stem}", f"{stem} Think Tank"
        fi_name = self.unique_name(fi_name, fi)
        return fi_name, sv_name, en_name

    # -- programmes and calls
    def _programmes(self, n: int) -> list[Programme]:
        rng = self.rng
        ministries = self.by_type["ministry"]
        cities = self.by_type["city"] + self.by_type["municipality"]
        out: list[Programme] = []
        for i in range(n):
            fi, sv, en = PROGRAMME_NAMES[i % len(PROGRAMME_NAMES)]
            start = rng.randint(YEAR_MIN, 2024)
            end = min(YEAR_MAX, start + rng.randint(2, 7))
            round_ = i // len(PROGRAMME_NAMES)
            suffix = f" {start}–{end}"
            names: Names = (
                f"{fi} -ohjelma{suffix}",
                f"Programmet {sv}{suffix}",
                f"{en} Programme{suffix}"
                if round_ == 0
                else f"{en} Programme {round_ + 1}{suffix}",
            )
            slug = self.unique_slug(f"{fi} {start} {end}", i)
            prog = Programme(
                slug=slug,
                names=names,
                start=start,
                end=None if rng.random() < 0.1 else end,
                themes=_sample_weighted(rng, THEMES, rng.randint(1, 4)),
                sdgs=rng.sample(self.sdg_goals, k=rng.randint(2, 6)) if rng.random() < 0.6 else [],
                frameworks=[f for f in FRAMEWORKS if rng.random() < 0.5],
                description=(
                    f"Synthetic programme on {en.lower()}, {start}-{end}."
                    if rng.random() < 0.7
                    else None
                ),
                sources=[self.source("ohjelmat", slug)],
                coordinator=rng.choice(ministries).index,
                weight=1.0 / (i + 1) ** 0.8,
            )
            if cities and rng.random() < 0.6:
                prog.members = rng.sample(cities, k=min(len(cities), rng.randint(3, 15)))
            for j in range(0 if rng.random() < 0.15 else rng.randint(1, 6)):
                year = rng.randint(start, end)
                phrase = rng.choice(PHRASES)
                call_names: Names = (
                    f"{fi}: {phrase[0]} -kokeiluhaku {year}",
                    f"{sv}: ansökan om försök, {phrase[1]} {year}" if rng.random() < 0.3 else None,
                    f"{en}: {phrase[2]} pilot call {year}",
                )
                cslug = self.unique_slug(f"{slug}-haku-{year}", i * 10 + j)
                prog.calls.append(Call(cslug, prog, call_names, year, [self.source("haut", cslug)]))
            out.append(prog)
        return out

    def programme_participations(self, prog: Programme) -> list[Participation]:
        coordinator = self.actors[prog.coordinator]
        src = prog.sources[:1]
        parts = [Participation("programme", prog.slug, coordinator, "coordinator", None, src)]
        for city in prog.members:
            if city is not coordinator:
                parts.append(Participation("programme", prog.slug, city, "member", "jäsen", src))
        return parts

    # -- actors in a project
    def pick(self, lead: bool) -> Actor:
        cum = self._cum_lead if lead else self._cum
        i = bisect.bisect_right(cum, self.rng.random() * cum[-1])
        return self.actors[min(i, len(self.actors) - 1)]

    def project(self, n: int, prefix: str = "") -> Project:
        rng = self.rng
        prog = self.programmes[
            min(
                bisect.bisect_right(self._cum_prog, rng.random() * self._cum_prog[-1]),
                len(self.programmes) - 1,
            )
        ]
        call = rng.choice(prog.calls) if prog.calls and rng.random() < 0.65 else None
        in_programme = call is None or rng.random() < 0.4
        # Years: inside the programme (or from the call's year), sometimes unknown.
        lo = call.year if call else prog.start
        hi = max(lo, min(YEAR_MAX, prog.end or YEAR_MAX))
        start = rng.randint(lo, hi)
        end = min(YEAR_MAX, start + _weighted(rng, [(0, 1), (1, 4), (2, 4), (3, 2), (4, 1)]))
        start_y: int | None = None if rng.random() < 0.05 else start
        end_y: int | None = None if rng.random() < 0.08 else end
        # Participants.
        k = _weighted(rng, PARTICIPANTS)
        lead = self.pick(lead=True)
        members = [lead]
        chosen = {lead.index}
        tries = 0
        while len(members) < k and tries < 50:
            tries += 1
            a = self.pick(lead=False)
            if a.index not in chosen:
                chosen.add(a.index)
                members.append(a)
        fi_place = lead.names[0] if lead.sector == "city" else self.place()[0]
        sv_place = (lead.names[1] or fi_place) if lead.sector == "city" else fi_place
        phrase = rng.choice(PHRASES)
        fi_name = f"{_genitive(fi_place)} {phrase[0]}"
        if rng.random() < 0.1:
            fi_name += f" {start}"
        names: Names = (
            fi_name,
            f"{phrase[1].capitalize()} i {sv_place}" if rng.random() < 0.25 else None,
            f"{phrase[2].capitalize()} in {fi_place}" if rng.random() < 0.55 else None,
        )
        slug = f"{prefix}{_fold(fi_place)}-{_fold(phrase[0])}-{_b36(n)}"
        ptype = _weighted(rng, PROJECT_TYPES)
        themes = _sample_weighted(rng, THEMES, _weighted(rng, [(0, 15), (1, 50), (2, 28), (3, 7)]))
        sdgs: list[str] = []
        if rng.random() < 0.25:
            sdgs = rng.sample(
                self.sdg_goals if rng.random() < 0.6 else self.sdg_targets, k=rng.randint(1, 3)
            )
        sources = [self.source("hankkeet", slug)]
        if rng.random() < 0.15:
            sources.append(f"{SOURCE_HOST}/uutiset/{slug}")
        project = Project(
            slug=slug,
            names=names,
            ptype=ptype,
            programme=prog if in_programme else None,
            call=call,
            themes=themes,
            sdgs=sdgs,
            start=start_y,
            end=end_y,
            description=(
                f"Synthetic {ptype.replace('-', ' ')} on {phrase[2]} in {fi_place}."
                if rng.random() < 0.2
                else None
            ),
            sources=sources,
        )
        psrc = sources[:1]
        lead_role = "lead" if rng.random() < 0.55 else "coordinator"
        for i, actor in enumerate(members):
            role = lead_role if i == 0 else _weighted(rng, OTHER_ROLES[actor.helix])
            wording = rng.choice(ROLE_WORDINGS[role]) if rng.random() < 0.4 else None
            project.participations.append(
                Participation("project", slug, actor, role, wording, psrc)
            )
        # Grants and budgets.
        if rng.random() < 0.35:
            funder = (
                self.actors[prog.coordinator]
                if rng.random() < 0.8 or not self.funders
                else rng.choice(self.funders)
            )
            amount = round(rng.lognormvariate(math.log(60_000), 0.8), -2)
            text = (
                f"{amount + rng.randrange(1, 100) / 100:.2f}".rstrip("0")
                if rng.random() < 0.2
                else f"{amount:.0f}"
            )
            project.grants.append(
                Grant(
                    slug=f"{slug}-avustus",
                    kind="grant",
                    project=slug,
                    amount=text,
                    year=start_y if rng.random() < 0.9 else None,
                    funder=funder,
                    grantee=lead if rng.random() < 0.9 else None,
                    sources=psrc,
                )
            )
        if rng.random() < 0.08:
            amount = round(rng.lognormvariate(math.log(250_000), 1.0), -3)
            project.grants.append(
                Grant(
                    slug=f"{slug}-budjetti",
                    kind="total-budget",
                    project=slug,
                    amount=f"{amount:.0f}",
                    year=None,
                    funder=None,
                    grantee=None,
                    sources=psrc,
                )
            )
        return project


# ---- N-Triples ----------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _lang(text: str, lang: str) -> str:
    return f'"{_esc(text)}"@{lang}'


def _typed(text: str, datatype: str) -> str:
    return f'"{_esc(text)}"^^<{datatype}>'


def _plain(text: str) -> str:
    return f'"{_esc(text)}"'


_TYPE = _iri(RDF + "type")
_LABEL = _iri(SKOS + "prefLabel")
_SOURCE = _iri(DCT + "source")


class Triples:
    """Maps the data to N-Triples lines (exactly what the CSV importer makes of the CSV rows)."""

    def __init__(self, base: str = BASE) -> None:
        self.base = base

    def node(self, kind: str, *parts: str) -> str:
        return f"<{self.base}{kind}/{'/'.join(parts)}>"

    def _names(self, s: str, names: Names, description: str | None, out: list[str]) -> None:
        for lang, value in zip(("fi", "sv", "en"), names, strict=True):
            if value:
                out.append(f"{s} {_LABEL} {_lang(value, lang)} .\n")
        if description:
            out.append(f"{s} <{DCT}description> {_lang(description, 'en')} .\n")

    def _sources(self, s: str, sources: list[str], out: list[str]) -> None:
        for url in sources:
            out.append(f"{s} {_SOURCE} <{url}> .\n")

    def _years(self, s: str, start: int | None, end: int | None, out: list[str]) -> None:
        if start is not None:
            out.append(f"{s} <{UKG}startYear> {_typed(str(start), XSD + 'gYear')} .\n")
        if end is not None:
            out.append(f"{s} <{UKG}endYear> {_typed(str(end), XSD + 'gYear')} .\n")

    def _subjects(self, s: str, themes: list[str], sdgs: list[str], out: list[str]) -> None:
        for t in themes:
            out.append(f"{s} <{DCT}subject> <{DEF}/theme/{t}> .\n")
        for code in sdgs:
            out.append(f"{s} <{UKG}sdg> <{SDG}{code}> .\n")

    def programme(self, p: Programme) -> list[str]:
        s = self.node("programme", p.slug)
        out = [f"{s} {_TYPE} <{UKG}Programme> .\n"]
        self._names(s, p.names, p.description, out)
        self._years(s, p.start, p.end, out)
        self._subjects(s, p.themes, p.sdgs, out)
        for fw in p.frameworks:
            out.append(f"{s} <{UKG}framework> <{DEF}/framework/{fw}> .\n")
        self._sources(s, p.sources, out)
        return out

    def call(self, c: Call) -> list[str]:
        s = self.node("call", c.slug)
        out = [f"{s} {_TYPE} <{UKG}FundingCall> .\n"]
        self._names(s, c.names, None, out)
        out.append(f"{s} <{DCT}isPartOf> {self.node('programme', c.programme.slug)} .\n")
        out.append(f"{s} <{UKG}year> {_typed(str(c.year), XSD + 'gYear')} .\n")
        self._sources(s, c.sources, out)
        return out

    def actor(self, a: Actor) -> list[str]:
        s = self.node("actor", a.slug)
        out = [f"{s} {_TYPE} <{UKG}Actor> .\n"]
        if a.helix == "public":
            out.append(f"{s} {_TYPE} <{CV}PublicOrganisation> .\n")
        self._names(s, a.names, None, out)
        out.append(f"{s} <{ORG}classification> <{DEF}/sector/{a.sector}> .\n")
        if a.business_id:
            out.append(f"{s} <{UKG}businessId> {_plain(a.business_id)} .\n")
        if a.municipality_code:
            out.append(f"{s} <{UKG}municipalityCode> {_plain(a.municipality_code)} .\n")
        if a.nuts3:
            out.append(f"{s} <{UKG}region> <{NUTS}{a.nuts3}> .\n")
        self._sources(s, a.sources, out)
        return out

    def participation(self, p: Participation) -> list[str]:
        if p.initiative == "programme":
            s = self.node("participation", "programme", p.initiative_slug, p.actor.slug, p.role)
        else:
            s = self.node("participation", p.initiative_slug, p.actor.slug, p.role)
        actor = self.node("actor", p.actor.slug)
        out = [
            f"{s} {_TYPE} <{UKG}Participation> .\n",
            f"{s} <{PROV}agent> {actor} .\n",
            f"{s} <{PROV}hadRole> <{DEF}/role/{p.role}> .\n",
        ]
        if p.wording:
            out.append(f"{s} <{UKG}roleWording> {_plain(p.wording)} .\n")
        self._sources(s, p.sources, out)
        init = self.node(p.initiative, p.initiative_slug)
        out.append(f"{init} <{PROV}qualifiedAssociation> {s} .\n")
        out.append(f"{init} <{PROV}wasAssociatedWith> {actor} .\n")
        return out

    def grant(self, g: Grant) -> list[str]:
        project = self.node("project", g.project)
        if g.kind == "grant":
            s = self.node("grant", g.slug)
            out = [f"{s} {_TYPE} <{UKG}Grant> .\n"]
            assert g.funder is not None
            out.append(f"{s} <{SCHEMA}funder> {self.node('actor', g.funder.slug)} .\n")
            if g.grantee:
                out.append(f"{s} <{UKG}grantee> {self.node('actor', g.grantee.slug)} .\n")
            out.append(f"{s} <{SCHEMA}fundedItem> {project} .\n")
        else:
            s = self.node("budget", g.slug)
            out = [f"{s} {_TYPE} <{UKG}Budget> .\n", f"{s} <{UKG}budgetOf> {project} .\n"]
        out.append(f"{s} <{UKG}amount> {_typed(g.amount, XSD + 'decimal')} .\n")
        out.append(f"{s} <{UKG}currency> {_plain('EUR')} .\n")
        if g.year is not None:
            out.append(f"{s} <{UKG}year> {_typed(str(g.year), XSD + 'gYear')} .\n")
        self._sources(s, g.sources, out)
        return out

    def project(self, p: Project) -> list[str]:
        s = self.node("project", p.slug)
        out = [f"{s} {_TYPE} <{UKG}Project> .\n"]
        self._names(s, p.names, p.description, out)
        out.append(f"{s} <{UKG}projectType> <{DEF}/project-type/{p.ptype}> .\n")
        if p.programme:
            out.append(f"{s} <{DCT}isPartOf> {self.node('programme', p.programme.slug)} .\n")
        if p.call:
            out.append(f"{s} <{DCT}isPartOf> {self.node('call', p.call.slug)} .\n")
        self._years(s, p.start, p.end, out)
        self._subjects(s, p.themes, p.sdgs, out)
        self._sources(s, p.sources, out)
        for part in p.participations:
            out.extend(self.participation(part))
        for g in p.grants:
            out.extend(self.grant(g))
        return out


# ---- CSV ----------------------------------------------------------------------------------------
CSV_COLUMNS = {
    "programmes": [
        "id",
        "name_fi",
        "name_sv",
        "name_en",
        "start_year",
        "end_year",
        "themes",
        "sdgs",
        "frameworks",
        "description_en",
        "source_url",
    ],
    "calls": ["id", "programme", "name_fi", "name_sv", "name_en", "year", "source_url"],
    "actors": [
        "id",
        "name_fi",
        "name_sv",
        "name_en",
        "sector",
        "business_id",
        "municipality_code",
        "nuts3",
        "source_url",
    ],
    "projects": [
        "id",
        "name_fi",
        "name_sv",
        "name_en",
        "project_type",
        "programme",
        "call",
        "themes",
        "sdgs",
        "start_year",
        "end_year",
        "description_en",
        "source_url",
    ],
    "participations": ["project", "actor", "role", "role_wording", "source_url"],
    "grants": ["id", "kind", "project", "grantee", "funder", "amount_eur", "year", "source_url"],
}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


class CsvWriter:
    """Writes the tables of ``docs/csv-format.md`` into a folder."""

    def __init__(self, folder: Path, tables: Sequence[str] = tuple(CSV_COLUMNS)) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Callable[[Sequence[str]], object]] = {}
        for name in tables:
            fh = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
            self._files[name] = fh
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(CSV_COLUMNS[name])
            self._writers[name] = writer.writerow

    def row(self, table: str, **cells: object) -> None:
        self._writers[table]([_cell(cells.get(c)) for c in CSV_COLUMNS[table]])

    def programme(self, p: Programme) -> None:
        self.row(
            "programmes",
            id=p.slug,
            name_fi=p.names[0],
            name_sv=p.names[1],
            name_en=p.names[2],
            start_year=p.start,
            end_year=p.end,
            themes=p.themes,
            sdgs=p.sdgs,
            frameworks=p.frameworks,
            description_en=p.description,
            source_url=p.sources,
        )

    def call(self, c: Call) -> None:
        self.row(
            "calls",
            id=c.slug,
            programme=c.programme.slug,
            name_fi=c.names[0],
            name_sv=c.names[1],
            name_en=c.names[2],
            year=c.year,
            source_url=c.sources,
        )

    def actor(self, a: Actor) -> None:
        self.row(
            "actors",
            id=a.slug,
            name_fi=a.names[0],
            name_sv=a.names[1],
            name_en=a.names[2],
            sector=a.sector,
            business_id=a.business_id,
            municipality_code=a.municipality_code,
            nuts3=a.nuts3,
            source_url=a.sources,
        )

    def participation(self, p: Participation) -> None:
        self.row(
            "participations",
            project=p.initiative_slug,
            actor=p.actor.slug,
            role=p.role,
            role_wording=p.wording,
            source_url=p.sources,
        )

    def project(self, p: Project) -> None:
        self.row(
            "projects",
            id=p.slug,
            name_fi=p.names[0],
            name_sv=p.names[1],
            name_en=p.names[2],
            project_type=p.ptype,
            programme=p.programme.slug if p.programme else None,
            call=p.call.slug if p.call else None,
            themes=p.themes,
            sdgs=p.sdgs,
            start_year=p.start,
            end_year=p.end,
            description_en=p.description,
            source_url=p.sources,
        )
        for part in p.participations:
            self.participation(part)
        for g in p.grants:
            self.row(
                "grants",
                id=g.slug,
                kind=g.kind,
                project=g.project,
                grantee=g.grantee.slug if g.grantee else None,
                funder=g.funder.slug if g.funder else None,
                amount_eur=g.amount,
                year=g.year,
                source_url=g.sources,
            )

    def close(self) -> int:
        size = 0
        for fh in self._files.values():
            size += fh.tell()
            fh.close()
        return size


# ---- generation ---------------------------------------------------------------------------------
def known_sdg_codes() -> list[str]:
    """The SDG goals and targets of the bundled SDG vocabulary, sorted (deterministic)."""
    from urbankg.graph.vocab import sdg_codes

    def key(code: str) -> tuple[int, str]:
        goal, _, target = code.partition(".")
        return int(goal), target.zfill(2)

    return sorted(sdg_codes(), key=key)


def check_vocabulary() -> None:
    """Fail early when a slug used here is not in the bundled vocabularies."""
    from urbankg.graph.vocab import actor_type_slugs, concept_slugs

    used = {
        "role": {r for roles in OTHER_ROLES.values() for r, _ in roles}
        | {"lead", "coordinator", "member"},
        "project-type": {p for p, _ in PROJECT_TYPES},
        "theme": {t for t, _ in THEMES},
        "framework": set(FRAMEWORKS),
    }
    for scheme, slugs in used.items():
        missing = slugs - concept_slugs(scheme)
        if missing:
            raise ValueError(f"not in the {scheme} scheme: {sorted(missing)}")
    missing = set(ACTOR_TYPES) - actor_type_slugs()
    if missing:
        raise ValueError(f"not actor types of the sector scheme: {sorted(missing)}")


#: Triples per project with its participations and grants (measured on the generator itself;
#: only used to size the actor and programme tables before the projects are streamed).
TRIPLES_PER_PROJECT = 40.0


def build_world(triples: int, seed: int) -> tuple[World, random.Random]:
    """The programmes, calls and actors of the data set of ``triples`` triples and ``seed``."""
    if not MIN_TRIPLES <= triples <= MAX_TRIPLES:
        raise ValueError(f"triples must be between {MIN_TRIPLES} and {MAX_TRIPLES}")
    rng = random.Random(seed)
    n_projects = max(1, round(triples / TRIPLES_PER_PROJECT))
    return World(rng, n_projects, known_sdg_codes()), rng


def _header_entities(world: World) -> Iterator[Programme | Call | Actor | Participation]:
    for p in world.programmes:
        yield p
        yield from p.calls
    yield from world.actors
    for p in world.programmes:
        yield from world.programme_participations(p)


def generate(
    triples: int,
    seed: int,
    out: Path,
    fmt: Format = "nt",
    *,
    base: str = BASE,
) -> Stats:
    """Write a synthetic data set of about ``triples`` triples (never fewer, a project more).

    Args:
        triples: the number of triples wanted (10,000 to 5,000,000).
        seed: the random seed; the same size and seed give the same bytes.
        out: the N-Triples file to write (``fmt="nt"``) or the folder of CSV files
            (``fmt="csv"``).
        fmt: ``"nt"`` or ``"csv"``.
        base: the base IRI of instances.

    Returns:
        What was written (the triple count is that of the RDF, also for CSV).
    """
    t0 = time.perf_counter()
    check_vocabulary()
    world, rng = build_world(triples, seed)
    nt = Triples(base)
    stats = Stats(path=str(out))
    out = Path(out)
    fh: IO[str] | None = None
    writer: CsvWriter | None = None
    if fmt == "nt":
        out.parent.mkdir(parents=True, exist_ok=True)
        fh = out.open("w", encoding="utf-8", newline="\n")
    elif fmt == "csv":
        writer = CsvWriter(out)
    else:
        raise ValueError(f"unknown format {fmt!r}")

    def emit(lines: list[str]) -> None:
        stats.triples += len(lines)
        if fh is not None:
            fh.write("".join(lines))

    try:
        for e in _header_entities(world):
            if isinstance(e, Programme):
                stats.programmes += 1
                emit(nt.programme(e))
                if writer:
                    writer.programme(e)
            elif isinstance(e, Call):
                stats.calls += 1
                emit(nt.call(e))
                if writer:
                    writer.call(e)
            elif isinstance(e, Actor):
                stats.actors += 1
                emit(nt.actor(e))
                if writer:
                    writer.actor(e)
            else:
                stats.participations += 1
                emit(nt.participation(e))
                if writer:
                    writer.participation(e)
        n = 0
        while stats.triples < triples:
            project = world.project(n)
            n += 1
            stats.projects += 1
            stats.participations += len(project.participations)
            stats.grants += sum(1 for g in project.grants if g.kind == "grant")
            stats.budgets += sum(1 for g in project.grants if g.kind != "grant")
            emit(nt.project(project))
            if writer:
                writer.project(project)
    finally:
        if fh is not None:
            stats.bytes = fh.tell()
            fh.close()
        if writer is not None:
            stats.bytes = writer.close()
    del rng
    stats.seconds = round(time.perf_counter() - t0, 3)
    return stats


def generate_batch(
    base_triples: int,
    seed: int,
    projects: int,
    out: Path,
    fmt: Format = "nt",
    *,
    base: str = BASE,
) -> Stats:
    """Write ``projects`` new projects whose participants are actors of another data set.

    The data set is the one :func:`generate` makes with ``base_triples`` and ``seed``; the new
    projects (ids starting ``batch-``) refer to its programmes, calls and actors, so the batch
    validates against a store holding that data set. As CSV, the folder holds
    ``projects.csv``, ``participations.csv`` and ``grants.csv``.
    """
    t0 = time.perf_counter()
    check_vocabulary()
    world, _rng = build_world(base_triples, seed)
    world.rng = random.Random(f"batch-{seed}-{projects}")
    nt = Triples(base)
    stats = Stats(path=str(out))
    out = Path(out)
    items = [world.project(n, prefix="batch-") for n in range(projects)]
    lines = [line for p in items for line in nt.project(p)]
    stats.triples = len(lines)
    stats.projects = len(items)
    stats.participations = sum(len(p.participations) for p in items)
    stats.grants = sum(1 for p in items for g in p.grants if g.kind == "grant")
    stats.budgets = sum(1 for p in items for g in p.grants if g.kind != "grant")
    if fmt == "nt":
        out.parent.mkdir(parents=True, exist_ok=True)
        data = "".join(lines).encode("utf-8")
        out.write_bytes(data)
        stats.bytes = len(data)
    else:
        writer = CsvWriter(out, tables=("projects", "participations", "grants"))
        for p in items:
            writer.project(p)
        stats.bytes = writer.close()
    stats.seconds = round(time.perf_counter() - t0, 3)
    return stats


def size_label(triples: int) -> str:
    """``100000`` → ``"100k"``, ``1000000`` → ``"1m"``."""
    if triples % 1_000_000 == 0:
        return f"{triples // 1_000_000}m"
    if triples % 1_000 == 0:
        return f"{triples // 1_000}k"
    return str(triples)


def default_path(triples: int, seed: int, fmt: Format, batch: int = 0) -> Path:
    """``bench/data/synth-100k-s1.nt`` (or a folder for CSV)."""
    name = f"synth-{size_label(triples)}-s{seed}"
    if batch:
        name += f"-batch{batch}"
    folder = Path(__file__).resolve().parent / "data"
    return folder / (f"{name}.nt" if fmt == "nt" else name)


def parse_size(text: str) -> int:
    """``"100k"`` → 100000, ``"1m"`` → 1000000, ``"25000"`` → 25000."""
    t = text.strip().lower().replace("_", "")
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t[:-1] if mult > 1 else t) * mult)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", "-n", default="100k", help="size (10k-5m; default 100k)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=["nt", "csv"], default="nt")
    parser.add_argument("--out", "-o", type=Path, help="file (nt) or folder (csv) to write")
    parser.add_argument(
        "--batch",
        type=int,
        default=0,
        metavar="N",
        help="write N new projects referring to the actors of the --triples data set instead",
    )
    args = parser.parse_args(argv)
    triples = parse_size(args.triples)
    fmt: Format = args.format
    out = args.out or default_path(triples, args.seed, fmt, args.batch)
    if args.batch:
        stats = generate_batch(triples, args.seed, args.batch, out, fmt)
    else:
        stats = generate(triples, args.seed, out, fmt)
    for key, value in stats.as_dict().items():
        print(f"{key:>15}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
