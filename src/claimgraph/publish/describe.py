"""The DCAT/VoID description of a release: what it is, which version, licence, size, date, files."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from ..model.convert import to_rdflib
from ..model.terms import CG, DATASET_IRI, ENTRY_TYPE, ENTRY_TYPES, ID, SCHEMA, bind_prefixes

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SPDX = "http://spdx.org/rdf/terms#"
RELEASES = "https://w3id.org/claimgraph/release/"


@dataclass(frozen=True)
class ReleaseStatistics:
    """What the description says about the graph: counted from an rdflib graph, or straight from
    the parsed statements (no graph need be built for a million-statement release)."""

    triples: int
    entities: int  # distinct subjects of rdf:type
    entries: dict[str, int]  # entry-type IRI -> entries of that type
    newest_modified: date | None  # the newest dcterms:modified date

    @classmethod
    def of_graph(cls, graph: Graph) -> ReleaseStatistics:
        entries = {str(t): len(set(graph.subjects(CG.entryType, t))) for t in _ENTRY_TYPES}
        return cls(len(graph), len(set(graph.subjects(RDF.type, None))), entries,
                   _newest(graph.objects(None, DCTERMS.modified)))

    @classmethod
    def of_triples(cls, triples: Iterable) -> ReleaseStatistics:
        """From distinct pyoxigraph triples."""
        rdf_type, entry_type, modified = str(RDF.type), str(CG.entryType), str(DCTERMS.modified)
        count, typed, modified_values = 0, set(), []
        entries: dict[str, set] = {str(t): set() for t in _ENTRY_TYPES}
        for t in triples:
            count += 1
            p = t.predicate.value
            if p == rdf_type:
                typed.add(t.subject)
            elif p == entry_type and t.object.value in entries:
                entries[t.object.value].add(t.subject)
            elif p == modified:
                modified_values.append(to_rdflib(t.object))
        return cls(count, len(typed), {k: len(v) for k, v in entries.items()}, _newest(modified_values))


_ENTRY_TYPES = [ENTRY_TYPE[t] for t in ENTRY_TYPES]


def _newest(values: Iterable) -> date | None:
    dates = [o.toPython() for o in values if isinstance(o, Literal)]
    dates = [d for d in dates if isinstance(d, date)]
    return max(dates) if dates else None


def release_date(stats: ReleaseStatistics) -> date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the newest entry modification date:
    never the wall clock, so the same input gives the same release."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return stats.newest_modified or date(1970, 1, 1)


def describe_release(stats: ReleaseStatistics, version: str, files: dict[str, tuple[bytes, str]]) -> Graph:
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
    d.add((ds, DCTERMS.issued, Literal(release_date(stats).isoformat(), datatype=XSD.date)))
    d.add((ds, DCTERMS.source, ID["database/ai-democratic-governance"]))
    d.add((ds, VOID.triples, Literal(stats.triples)))
    d.add((ds, VOID.entities, Literal(stats.entities)))
    d.add((ds, VOID.uriSpace, Literal(str(ID))))
    d.add((ds, VOID.vocabulary, URIRef(str(CG))))
    d.add((ds, VOID.vocabulary, URIRef(str(SCHEMA))))
    for etype, label in (("capability", "Capability"), ("incident", "Incident"),
                         ("governance-gap", "Governance Gap"), ("landscape", "Landscape")):
        n = stats.entries[str(ENTRY_TYPE[etype])]
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
