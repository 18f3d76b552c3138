"""Write ``ontology/sdg.ttl``: the 17 SDG goals and 169 targets with urbankg's own labels.

Only the IRIs and compact notations are read from the UN SDG KOS dump
(``sdg-kos-goals-targets-indicators.ttl`` of ``UNStats/LOD4Stats``); no UN label text is copied.
The goals get their usual short names in Finnish, Swedish and English, written here; the targets
get "Alatavoite 11.3"@fi, "Delmål 11.3"@sv and "Target 11.3"@en.

Run ``python -m urbankg.tools.gen_sdg PATH/TO/sdg-kos-goals-targets-indicators.ttl``.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SKOS

SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
SDG_SCHEME = "http://metadata.un.org/sdg"

#: Short names of the goals: (Finnish, Swedish, English).
GOAL_NAMES: dict[int, tuple[str, str, str]] = {
    1: ("Ei köyhyyttä", "Ingen fattigdom", "No poverty"),
    2: ("Ei nälkää", "Ingen hunger", "Zero hunger"),
    3: ("Terveyttä ja hyvinvointia", "Hälsa och välbefinnande", "Good health and well-being"),
    4: ("Hyvä koulutus", "God utbildning för alla", "Quality education"),
    5: ("Sukupuolten tasa-arvo", "Jämställdhet", "Gender equality"),
    6: ("Puhdas vesi ja sanitaatio", "Rent vatten och sanitet", "Clean water and sanitation"),
    7: ("Edullista ja puhdasta energiaa", "Hållbar energi för alla", "Affordable and clean energy"),
    8: (
        "Ihmisarvoista työtä ja talouskasvua",
        "Anständiga arbetsvillkor och ekonomisk tillväxt",
        "Decent work and economic growth",
    ),
    9: (
        "Kestävää teollisuutta, innovaatioita ja infrastruktuureja",
        "Hållbar industri, innovationer och infrastruktur",
        "Industry, innovation and infrastructure",
    ),
    10: ("Eriarvoisuuden vähentäminen", "Minskad ojämlikhet", "Reduced inequalities"),
    11: (
        "Kestävät kaupungit ja yhteisöt",
        "Hållbara städer och samhällen",
        "Sustainable cities and communities",
    ),
    12: (
        "Vastuullista kuluttamista",
        "Hållbar konsumtion och produktion",
        "Responsible consumption and production",
    ),
    13: ("Ilmastotekoja", "Bekämpa klimatförändringarna", "Climate action"),
    14: ("Vedenalainen elämä", "Hav och marina resurser", "Life below water"),
    15: ("Maanpäällinen elämä", "Ekosystem och biologisk mångfald", "Life on land"),
    16: (
        "Rauha, oikeudenmukaisuus ja hyvä hallinto",
        "Fredliga och inkluderande samhällen",
        "Peace, justice and strong institutions",
    ),
    17: (
        "Yhteistyö ja kumppanuus",
        "Genomförande och globalt partnerskap",
        "Partnerships for the goals",
    ),
}

CITATION = (
    "Amit Joshi, Luis Gonzalez Morales, Szymon Klarman, and Aaron Helton. 2019. A Knowledge "
    "Organization System for the United Nations Sustainable Development Goals. New York, NY. "
    "http://metadata.un.org/sdg"
)

_TARGET = re.compile(r"^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$")

_PREFIXES = """\
@prefix dct:  <http://purl.org/dc/terms/> .
@prefix sdg:  <http://metadata.un.org/sdg/> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""

_BAR = "# " + "-" * 93


def target_sort_key(notation: str) -> tuple[int, int, int | str]:
    """Order targets as the UN lists them: numbered targets first, then lettered ones.

    Args:
        notation: a compact target notation such as ``"11.3"`` or ``"11.a"``.

    Returns:
        A sort key (goal, 0 for numbered or 1 for lettered, number or letter).
    """
    goal, target = notation.split(".")
    if target.isdigit():
        return (int(goal), 0, int(target))
    return (int(goal), 1, target)


