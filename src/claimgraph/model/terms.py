"""Namespaces and IRI minting: the one place that knows claimgraph's IRI scheme.

    https://w3id.org/claimgraph/ontology#Term      classes and properties (cg:)
    https://w3id.org/claimgraph/shapes#Shape       SHACL shapes (cgsh:)
    https://w3id.org/claimgraph/vocab/SCHEME/SLUG  SKOS concepts (mechanisms, statuses, ...)
    https://w3id.org/claimgraph/id/KIND/SLUG       things: entry, incident, result, system,
                                                   organisation, person, source, escalation
    .../id/entry/SLUG/PART[/N]                     parts of an entry (claim, counterargument/1, ...)
    https://w3id.org/claimgraph/graph/NAME         named graphs (data, analysis)
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

BASE = "https://w3id.org/claimgraph/"
CG = Namespace(BASE + "ontology#")
CGSH = Namespace(BASE + "shapes#")
VOCAB = Namespace(BASE + "vocab/")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
MP = Namespace("http://purl.org/mp/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
VANN = Namespace("http://purl.org/vocab/vann/")

MECHANISM = Namespace(VOCAB + "mechanism/")
ENTRY_TYPE = Namespace(VOCAB + "entry-type/")
#: The database's four kinds of entry (the local names in ``ENTRY_TYPE``).
ENTRY_TYPES = ("capability", "incident", "governance-gap", "landscape")
EVIDENCE_STATUS = Namespace(VOCAB + "evidence-status/")
CONFIDENCE = Namespace(VOCAB + "confidence/")
CATEGORY = Namespace(VOCAB + "category/")
SETTING = Namespace(VOCAB + "setting/")
ELICITATION = Namespace(VOCAB + "elicitation/")
ARGUMENT_STATUS = Namespace(VOCAB + "argument-status/")

ONTOLOGY_IRI = URIRef(BASE + "ontology")
DATASET_IRI = URIRef(BASE + "id/dataset/claimgraph")
DATA_GRAPH = GRAPH["data"]
ANALYSIS_GRAPH = GRAPH["analysis"]

#: Prefixes bound on every graph we write, in this order: exports stay stable between runs.
PREFIXES: dict[str, str] = {
    "cg": str(CG),
    "cgsh": str(CGSH),
    "entry": str(ID) + "entry/",
    "incident": str(ID) + "incident/",
    "result": str(ID) + "result/",
    "system": str(ID) + "system/",
    "organisation": str(ID) + "organisation/",
    "person": str(ID) + "person/",
    "source": str(ID) + "source/",
    "escalation": str(ID) + "escalation/",
    "mechanism": str(MECHANISM),
    "etype": str(ENTRY_TYPE),
    "evst": str(EVIDENCE_STATUS),
    "conf": str(CONFIDENCE),
    "category": str(CATEGORY),
    "setting": str(SETTING),
    "elic": str(ELICITATION),
    "argst": str(ARGUMENT_STATUS),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "prov": str(PROV),
    "skos": str(SKOS),
    "org": str(ORG),
    "mp": str(MP),
    "bibo": str(BIBO),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "xsd": str(XSD),
    "vann": str(VANN),
    "spdx": "http://spdx.org/rdf/terms#",
}

_ENTRY_PREFIX = str(ID) + "entry/"
_SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")


def slugify(text: str) -> str:
    """A readable IRI slug: lower case ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.")
    return slug or "x"


def is_slug(text: str) -> bool:
    return bool(_SLUG_RE.match(text))


def mint(kind: str, slug: str, *parts: str | int) -> URIRef:
    """IRI of a thing: ``mint("person", "alex-turner")``, ``mint("entry", "x", "counterargument", 1)``."""
    if not is_slug(slug):
        raise ValueError(f"not a slug: {slug!r}")
    tail = "".join(f"/{p}" for p in parts)
    return URIRef(f"{ID}{kind}/{slug}{tail}")


def entry_iri(slug: str) -> URIRef:
    return mint("entry", slug)


def entry_of(iri: str) -> str | None:
    """The entry IRI an entry-part IRI belongs to (``.../entry/x/claim`` -> ``.../entry/x``)."""
    if not iri.startswith(_ENTRY_PREFIX):
        return None
    slug = iri[len(_ENTRY_PREFIX):].split("/", 1)[0].split("#", 1)[0]
    return _ENTRY_PREFIX + slug if slug else None


def entry_slug(iri: str) -> str | None:
    entry = entry_of(iri)
    return entry[len(_ENTRY_PREFIX):] if entry else None


def bind_prefixes(graph) -> None:
    """Bind claimgraph's fixed prefixes, replacing rdflib's defaults, so output is stable."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)


def shorten(iri: str) -> str:
    """A prefixed name for display (``entry:x/claim``), using the longest matching prefix."""
    best: tuple[str, str] | None = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri
