"""An Analysis as triples, for the analysis named graph and the release's analysis.ttl.

Computed results never mix with authored data: they live in their own graph
(``model.terms.ANALYSIS_GRAPH``), one ``cg:Analysis`` node per analysed node, with an IRI minted
from the analysed node's IRI (readable slug plus a short hash), so the same data always gives the
same triples and the same file, and no blank nodes.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..model.terms import ARGUMENT_STATUS, CG, ID, bind_prefixes, slugify
from ..publish.export import serialize
from .analysis import Analysis

ANALYSIS_BASE = f"{ID}analysis/"
_SLUG_LIMIT = 80


def analysis_iri(node_iri: str) -> URIRef:
    """``https://w3id.org/claimgraph/id/analysis/<slug>-<hash>`` for the node analysed."""
    relative = node_iri[len(str(ID)):] if node_iri.startswith(str(ID)) else node_iri.split("://", 1)[-1]
    slug = slugify(relative)[:_SLUG_LIMIT].strip("-.") or "node"
    digest = hashlib.sha256(node_iri.encode("utf-8")).hexdigest()[:10]
    return URIRef(f"{ANALYSIS_BASE}{slug}-{digest}")


def _decimal(value: float) -> Literal:
    return Literal(Decimal(value).quantize(Decimal("0.0001")), datatype=XSD.decimal)


def analysis_graph(analysis: Analysis) -> Graph:
    """Argument statuses (grounded label, preferred membership) and centralities as triples."""
    g = Graph()
    bind_prefixes(g)
    described: set[str] = set()

    def node(iri: str, label: str) -> URIRef:
        a = analysis_iri(iri)
        if iri not in described:
            described.add(iri)
            g.add((a, RDF.type, CG.Analysis))
            g.add((a, CG.analyses, URIRef(iri)))
            g.add((a, RDFS.label, Literal(f"Analysis of {label or iri}")))
        return a

    for arg in analysis.arguments:
        if not arg.iri.startswith(("http://", "https://", "urn:")):
            continue  # a blank node: nothing a triple could point at
        a = node(arg.iri, arg.label)
        g.add((a, CG.groundedStatus, ARGUMENT_STATUS[arg.status]))
        if arg.in_preferred is not None:
            g.add((a, CG.inPreferredExtensions, Literal(arg.in_preferred, datatype=XSD.integer)))
        if arg.preferred_count is not None:
            g.add((a, CG.preferredExtensionCount, Literal(arg.preferred_count, datatype=XSD.integer)))
        g.add((a, CG.centrality, _decimal(arg.centrality)))
    for item in analysis.load_bearing:
        if not item.iri.startswith(("http://", "https://", "urn:")):
            continue
        a = node(item.iri, item.label)
        if (a, CG.centrality, None) not in g:
            g.add((a, CG.centrality, _decimal(item.centrality)))
    for claim in analysis.single_source_claims:
        if claim.iri.startswith(("http://", "https://", "urn:")):
            a = node(claim.iri, claim.label)
            g.add((a, CG.restsOnSingleSource, Literal(True)))
            g.add((a, CG.restsOnSelfReportsOnly, Literal(bool(claim.self_reported))))
    for item in analysis.contested:
        if item.iri.startswith(("http://", "https://", "urn:")):
            g.add((node(item.iri, ""), CG.contestedMechanism, Literal(True)))
    return g


def analysis_turtle(analysis: Analysis) -> bytes:
    """The analysis graph as deterministic Turtle (the release's analysis.ttl)."""
    return serialize(analysis_graph(analysis), "turtle")
