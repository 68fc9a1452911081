"""The entry page: an entry with its claim, evidence, interpretations, escalations,
counterarguments and responses, citations and argument statuses."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node

from ...model.terms import PREFIXES
from .base import LABEL, Queryable, curie, dated, first, flag, group, number, ref, select, slug, text, unique_refs


#: The entry's own statements, with a label (concepts, the database) or text (the claim) for
#: the things they point at. One flat query: nested OPTIONALs cost the engine far more.
Q_ENTRY = f"""
SELECT ?entry ?p ?o ?oLabel ?oText WHERE {{
  ?entry a cg:Entry ; ?p ?o .
  OPTIONAL {{ ?o {LABEL} ?oLabel }}
  OPTIONAL {{ ?o schema:text ?oText }}
}}"""

Q_SECTIONS = """
SELECT ?entry ?section ?title ?position ?text WHERE {
  ?entry cg:section ?section .
  OPTIONAL { ?section dcterms:title ?title }
  OPTIONAL { ?section schema:position ?position }
  OPTIONAL { ?section schema:text ?text }
} ORDER BY ?position ?section"""

Q_EVIDENCE = """
SELECT ?entry ?item ?label ?description ?date ?dateAsStated ?setting ?settingLabel ?elicitation
       ?elicitationLabel ?selfReported ?kind WHERE {
  ?entry cg:evidence ?item .
  OPTIONAL { ?item rdfs:label ?label }
  OPTIONAL { ?item schema:description ?description }
  OPTIONAL { ?item dcterms:date ?date }
  OPTIONAL { ?item cg:dateAsStated ?dateAsStated }
  OPTIONAL { ?item cg:setting ?setting OPTIONAL { ?setting skos:prefLabel ?settingLabel } }
  OPTIONAL { ?item cg:elicitation ?elicitation OPTIONAL { ?elicitation skos:prefLabel ?elicitationLabel } }
  OPTIONAL { ?item cg:selfReported ?selfReported }
  OPTIONAL { ?item a ?kindClass . VALUES (?kindClass ?kind) { (cg:Incident "Incident")
             (cg:ResearchResult "Research result") } }
} ORDER BY ?item"""

Q_EVIDENCE_LINKS = f"""
SELECT ?entry ?item ?role ?value ?valueLabel WHERE {{
  ?entry cg:evidence ?item .
  {{ ?item cg:aiSystem ?value BIND("system" AS ?role) }}
  UNION {{ ?item cg:aiSystem/schema:creator ?value BIND("developer" AS ?role) }}
  UNION {{ ?item cg:deployer ?value BIND("deployer" AS ?role) }}
  UNION {{ ?item cg:affectedParty ?value BIND("affected" AS ?role) }}
  UNION {{ ?item cg:mechanism ?value BIND("mechanism" AS ?role) }}
  UNION {{ ?item cg:observedAction ?value BIND("action" AS ?role) }}
  OPTIONAL {{ ?value {LABEL} ?valueLabel }}
}}"""

Q_INTERPRETATIONS = f"""
SELECT ?entry ?debate ?label ?text ?consequence ?regardless ?evidence ?evidenceLabel WHERE {{
  ?entry cg:interpretation ?debate .
  OPTIONAL {{ ?debate rdfs:label ?label }}
  OPTIONAL {{ ?debate schema:text ?text }}
  OPTIONAL {{ ?debate cg:consequence ?consequence }}
  OPTIONAL {{ ?debate cg:consequenceHoldsRegardless ?regardless }}
  OPTIONAL {{ ?debate cg:interprets ?evidence OPTIONAL {{ ?evidence {LABEL} ?evidenceLabel }} }}
}} ORDER BY ?debate"""

Q_CANDIDATES = """
SELECT ?entry ?debate ?candidate ?label ?text ?mechanism ?mechanismLabel ?heldBy WHERE {
  ?entry cg:interpretation ?debate . ?debate cg:candidate ?candidate .
  OPTIONAL { ?candidate rdfs:label ?label }
  OPTIONAL { ?candidate schema:text ?text }
  OPTIONAL { ?candidate cg:mechanism ?mechanism OPTIONAL { ?mechanism skos:prefLabel ?mechanismLabel } }
  OPTIONAL { ?candidate cg:heldBy ?heldBy }
} ORDER BY ?candidate"""

#: Who made a counterargument or holds a candidate: agents, and the qualified attribution's
#: alias and affiliation at the time.
Q_ATTRIBUTIONS = f"""
SELECT ?entry ?node ?agent ?agentLabel ?alias ?affiliation ?affiliationLabel WHERE {{
  ?entry cg:counterargument|cg:interpretation/cg:candidate ?node .
  {{ ?node prov:wasAttributedTo ?agent }}
  UNION {{ ?node prov:qualifiedAttribution ?q .
          OPTIONAL {{ ?q prov:agent ?agent }}
          OPTIONAL {{ ?q cg:aliasUsed ?alias }}
          OPTIONAL {{ ?q cg:affiliationAtTime ?affiliation
                     OPTIONAL {{ ?affiliation {LABEL} ?affiliationLabel }} }} }}
  OPTIONAL {{ ?agent {LABEL} ?agentLabel }}
}}"""

Q_ESCALATIONS = """
SELECT ?entry ?escalation ?label ?description ?from ?fromLabel ?to ?toLabel WHERE {
  ?entry cg:escalationPath ?escalation .
  OPTIONAL { ?escalation rdfs:label ?label }
  OPTIONAL { ?escalation schema:description ?description }
  OPTIONAL { ?escalation cg:fromMechanism ?from OPTIONAL { ?from skos:prefLabel ?fromLabel } }
  OPTIONAL { ?escalation cg:toMechanism ?to OPTIONAL { ?to skos:prefLabel ?toLabel } }
} ORDER BY ?escalation"""

Q_COUNTERARGUMENTS = """
SELECT ?entry ?counter ?text ?sourceStatement WHERE {
  ?entry cg:counterargument ?counter .
  OPTIONAL { ?counter schema:text ?text }
  OPTIONAL { ?counter cg:sourceStatement ?sourceStatement }
} ORDER BY ?counter"""

Q_RESPONSES = """
SELECT ?entry ?counter ?response ?text ?date WHERE {
  ?entry cg:counterargument ?counter .
  ?response cg:attacks ?counter ; a cg:Response .
  OPTIONAL { ?response schema:text ?text }
  OPTIONAL { ?response dcterms:date ?date }
} ORDER BY ?response"""

#: Computed argument statuses, when the analysis is in the store (claimgraph's stores query the
#: union of their graphs, so the analysis named graph counts).
Q_ARGUMENT_STATUS = """
SELECT ?entry ?node ?status ?statusLabel WHERE {
  ?entry cg:claim|cg:counterargument|cg:counterargument/^cg:attacks ?node .
  ?analysis cg:analyses ?node ; cg:groundedStatus ?status .
  OPTIONAL { ?status skos:prefLabel ?statusLabel }
}"""

#: Every citation made by the entry or one of its parts, with the cited source.
Q_CITATIONS = """
SELECT ?entry ?citer ?citation ?locator ?description ?source ?sourceLabel ?title ?byline ?date
       ?url ?authority ?sourceType ?sourceTypeLabel WHERE {
  ?entry (cg:counterargument|cg:counterargument/^cg:attacks|cg:interpretation|
          cg:interpretation/cg:candidate|cg:evidence|cg:escalationPath)? ?citer .
  ?citer cg:citation ?citation .
  ?citation cg:source ?source .
  OPTIONAL { ?citation cg:locator ?locator }
  OPTIONAL { ?citation schema:description ?description }
  OPTIONAL { ?source rdfs:label ?sourceLabel }
  OPTIONAL { ?source dcterms:title ?title }
  OPTIONAL { ?source cg:byline ?byline }
  OPTIONAL { ?source dcterms:date ?date }
  OPTIONAL { ?source schema:url ?url }
  OPTIONAL { ?source cg:authority ?authority }
  OPTIONAL { ?source a ?sourceType OPTIONAL { ?sourceType rdfs:label ?sourceTypeLabel } }
} ORDER BY ?citer ?citation"""

Q_MECHANISMS = """
SELECT ?entry ?mechanism ?label WHERE {
  ?entry cg:mechanism ?mechanism OPTIONAL { ?mechanism skos:prefLabel ?label }
}"""

Q_TAGS = "SELECT ?entry ?tag WHERE { ?entry schema:keywords ?tag }"


def _citations(rows: list[dict]) -> dict[Node, list[dict]]:
    """Citations per citing node, each with its source."""
    by_citer: dict[Node, list[dict]] = {}
    for citer, citer_rows in group(rows, "citer").items():
        items = []
        for citation, crows in group(citer_rows, "citation").items():
            source = first(crows, "source")
            src = None
            if source is not None:
                kind = next((r["sourceTypeLabel"] for r in crows if r.get("sourceTypeLabel") is not None), None)
                src = ref(source, first(crows, "title") or first(crows, "sourceLabel"))
                url = text(first(crows, "url"))
                src.update({
                    "byline": text(first(crows, "byline")),
                    "date": dated(first(crows, "date")),
                    "url": url,
                    "authority": text(first(crows, "authority")),
                    "kind": text(kind),
                })
            items.append({"iri": str(citation) if isinstance(citation, URIRef) else None,
                          "source": src, "locator": text(first(crows, "locator")),
                          "description": text(first(crows, "description"))})
        by_citer[citer] = items
    return by_citer


def _attributions(rows: list[dict]) -> dict[Node, dict]:
    out: dict[Node, dict] = {}
    for node, nrows in group(rows, "node").items():
        out[node] = {
            "agents": unique_refs(nrows, "agent", "agentLabel"),
            "alias": text(first(nrows, "alias")),
            "affiliation": ref(first(nrows, "affiliation"), first(nrows, "affiliationLabel")),
        }
    return out


def _statuses(rows: list[dict]) -> dict[Node, dict]:
    return {node: ref(first(r, "status"), first(r, "statusLabel")) for node, r in group(rows, "node").items()}


def entry_view(store: Queryable, iri: str) -> dict | None:
    """The view model of an entry page, or None when ``iri`` is not an entry."""
    entry = URIRef(iri)
    head = group(select(store, Q_ENTRY, entry=entry), "p")
    if not head:
        return None

    def value(prop: str, key: str = "o") -> Node | None:
        return first(head.get(URIRef(_expand(prop)), []), key)

    h = {"label": value("rdfs:label"), "claim": value("cg:claim"), "claimText": value("cg:claim", "oText"),
         "type": value("cg:entryType"), "typeLabel": value("cg:entryType", "oLabel"),
         "category": value("cg:category"), "categoryLabel": value("cg:category", "oLabel"),
         "status": value("cg:evidenceStatus"), "statusLabel": value("cg:evidenceStatus", "oLabel"),
         "statusOriginal": value("cg:originalStatusLabel"),
         "stated": value("cg:statedConfidence"), "statedLabel": value("cg:statedConfidence", "oLabel"),
         "confidenceOriginal": value("cg:originalConfidenceLabel"),
         "confidence": value("cg:confidence"), "confidenceLabel": value("cg:confidence", "oLabel"),
         "abstract": value("dcterms:abstract"), "verified": value("cg:dateVerified"),
         "modified": value("dcterms:modified"), "database": value("dcterms:isPartOf"),
         "databaseLabel": value("dcterms:isPartOf", "oLabel"), "pagePath": value("cg:pagePath"),
         "declared": value("cg:declaredSourceCount")}
    cites = _citations(select(store, Q_CITATIONS, entry=entry))
    attributed = _attributions(select(store, Q_ATTRIBUTIONS, entry=entry))
    statuses = _statuses(select(store, Q_ARGUMENT_STATUS, entry=entry))
    no_attr = {"agents": [], "alias": None, "affiliation": None}

    evidence = []
    links = group(select(store, Q_EVIDENCE_LINKS, entry=entry), "item")
    for item, rows in group(select(store, Q_EVIDENCE, entry=entry), "item").items():
        lrows = links.get(item, [])
        by_role = {role: [r for r in lrows if text(r["role"]) == role]
                   for role in ("system", "developer", "deployer", "affected", "mechanism")}
        evidence.append({
            **ref(item, first(rows, "label")),
            "kind": text(first(rows, "kind")),
            "description": text(first(rows, "description")),
            "date": dated(first(rows, "date")),
            "date_as_stated": text(first(rows, "dateAsStated")),
            "setting": ref(first(rows, "setting"), first(rows, "settingLabel")),
            "elicitation": ref(first(rows, "elicitation"), first(rows, "elicitationLabel")),
            "self_reported": flag(first(rows, "selfReported")),
            "systems": unique_refs(by_role["system"], "value", "valueLabel"),
            "developers": unique_refs(by_role["developer"], "value", "valueLabel"),
            "deployers": unique_refs(by_role["deployer"], "value", "valueLabel"),
            "affected": unique_refs(by_role["affected"], "value", "valueLabel"),
            "mechanisms": unique_refs(by_role["mechanism"], "value", "valueLabel"),
            "observed_actions": sorted({text(r["value"]) for r in lrows if text(r["role"]) == "action"}),
            "citations": cites.get(item, []),
        })

    candidates = group(select(store, Q_CANDIDATES, entry=entry), "debate")
    interpretations = []
    for debate, rows in group(select(store, Q_INTERPRETATIONS, entry=entry), "debate").items():
        cands = []
        for cand, crows in group(candidates.get(debate, []), "candidate").items():
            cands.append({
                **ref(cand, first(crows, "label")),
                "text": text(first(crows, "text")),
                "mechanism": ref(first(crows, "mechanism"), first(crows, "mechanismLabel")),
                "held_by": text(first(crows, "heldBy")),
                "attribution": attributed.get(cand, no_attr),
                "citations": cites.get(cand, []),
            })
        interpretations.append({
            **ref(debate, first(rows, "label")),
            "text": text(first(rows, "text")),
            "consequence": text(first(rows, "consequence")),
            "consequence_holds_regardless": flag(first(rows, "regardless")),
            "evidence": unique_refs(rows, "evidence", "evidenceLabel"),
            "candidates": cands,
            "citations": cites.get(debate, []),
        })

    escalations = [{
        **ref(esc, first(rows, "label")),
        "description": text(first(rows, "description")),
        "from": ref(first(rows, "from"), first(rows, "fromLabel")),
        "to": ref(first(rows, "to"), first(rows, "toLabel")),
        "citations": cites.get(esc, []),
    } for esc, rows in group(select(store, Q_ESCALATIONS, entry=entry), "escalation").items()]

    responses = group(select(store, Q_RESPONSES, entry=entry), "counter")
    counterarguments = []
    for counter, rows in group(select(store, Q_COUNTERARGUMENTS, entry=entry), "counter").items():
        counterarguments.append({
            "iri": str(counter),
            "anchor": slug(str(counter)) if isinstance(counter, URIRef) else None,
            "text": text(first(rows, "text")),
            "source_statement": text(first(rows, "sourceStatement")),
            "attribution": attributed.get(counter, no_attr),
            "citations": cites.get(counter, []),
            "status": statuses.get(counter),
            "responses": [{
                "iri": str(resp),
                "text": text(first(rrows, "text")),
                "date": dated(first(rrows, "date")),
                "citations": cites.get(resp, []),
                "status": statuses.get(resp),
            } for resp, rrows in group(responses.get(counter, []), "response").items()],
        })

    claim = h.get("claim")
    return {
        "kind": "entry",
        "iri": iri,
        "label": text(h.get("label")) or curie(iri),
        "type": ref(h.get("type"), h.get("typeLabel")),
        "category": ref(h.get("category"), h.get("categoryLabel")),
        "claim": {"iri": text(claim), "text": text(h.get("claimText")),
                  "status": statuses.get(claim) if claim is not None else None} if claim is not None else None,
        "evidence_status": _badge(h.get("status"), h.get("statusLabel"), h.get("statusOriginal")),
        "stated_confidence": _badge(h.get("stated"), h.get("statedLabel"), h.get("confidenceOriginal")),
        "confidence": _badge(h.get("confidence"), h.get("confidenceLabel"), None),
        "abstract": text(h.get("abstract")),
        "date_verified": dated(h.get("verified")),
        "modified": dated(h.get("modified")),
        "database": ref(h.get("database"), h.get("databaseLabel")),
        "page_path": text(h.get("pagePath")),
        "declared_source_count": number(h.get("declared")),
        "sections": [{"iri": str(s), "title": text(first(r, "title")), "text": text(first(r, "text"))}
                     for s, r in group(select(store, Q_SECTIONS, entry=entry), "section").items()],
        "evidence": evidence,
        "interpretations": interpretations,
        "escalations": escalations,
        "counterarguments": counterarguments,
        "sources": cites.get(entry, []),
        "mechanisms": unique_refs(select(store, Q_MECHANISMS, entry=entry), "mechanism", "label"),
        "tags": sorted({text(r["tag"]) for r in select(store, Q_TAGS, entry=entry)}, key=str.lower),
    }


def _expand(curie_text: str) -> str:
    prefix, _, local = curie_text.partition(":")
    return PREFIXES[prefix] + local


def _badge(node: Node | None, label: Node | None, original: Node | None) -> dict | None:
    if node is None:
        return None
    return {**ref(node, label), "slug": slug(str(node)), "original": text(original)}
