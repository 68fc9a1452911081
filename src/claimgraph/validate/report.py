"""A typed validation report: findings with severity, grouped by entry, serialisable as text,
JSON and the SHACL results graph."""

from __future__ import annotations

import enum
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from ..errors import FindingsError


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    VIOLATION = 2

    @classmethod
    def from_iri(cls, iri: str) -> Severity:
        return {"Info": cls.INFO, "Warning": cls.WARNING}.get(iri.rsplit("#", 1)[-1], cls.VIOLATION)

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """One SHACL result: where (entry, focus node, property), what (message, value), which rule."""

    entry: str | None
    focus: str
    path: str | None
    message: str
    value: str | None
    severity: Severity = Severity.VIOLATION
    rule: str | None = None
    see_also: str | None = None

    def sort_key(self) -> tuple:
        """Stable report order: by entry, focus node, property, message, value (None first)."""
        return (self.entry or "", self.focus, self.path or "", self.message, self.value or "",
                -int(self.severity), self.rule or "")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.label
        return d


@dataclass
class ValidationReport:
    findings: list[Finding] = field(default_factory=list)
    shapes_hash: str | None = None

    @classmethod
    def collect(cls, results: Iterable[Finding], **kw) -> ValidationReport:
        return cls(sorted(set(results), key=Finding.sort_key), **kw)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.VIOLATION]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def by_entry(self) -> dict[str, list[Finding]]:
        """Findings keyed by entry IRI; findings about shared resources under ''."""
        groups: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            groups[f.entry or ""].append(f)
        return dict(sorted(groups.items()))

    def raise_for_results(self, minimum: Severity = Severity.VIOLATION) -> None:
        bad = [f for f in self.findings if f.severity >= minimum]
        if bad:
            raise FindingsError(f"{len(bad)} validation finding(s) at or above {minimum.label}")

    def to_json(self) -> str:
        return json.dumps({
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }, indent=2, ensure_ascii=False) + "\n"

    def to_text(self, shorten=lambda iri: iri) -> str:
        if not self.findings:
            return "Conforms: no findings.\n"
        lines = []
        for entry, findings in self.by_entry().items():
            lines.append(f"{shorten(entry) if entry else '(shared resources)'}")
            for f in findings:
                where = shorten(f.focus)
                if f.path:
                    where += f"  {shorten(f.path)}"
                lines.append(f"  [{f.severity.label}] {where}")
                lines.append(f"      {f.message}")
                if f.value is not None:
                    lines.append(f"      value: {shorten(f.value)}")
                if f.see_also:
                    lines.append(f"      rule: {f.see_also}")
        lines.append(f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s).")
        return "\n".join(lines) + "\n"
