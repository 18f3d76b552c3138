"""Validate the catalogue against the official DCAT-AP 3.0.1 SHACL shapes.

The shapes are not shipped with urbankg (they are the EU's, CC BY 4.0); point
``urbankg catalog --validate --shapes DIR`` (or the ``URBANKG_CATALOG_SHAPES`` setting) at a
folder holding the files of ``releases/3.0.1/html/shacl/`` of https://github.com/SEMICeu/DCAT-AP.
All five shape files run together: ``shapes.ttl`` and ``range.ttl`` (mandatory properties and
ranges), ``deprecateduris.ttl``, ``mdr-vocabularies.shape.ttl`` (controlled vocabularies) and
``shapes_recommended.ttl`` (recommendations, all warnings).

Each finding is classified: a *violation*; a *shape defect* (a finding the DCAT-AP text and the
vocabulary contradict, listed in :data:`SHAPE_DEFECTS`); an *accepted* warning (a decided,
documented gap, :data:`ACCEPTED`, see docs/catalog.md); or an unexpected *warning*.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from urbankg.catalog import vocab as v
from urbankg.catalog.errors import CatalogError

SHAPE_FILES = (
    "shapes.ttl",
    "range.ttl",
    "deprecateduris.ttl",
    "mdr-vocabularies.shape.ttl",
    "shapes_recommended.ttl",
)
WHERE = (
    "the DCAT-AP 3.0.1 SHACL shapes are not shipped with urbankg: copy the files "
    f"{', '.join(SHAPE_FILES)} of releases/3.0.1/html/shacl/ in https://github.com/SEMICeu/DCAT-AP "
    "into a folder and give it with --shapes DIR or the setting catalog_shapes "
    "(env URBANKG_CATALOG_SHAPES)"
)

_SH = "http://www.w3.org/ns/shacl#"

#: Findings that follow from a defect of the shapes, not of the catalogue: (path, value, reason).
SHAPE_DEFECTS: list[tuple[str, str, str]] = [
    (
        v.SPDX + "algorithm",
        v.SHA256,
        "mdr-vocabularies.shape.ttl requires checksum algorithms to match "
        "'^https://spdx.org/rdf/terms', but SPDX, DCAT and the DCAT-AP 3 text use the http "
        "namespace http://spdx.org/rdf/terms#; urbankg uses SPDX's own IRI",
    ),
]

#: Warnings accepted on purpose: (path, reason). docs/catalog.md explains each.
ACCEPTED: dict[str, str] = {
    v.DCT + "spatial": "municipalities are not in the EU authority tables (the place table "
    "lists few Finnish towns); they carry their Statistics Finland code as dct:identifier",
    v.DCT + "publisher": "the publisher is not an EU institution (the corporate-body table lists "
    "EU bodies); an EU body publishing urbankg sets publisher_iri to its table IRI",
    v.DCAT + "bbox": "the data holds no geometries of places",
    v.DCAT + "centroid": "the data holds no geometries of places",
    v.DCT + "temporal": "the sources give no years for this programme; none are invented",
    v.DCAT + "startDate": "the sources give no start year for this programme",
    v.DCAT + "endDate": "the sources give no end year (the programme is ongoing or undated)",
}


@dataclass(frozen=True)
class Finding:
    """One result of the validation."""

    severity: str
    status: str
    focus: str
    path: str
    value: str
    message: str
    reason: str = ""


@dataclass
class CatalogReport:
    """The findings of a validation, by status."""

    findings: list[Finding] = field(default_factory=list)

    def of(self, status: str) -> list[Finding]:
        """The findings with ``status`` (violation, shape-defect, accepted, warning)."""
        return [f for f in self.findings if f.status == status]

    @property
    def conforms(self) -> bool:
        """True when nothing but shape defects and warnings were found."""
        return not self.of("violation")

    def summary(self) -> str:
        """One line per kind of finding, with counts and reasons."""
        counts = Counter((f.status, f.path, f.reason or f.message) for f in self.findings)
        lines = [
            f"{n:5d} {status:12s} {path}: {why}"
            for (status, path, why), n in sorted(counts.items())
        ]
        totals = Counter(f.status for f in self.findings)
        lines.append(
            f"{totals['violation']} violation(s), {totals['warning']} unexpected warning(s), "
            f"{totals['accepted']} accepted warning(s), {totals['shape-defect']} finding(s) from "
            "known defects of the shapes"
        )
        return "\n".join(lines) + "\n"


def shapes_folder(folder: Path | None) -> Path:
    """Check that ``folder`` holds the DCAT-AP shape files.

    Raises:
        CatalogError: no folder given, or files missing (the message says where to get them).
    """
    if folder is None:
        raise CatalogError(WHERE)
    missing = [name for name in SHAPE_FILES if not (folder / name).is_file()]
    if missing:
        raise CatalogError(f"{folder} lacks {', '.join(missing)}; {WHERE}")
    return folder


def _classify(severity: str, path: str, value: str) -> tuple[str, str]:
    for defect_path, defect_value, reason in SHAPE_DEFECTS:
        if path == defect_path and value == defect_value:
            return "shape-defect", reason
    if severity != "Violation" and path in ACCEPTED:
        return "accepted", ACCEPTED[path]
    return ("violation" if severity == "Violation" else "warning"), ""


def validate_catalog(triples: list[ox.Triple], folder: Path | None) -> CatalogReport:
    """Validate the catalogue ``triples`` with the DCAT-AP shapes in ``folder``.

    Args:
        triples: the catalogue.
        folder: the folder of the shape files (:data:`SHAPE_FILES`).

    Returns:
        The classified findings (top-level results only).

    Raises:
        CatalogError: the shapes are missing or cannot be read.
    """
    from pyshacl import validate
    from rdflib import Graph, URIRef

    folder = shapes_folder(folder)
    shapes = Graph()
    for name in SHAPE_FILES:
        try:
            shapes.parse(folder / name, format="turtle")
        except Exception as exc:  # rdflib raises many kinds; report the file
            raise CatalogError(f"cannot read {folder / name}: {exc}") from exc
    data = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    _, results, _ = validate(data, shacl_graph=shapes, allow_warnings=True, inference="none")
    report = CatalogReport()
    sh = {
        name: URIRef(_SH + name)
        for name in (
            "result",
            "resultSeverity",
            "focusNode",
            "resultPath",
            "value",
            "resultMessage",
        )
    }
    for r in sorted(results.objects(None, sh["result"]), key=str):
        severity = str(results.value(r, sh["resultSeverity"])).removeprefix(_SH)
        path = str(results.value(r, sh["resultPath"]) or "")
        value = str(results.value(r, sh["value"]) or "")
        status, reason = _classify(severity, path, value)
        report.findings.append(
            Finding(
                severity=severity,
                status=status,
                focus=str(results.value(r, sh["focusNode"])),
                path=path,
                value=value,
                message=str(results.value(r, sh["resultMessage"]) or ""),
                reason=reason,
            )
        )
    return report