def read_targets(kos: Graph) -> dict[int, list[str]]:
    """Read the target notations of each goal from the UN SDG KOS.

    Args:
        kos: the parsed ``sdg-kos-goals-targets-indicators.ttl``.

    Returns:
        For each goal number 1-17, its target notations in UN order.

    Raises:
        ValueError: if a target's IRI, notation or goal does not follow the UN pattern.
    """
    targets: dict[int, list[str]] = {n: [] for n in GOAL_NAMES}
    for subject in kos.subjects(RDF.type, SDGO.Target):
        iri = str(subject)
        notation = iri.removeprefix(str(SDG))
        match = _TARGET.match(notation)
        if not match or Literal(notation, datatype=SDGO.SDGCodeCompact) not in set(
            kos.objects(subject, SKOS.notation)
        ):
            raise ValueError(f"unexpected SDG target {iri}")
        goal = int(match.group(1))
        if (subject, SKOS.broader, SDG[str(goal)]) not in kos:
            raise ValueError(f"target {iri} is not narrower than goal {goal}")
        targets[goal].append(notation)
    return {n: sorted(ts, key=target_sort_key) for n, ts in targets.items()}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _goal_block(goal: int, targets: Sequence[str]) -> str:
    fi, sv, en = GOAL_NAMES[goal]
    def_en = f"Sustainable Development Goal {goal} ({en}) of the UN 2030 Agenda."
    def_fi = f"YK:n Agenda 2030 -toimintaohjelman kestävän kehityksen tavoite {goal} ({fi})."
    narrower = " ,\n        ".join(f"sdg:{t}" for t in targets)
    return (
        f"sdg:{goal}\n"
        "    a skos:Concept , sdgo:Goal ;\n"
        f"    skos:prefLabel {_q(fi)}@fi , {_q(sv)}@sv , {_q(en)}@en ;\n"
        f'    skos:altLabel "Tavoite {goal}"@fi , "Mål {goal}"@sv , "SDG {goal}"@en ;\n'
        f"    skos:definition {_q(def_en)}@en ,\n"
        f"        {_q(def_fi)}@fi ;\n"
        f'    skos:notation "{goal}" ;\n'
        f"    skos:inScheme <{SDG_SCHEME}> ;\n"
        f"    skos:topConceptOf <{SDG_SCHEME}> ;\n"
        f"    skos:narrower {narrower} .\n"
    )


def _target_block(goal: int, target: str) -> str:
    return (
        f"sdg:{target}\n"
        "    a skos:Concept , sdgo:Target ;\n"
        f'    skos:prefLabel "Alatavoite {target}"@fi , "Delmål {target}"@sv , '
        f'"Target {target}"@en ;\n'
        f'    skos:notation "{target}" ;\n'
        f"    skos:inScheme <{SDG_SCHEME}> ;\n"
        f"    skos:broader sdg:{goal} .\n"
    )


def render(targets: Mapping[int, Sequence[str]]) -> str:
    """Render ``sdg.ttl`` from the target notations of each goal.

    Args:
        targets: for each goal number 1-17, its target notations in order.

    Returns:
        The Turtle text.
    """
    tops = " ,\n        ".join(f"sdg:{n}" for n in GOAL_NAMES)
    total = sum(len(ts) for ts in targets.values())
    out = [
        _PREFIXES,
        "# The UN Sustainable Development Goals (17 goals, "
        f"{total} targets) under the IRIs of the UN SDG KOS.",
        "# GENERATED by `python -m urbankg.tools.gen_sdg` from the UN SDG KOS dump: only IRIs and",
        "# notations are taken from it; the fi/sv/en labels and definitions are urbankg's own.",
        "# Typing (skos:Concept + sdgo:Goal/sdgo:Target), skos:inScheme, skos:topConceptOf and",
        "# skos:broader/skos:narrower mirror the UN KOS; notations are plain strings, not the",
        "# UN's typed sdgo:SDGCodeCompact literals.",
        "",
        f"<{SDG_SCHEME}>",
        "    a skos:ConceptScheme ;",
        '    skos:prefLabel "YK:n kestävän kehityksen tavoitteet"@fi ,',
        '        "FN:s globala mål för hållbar utveckling"@sv ,',
        '        "UN Sustainable Development Goals"@en ;',
        "    skos:definition "
        + _q(
            "The 17 Sustainable Development Goals of the UN 2030 Agenda and their targets, "
            "identified by the IRIs of the UN SDG Knowledge Organization System. The labels are "
            "urbankg's own short names, not the UN's texts."
        )
        + "@en ,",
        "        "
        + _q(
            "YK:n Agenda 2030 -toimintaohjelman 17 kestävän kehityksen tavoitetta ja niiden "
            "alatavoitteet YK:n SDG-sanaston (SDG KOS) IRI-tunnisteilla. Nimet ovat urbankg:n "
            "omia lyhyitä nimiä, eivät YK:n tekstejä."
        )
        + "@fi ;",
        f"    skos:hasTopConcept {tops} ;",
        f"    dct:bibliographicCitation {_q(CITATION)} .",
        "",
    ]
    for goal in GOAL_NAMES:
        out += [_BAR, f"# Goal {goal}: {GOAL_NAMES[goal][2]}", _BAR, ""]
        out.append(_goal_block(goal, targets[goal]))
        out += [_target_block(goal, t) for t in targets[goal]]
    return "\n".join(out).rstrip("\n") + "\n"


def default_output() -> Path:
    """Return the path of ``sdg.ttl`` in the ontology folder (an editable install's source)."""
    return Path(str(files("urbankg.ontology"))) / "sdg.ttl"


def main(argv: Sequence[str] | None = None) -> int:
    """Read the UN SDG KOS dump and write ``sdg.ttl``.

    Args:
        argv: command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The process exit code.
    """
    parser = argparse.ArgumentParser(prog="python -m urbankg.tools.gen_sdg", description=__doc__)
    parser.add_argument("kos", type=Path, help="sdg-kos-goals-targets-indicators.ttl of the UN")
    parser.add_argument("-o", "--output", type=Path, default=None, help="default: ontology/sdg.ttl")
    args = parser.parse_args(argv)
    kos = Graph().parse(args.kos, format="turtle")
    text = render(read_targets(kos))
    output: Path = args.output or default_output()
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
