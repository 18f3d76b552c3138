"""Validation reports: flat rows for people, JSON for programs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Finding:
    """One row of a validation report."""

    severity: str
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    message_fi: str | None
    shape: str
    source: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Return the finding as a JSON-ready dictionary."""
        return asdict(self)


@dataclass
class Report:
    """The result of a validation run."""

    findings: list[Finding] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def violations(self) -> list[Finding]:
        """The findings of severity Violation."""
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of severity Warning."""
        return [f for f in self.findings if f.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings do not block a write)."""
        return not self.violations

    def as_dict(self) -> dict[str, object]:
        """Return the report as a JSON-ready dictionary."""
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "results": [f.as_dict() for f in self.findings],
        }
