"""`claimgraph new`: the skeleton of a new entry.

It holds only what is structural and certain (type, database, the claim and, for Capability
entries, the mandatory counterargument node) and no placeholder values: every required field
is left out, with guidance in comments above its subject, so `claimgraph validate` lists exactly
what is missing and a half-filled scaffold can never pass as content. The guidance comments are
attached to their subjects, so they survive `claimgraph fmt`; the prefixes they use are declared.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from ..errors import InputError
from ..model.convert import triple_to_oxigraph
from ..model.terms import CG, ENTRY_TYPE, ENTRY_TYPES, ID, bind_prefixes, entry_iri, is_slug, mint
from ..publish.files import write_atomic
from ..publish.fmt import canonical_triples, write_turtle
from .context import DEFAULT_DATABASE

#: Declared although the skeleton does not use them yet, so that guidance lines can be
#: uncommented as they are (`claimgraph fmt` drops the ones still unused once the entry is done).
GUIDANCE_PREFIXES = ("category", "conf", "evst", "mechanism", "person", "prov", "rdfs", "schema", "xsd")


_ENTRY_GUIDANCE = [
    "# Fill in (`claimgraph validate` lists each one until it is there):",
    '#   rdfs:label "The page title" ;',
    "#   cg:category category:SLUG ;                  a concept of ontology/categories.ttl",
    "#   cg:confidence conf:moderate ;                 verified | high-confidence | moderate | needs-update",
    '#   dcterms:abstract "The one-paragraph summary." ;',
    '#   cg:dateVerified "YYYY-MM-DD"^^xsd:date ; dcterms:modified "YYYY-MM-DD"^^xsd:date ;',
    '#   schema:keywords "a-tag", "another-tag" ;',
    "#   cg:citation <entry/{id}/citation/SOURCE-SLUG> ;  a cg:Citation: cg:source, cg:locator, schema:description",
]
_STATUS_GUIDANCE = [
    "#   cg:evidenceStatus evst:demonstrated-lab ;     demonstrated-real-world | demonstrated-lab |",
    "#                                                 partially-demonstrated | approaching | theoretical",
    '#   cg:statedConfidence conf:... ; cg:originalConfidenceLabel "..." ;  if the page states a level',
]
_OPTIONAL_GUIDANCE = [
    "# Optional: cg:evidence (incident/ or result/), cg:mechanism, cg:interpretation,",
    "#   cg:escalationPath, cg:section (cg:Section: dcterms:title, schema:position, schema:text),",
    "#   cg:declaredSourceCount.",
]
_CLAIM_GUIDANCE = ['# Fill in: schema:text "The headline claim, as a sentence." (what the entry asserts).']
_COUNTER_GUIDANCE = [
    '# Fill in: schema:text "The strongest objection." ;',
    "#   prov:wasAttributedTo person:SLUG ; prov:qualifiedAttribution <entry/{id}/counterargument/1/attribution> ;",
    "#   (a prov:Attribution: prov:agent, cg:aliasUsed, cg:affiliationAtTime)",
    "#   cg:citation <entry/{id}/counterargument/1/citation/SOURCE-SLUG> ;  the objection's own source",
    "# Then the database's answer: <entry/{id}/counterargument/1/response> a cg:Response ;",
    "#   schema:text \"...\" ; cg:attacks <entry/{id}/counterargument/1> ; cg:citation <...> .",
]


def scaffold_graph(entry_id: str, entry_type: str, database: URIRef = DEFAULT_DATABASE) -> Graph:
    if not is_slug(entry_id):
        raise InputError(f"not an entry id: {entry_id!r} (lower-case letters, digits, '-' and '.')")
    if entry_type not in ENTRY_TYPES:
        raise InputError(f"unknown entry type {entry_type!r}; choose one of {', '.join(ENTRY_TYPES)}")
    g = Graph()
    bind_prefixes(g)
    e, claim = entry_iri(entry_id), mint("entry", entry_id, "claim")
    g.add((e, RDF.type, CG.Entry))
    g.add((e, DCTERMS.isPartOf, database))
    g.add((e, CG.entryType, ENTRY_TYPE[entry_type]))
    g.add((e, CG.pagePath, Literal(f"/database/{entry_id}")))
    g.add((e, CG.claim, claim))
    g.add((claim, RDF.type, CG.Claim))
    if entry_type == "capability":
        ca = mint("entry", entry_id, "counterargument", 1)
        g.add((e, CG.counterargument, ca))
        g.add((ca, RDF.type, CG.Counterargument))
        g.add((ca, CG.attacks, claim))
    return g


def scaffold_text(entry_id: str, entry_type: str, database: URIRef = DEFAULT_DATABASE) -> str:
    """The scaffold file's text."""
    graph = scaffold_graph(entry_id, entry_type, database)
    header = [f"# Entry {entry_id} ({entry_type}): a scaffold from `claimgraph new`.",
              "# Write the text in our own words; cite every source through a cg:Citation."]
    entry_notes = _ENTRY_GUIDANCE + (_STATUS_GUIDANCE if entry_type == "capability" else []) + _OPTIONAL_GUIDANCE
    comments = {
        str(entry_iri(entry_id)): [line.replace("{id}", entry_id) for line in entry_notes],
        str(mint("entry", entry_id, "claim")): _CLAIM_GUIDANCE,
    }
    if entry_type == "capability":
        comments[str(mint("entry", entry_id, "counterargument", 1))] = [
            line.replace("{id}", entry_id) for line in _COUNTER_GUIDANCE]
    triples: list[ox.Triple] = canonical_triples(triple_to_oxigraph(t) for t in graph)
    return write_turtle(triples, base=str(ID), header=header, comments=comments, declare=GUIDANCE_PREFIXES)


def write_scaffold(entry_id: str, entry_type: str, out_dir: str | Path, *, existing: Graph | None = None,
                   database: URIRef = DEFAULT_DATABASE) -> Path:
    """Write ``out_dir/ENTRY-ID.ttl``; never over an existing file or an existing entry."""
    text = scaffold_text(entry_id, entry_type, database)
    target = Path(out_dir) / f"{entry_id}.ttl"
    if target.exists():
        raise InputError(f"{target} exists; not overwritten")
    if existing is not None and (entry_iri(entry_id), RDF.type, CG.Entry) in existing:
        raise InputError(f"entry {entry_id!r} already exists in data/")
    write_atomic(target, text)
    return target
