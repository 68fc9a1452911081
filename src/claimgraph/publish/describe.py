"""The DCAT/VoID description of a release: what it is, which version, licence, size, date, files."""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from ..model.terms import CG, DATASET_IRI, ENTRY_TYPE, ID, SCHEMA, bind_prefixes

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SPDX = "http://spdx.org/rdf/terms#"
RELEASES = "https://w3id.org/claimgraph/release/"


def release_date(graph: Graph) -> date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the newest entry modification date:
    never the wall clock, so the same input gives the same release."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    dates = [o.toPython() for o in graph.objects(None, DCTERMS.modified) if isinstance(o, Literal)]
    dates = [d for d in dates if isinstance(d, date)]
    return max(dates) if dates else date(1970, 1, 1)


def describe_release(graph: Graph, version: str, files: dict[str, tuple[bytes, str]]) -> Graph:
    """A VoID dataset / DCAT dataset with one distribution per released file."""
    d = Graph()
    bind_prefixes(d)
    ds = DATASET_IRI
    d.add((ds, RDF.type, DCAT.Dataset))
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, DCTERMS.title, Literal("claimgraph: claims, evidence and rebuttals about AI behaviour", lang="en")))
    d.add((ds, DCTERMS.description, Literal(
        "Entries of a public AI-risk evidence database modelled as RDF: claims, incidents, research results, "
        "mechanisms, contested interpretations, escalation paths, counterarguments, responses and sources.",
        lang="en")))
    d.add((ds, DCTERMS.license, LICENSE))
    d.add((ds, URIRef(str(DCAT) + "version"), Literal(version)))
    d.add((ds, RDFS.label, Literal(f"claimgraph {version}")))
    d.add((ds, DCTERMS.issued, Literal(release_date(graph).isoformat(), datatype=XSD.date)))
    d.add((ds, DCTERMS.source, ID["database/ai-democratic-governance"]))
    d.add((ds, VOID.triples, Literal(len(graph))))
    d.add((ds, VOID.entities, Literal(len(set(graph.subjects(RDF.type, None))))))
    d.add((ds, VOID.uriSpace, Literal(str(ID))))
    d.add((ds, VOID.vocabulary, URIRef(str(CG))))
    d.add((ds, VOID.vocabulary, URIRef(str(SCHEMA))))
    for etype, label in (("capability", "Capability"), ("incident", "Incident"),
                         ("governance-gap", "Governance Gap"), ("landscape", "Landscape")):
        n = len(set(graph.subjects(CG.entryType, ENTRY_TYPE[etype])))
        part = URIRef(f"{ds}/entries/{etype}")
        d.add((ds, VOID.subset, part))
        d.add((part, RDF.type, VOID.Dataset))
        d.add((part, RDFS.label, Literal(f"{label} entries")))
        d.add((part, VOID.entities, Literal(n)))
    for name, (payload, media_type) in sorted(files.items()):
        dist = URIRef(f"{ds}/distribution/{name}")
        d.add((ds, DCAT.distribution, dist))
        d.add((dist, RDF.type, DCAT.Distribution))
        d.add((dist, DCTERMS.title, Literal(name)))
        d.add((dist, DCTERMS.identifier, Literal(name)))
        d.add((dist, DCAT.downloadURL, URIRef(f"{RELEASES}{version}/{name}")))
        d.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        d.add((dist, DCAT.byteSize, Literal(len(payload), datatype=XSD.nonNegativeInteger)))
        d.add((dist, URIRef(SPDX + "checksumValue"), Literal(hashlib.sha256(payload).hexdigest())))
        if media_type in ("text/turtle", "application/n-triples", "application/ld+json"):
            d.add((ds, VOID.dataDump, dist))
    return d
