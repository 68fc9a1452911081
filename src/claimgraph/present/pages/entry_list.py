"""The entry list with its facets (type, evidence status, confidence, ...)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from .base import Queryable, dated, first, group, ref, select, slug, text


Q_ENTRIES = """
SELECT ?entry ?label ?abstract ?claimText ?type ?typeLabel ?status ?statusLabel ?confidence
       ?confidenceLabel ?category ?categoryLabel ?modified WHERE {
  ?entry a cg:Entry .
  OPTIONAL { ?entry rdfs:label ?label }
  OPTIONAL { ?entry dcterms:abstract ?abstract }
  OPTIONAL { ?entry cg:claim/schema:text ?claimText }
  OPTIONAL { ?entry cg:entryType ?type OPTIONAL { ?type skos:prefLabel ?typeLabel } }
  OPTIONAL { ?entry cg:evidenceStatus ?status OPTIONAL { ?status skos:prefLabel ?statusLabel } }
  OPTIONAL { ?entry cg:confidence ?confidence OPTIONAL { ?confidence skos:prefLabel ?confidenceLabel } }
  OPTIONAL { ?entry cg:category ?category OPTIONAL { ?category skos:prefLabel ?categoryLabel } }
  OPTIONAL { ?entry dcterms:modified ?modified }
} ORDER BY ?label ?entry"""

Q_ENTRY_FACETS = """
SELECT ?entry ?facet ?value ?valueLabel WHERE {
  ?entry a cg:Entry .
  { ?entry cg:mechanism ?value BIND("mechanism" AS ?facet) OPTIONAL { ?value skos:prefLabel ?valueLabel } }
  UNION { ?entry schema:keywords ?value BIND("tag" AS ?facet) }
}"""

#: Facets of the entry list: (query parameter, heading).
FACETS = (("type", "Type"), ("status", "Evidence status"), ("confidence", "Confidence"),
          ("mechanism", "Mechanism"), ("tag", "Tag"))


def all_entries(store: Queryable) -> list[dict]:
    """Every entry with the values it can be filtered by (facet key -> [{key, label}])."""
    extra = group(select(store, Q_ENTRY_FACETS), "entry")
    entries = []
    for entry, rows in group(select(store, Q_ENTRIES), "entry").items():
        facets: dict[str, list[dict]] = {}
        for name, var in (("type", "type"), ("status", "status"), ("confidence", "confidence")):
            node = first(rows, var)
            facets[name] = [{"key": slug(str(node)), "label": text(first(rows, var + "Label")) or slug(str(node))}] if node is not None else []
        mech = [r for r in extra.get(entry, []) if text(r["facet"]) == "mechanism"]
        facets["mechanism"] = sorted(({"key": slug(str(r["value"])), "label": text(r.get("valueLabel")) or slug(str(r["value"]))}
                                      for r in {r["value"]: r for r in mech}.values()), key=lambda d: d["label"].lower())
        facets["tag"] = sorted(({"key": text(r["value"]), "label": text(r["value"])}
                                for r in extra.get(entry, []) if text(r["facet"]) == "tag"), key=lambda d: d["label"].lower())
        entries.append({
            **ref(entry, first(rows, "label")),
            "abstract": text(first(rows, "abstract")),
            "claim": text(first(rows, "claimText")),
            "category": ref(first(rows, "category"), first(rows, "categoryLabel")),
            "modified": dated(first(rows, "modified")),
            "facets": facets,
        })
    return entries


@dataclass(frozen=True)
class EntryFilter:
    """What the entry list is narrowed to: facet values (any of them) and a text search."""

    selected: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    q: str = ""

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]]) -> EntryFilter:
        selected = {name: tuple(v for v in params.get(name, []) if v) for name, _ in FACETS}
        q = " ".join(v for v in params.get("q", []) if v).strip()
        return cls({k: v for k, v in selected.items() if v}, q)

    def matches(self, entry: Mapping[str, Any], *, ignore: str | None = None) -> bool:
        for name, wanted in self.selected.items():
            if name == ignore:
                continue
            keys = {v["key"] for v in entry["facets"].get(name, [])}
            if not keys.intersection(wanted):
                return False
        if self.q:
            haystack = " ".join(filter(None, [entry["label"], entry["abstract"], entry["claim"],
                                              *(v["label"] for vs in entry["facets"].values() for v in vs)])).lower()
            if not all(word in haystack for word in self.q.lower().split()):
                return False
        return True

    def params(self) -> list[tuple[str, str]]:
        pairs = [(name, v) for name, _ in FACETS for v in self.selected.get(name, ())]
        return pairs + ([("q", self.q)] if self.q else [])


def index_view(entries: list[dict], flt: EntryFilter) -> dict:
    """The filtered list and, per facet, each value with the count it would give."""
    shown = [e for e in entries if flt.matches(e)]
    facets = []
    for name, heading in FACETS:
        counts: dict[str, dict] = {}
        for e in entries:
            if not flt.matches(e, ignore=name):
                continue
            for v in e["facets"].get(name, []):
                item = counts.setdefault(v["key"], {"key": v["key"], "label": v["label"], "count": 0})
                item["count"] += 1
        values = sorted(counts.values(), key=lambda d: (-d["count"], d["label"].lower()))
        for v in values:
            v["selected"] = v["key"] in flt.selected.get(name, ())
        facets.append({"name": name, "heading": heading, "values": values})
    return {"kind": "index", "total": len(entries), "count": len(shown), "q": flt.q,
            "selected": {k: list(v) for k, v in flt.selected.items()}, "facets": facets, "entries": shown}
