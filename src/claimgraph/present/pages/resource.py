"""Any other resource's page: person, source, system, incident, concept, entry part, ..."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.term import Node

from ...model.terms import PREFIXES, entry_of
from .base import LABEL, Queryable, curie, display_value, first, group, ref, select, slug, text, unique_refs


Q_OUTGOING = f"""
SELECT ?s ?p ?pLabel ?o ?oLabel WHERE {{
  ?s ?p ?o .
  OPTIONAL {{ ?p rdfs:label ?pLabel }}
  OPTIONAL {{ ?o {LABEL} ?oLabel }}
}}"""

Q_INCOMING = f"""
SELECT ?s ?x ?xLabel ?p ?pLabel WHERE {{
  ?x ?p ?s .
  OPTIONAL {{ ?p rdfs:label ?pLabel }}
  OPTIONAL {{ ?x {LABEL} ?xLabel }}
}} LIMIT 2000"""

_TITLE_PROPERTIES = [PREFIXES["skos"] + "prefLabel", PREFIXES["schema"] + "name",
                     PREFIXES["rdfs"] + "label", PREFIXES["dcterms"] + "title"]
_DESCRIPTION_PROPERTIES = [PREFIXES["skos"] + "definition", PREFIXES["schema"] + "description",
                           PREFIXES["dcterms"] + "description", PREFIXES["rdfs"] + "comment",
                           PREFIXES["schema"] + "text"]
_RDF_TYPE = PREFIXES["rdf"] + "type"


def _value(node: Node, label: Node | None) -> dict:
    if isinstance(node, Literal):
        return {"value": display_value(node), "lexical": str(node),
                "datatype": curie(str(node.datatype)) if node.datatype else None,
                "lang": node.language}
    return ref(node, label)


def _properties(rows: list[dict], node_key: str, label_key: str) -> list[dict]:
    """Rows of (property, value) as [{property, values}] sorted by property label."""
    props: list[dict] = []
    for p, prows in group(rows, "p").items():
        values: dict[Node, Node | None] = {}
        for r in prows:
            v = r[node_key]
            if v is not None and (v not in values or values[v] is None):
                values[v] = r.get(label_key)
        items = sorted((_value(v, lab) for v, lab in values.items()),
                       key=lambda d: (d.get("label") or d.get("value") or "").lower())
        props.append({"property": ref(p, first(prows, "pLabel")), "values": items})
    return sorted(props, key=lambda d: (d["property"]["iri"] != _RDF_TYPE, d["property"]["label"].lower()))


def resource_view(store: Queryable, iri: str) -> dict | None:
    """Every statement about a resource and every link to it, or None when nothing mentions it."""
    node = URIRef(iri)
    out_rows = select(store, Q_OUTGOING, s=node)
    in_rows = select(store, Q_INCOMING, s=node)
    if not out_rows and not in_rows:
        return None
    by_p = group(out_rows, "p")
    label = next((first(by_p[URIRef(p)], "o") for p in _TITLE_PROPERTIES if URIRef(p) in by_p), None)
    description = next((first(by_p[URIRef(p)], "o") for p in _DESCRIPTION_PROPERTIES if URIRef(p) in by_p), None)
    types = unique_refs(by_p.get(URIRef(_RDF_TYPE), []), "o", "oLabel")
    entry = entry_of(iri)
    return {
        "kind": "resource",
        "iri": iri,
        "label": text(label) or curie(iri),
        "description": text(description),
        "types": types,
        "entry": {"iri": entry, "anchor": slug(iri)} if entry and entry != iri else None,
        "properties": _properties(out_rows, "o", "oLabel"),
        "referenced_by": _properties(in_rows, "x", "xLabel"),
    }
