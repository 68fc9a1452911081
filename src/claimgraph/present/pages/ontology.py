"""The ontology page: classes, properties, concept schemes and shapes."""

from __future__ import annotations

from ...model.terms import BASE, PREFIXES
from .base import Queryable, first, group, ref, select, slug, text, unique_refs

# ---------------------------------------------------------------------------------------------
# The ontology: classes, properties, concept schemes, shapes
#
# Generated here rather than by pyLODE (installed, 3.4.1), which was tried on
# ontology/claimgraph.ttl: its page is offline (inline CSS, no scripts), but (1) it does not import
# as installed (pylode/version.py reads a pyproject.toml that the wheel does not ship), (2) its
# anchors come from labels ("#Evidenceitem", "#AIsystem"), so https://w3id.org/claimgraph/ontology#Evidence
# would not land on its term, and (3) it documents OWL only: the SKOS schemes (VocPub, another
# page) and the SHACL shapes are left out. Here every term's anchor is its local name.
# ---------------------------------------------------------------------------------------------

Q_ONTOLOGY = """
SELECT ?ontology ?title ?description ?version ?license ?prefix WHERE {
  ?ontology a owl:Ontology . FILTER(?ontology = <https://w3id.org/claimgraph/ontology>)
  OPTIONAL { ?ontology dcterms:title ?title }
  OPTIONAL { ?ontology dcterms:description ?description }
  OPTIONAL { ?ontology owl:versionInfo ?version }
  OPTIONAL { ?ontology dcterms:license ?license }
  OPTIONAL { ?ontology vann:preferredNamespacePrefix ?prefix }
}"""

Q_TERMS = """
SELECT ?term ?kind ?label ?definition ?rel ?value ?valueLabel WHERE {
  VALUES (?type ?kind) { (owl:Class "class") (owl:ObjectProperty "object property")
                         (owl:DatatypeProperty "datatype property") (rdf:Property "property") }
  ?term a ?type . FILTER(STRSTARTS(STR(?term), STR(cg:)))
  OPTIONAL { ?term rdfs:label ?label }
  OPTIONAL { ?term skos:definition ?definition }
  OPTIONAL {
    VALUES ?rel { rdfs:subClassOf rdfs:subPropertyOf rdfs:domain rdfs:range }
    ?term ?rel ?value OPTIONAL { ?value rdfs:label|skos:prefLabel ?valueLabel }
  }
} ORDER BY ?term"""

Q_SCHEMES = """
SELECT ?scheme ?schemeLabel ?schemeDefinition ?concept ?label ?notation ?definition ?broader WHERE {
  ?scheme a skos:ConceptScheme .
  OPTIONAL { ?scheme skos:prefLabel ?schemeLabel }
  OPTIONAL { ?scheme skos:definition ?schemeDefinition }
  OPTIONAL { ?concept skos:inScheme ?scheme .
             OPTIONAL { ?concept skos:prefLabel ?label }
             OPTIONAL { ?concept skos:notation ?notation }
             OPTIONAL { ?concept skos:definition ?definition }
             OPTIONAL { ?concept skos:broader ?broader } }
} ORDER BY ?scheme ?concept"""

Q_SHAPES = """
SELECT ?shape ?target ?message ?path ?pmessage ?seeAlso ?comment WHERE {
  ?shape a sh:NodeShape .
  OPTIONAL { ?shape sh:targetClass ?target }
  OPTIONAL { ?shape sh:message ?message }
  OPTIONAL { ?shape rdfs:comment ?comment }
  OPTIONAL { ?shape rdfs:seeAlso ?seeAlso }
  OPTIONAL { ?shape sh:property ?property .
             OPTIONAL { ?property sh:path ?path FILTER(isIRI(?path)) }
             OPTIONAL { ?property sh:message ?pmessage } }
} ORDER BY ?shape"""


def ontology_view(store: Queryable, shapes_store: Queryable | None = None) -> dict:
    """Classes and properties of cg:, every SKOS scheme with its concepts, and the SHACL shapes
    (queried from ``shapes_store``, a store holding ontology/shapes.ttl, kept apart from the data)."""
    head = select(store, Q_ONTOLOGY)
    terms = []
    for term, rows in group(select(store, Q_TERMS), "term").items():
        rels: dict[str, list[dict]] = {}
        for rel in ("subClassOf", "subPropertyOf", "domain", "range"):
            rrows = [r for r in rows if r.get("rel") is not None and str(r["rel"]).endswith("#" + rel)]
            rels[rel] = unique_refs(rrows, "value", "valueLabel")
        terms.append({**ref(term, first(rows, "label")), "anchor": slug(str(term)),
                      "kind": text(first(rows, "kind")), "definition": text(first(rows, "definition")), **rels})
    schemes = []
    for scheme, rows in group(select(store, Q_SCHEMES), "scheme").items():
        concepts = []
        for concept, crows in group(rows, "concept").items():
            concepts.append({**ref(concept, first(crows, "label")), "notation": text(first(crows, "notation")),
                             "definition": text(first(crows, "definition")),
                             "broader": [ref(b) for b in sorted({r["broader"] for r in crows if r.get("broader") is not None})]})
        schemes.append({**ref(scheme, first(rows, "schemeLabel")), "definition": text(first(rows, "schemeDefinition")),
                        "concepts": concepts})
    shapes = []
    for shape, rows in group(select(shapes_store, Q_SHAPES) if shapes_store is not None else [], "shape").items():
        shapes.append({**ref(shape), "anchor": slug(str(shape)),
                       "targets": unique_refs(rows, "target", "_"),
                       "message": text(first(rows, "message")), "comment": text(first(rows, "comment")),
                       "see_also": text(first(rows, "seeAlso")),
                       "paths": unique_refs(rows, "path", "_"),
                       "messages": sorted({text(r["pmessage"]) for r in rows if r.get("pmessage") is not None})})
    h = head[0] if head else {}
    return {
        "kind": "ontology",
        "iri": BASE + "ontology",
        "label": text(h.get("title")) or "claimgraph ontology",
        "description": text(h.get("description")),
        "version": text(h.get("version")),
        "license": text(h.get("license")),
        "prefix": text(h.get("prefix")),
        "namespace": PREFIXES["cg"],
        "classes": [t for t in terms if t["kind"] == "class"],
        "properties": [t for t in terms if t["kind"] != "class"],
        "schemes": schemes,
        "shapes": shapes,
    }
