#!/usr/bin/env python3
"""Generate realistic synthetic claimgraph data for benchmarks: deterministic, any size.

    python benchmarks/generate.py --entries 10000 --out benchmarks/out/10k
    python benchmarks/generate.py --triples 1000000 --out benchmarks/out/1M --violating-fraction 0.05
    python benchmarks/generate.py --entries 100000 --out DIR --format nt --seed 7

The entries have the shapes of the real data (ontology/shapes.ttl) and the same IRI scheme
(https://w3id.org/claimgraph/id/KIND/SLUG): every entry has its claim, citations with locators
and findings, keywords and dates; Capability entries add an evidence status, a research result,
a sourced counterargument and the database's response; Incident entries an incident with its AI
system, developer, deployer and setting; one entry in ten (a Capability entry's research result,
an Incident entry's incident) a contested interpretation with two candidate mechanisms (one held
by a person, one "by some researchers"), and some Capability entries an escalation path. Shared resources grow with the
entries: one source per 2 entries (preprints, peer-reviewed articles, system cards, blog posts,
news articles; cited with a skewed popularity), one person per 5, one AI system per 10, one
organisation per 20. Mechanisms and categories come from the ontology (so the data is read
together with ontology/*.ttl, as the real data is).

Sizes are predictable: entries follow a fixed cycle of 20 (8 Capability, 6 Incident, 3 Governance
Gap, 3 Landscape) whose triple counts do not depend on the seed, so the triple count is
``constant + per-cycle counts`` exactly; ``--triples T`` picks the entry count that gives T
(within one entry). ``--violating-fraction F`` makes exactly round(F x entries) entries violate
the shapes, without changing any triple count (a value is swapped for a bad one); which entries
and how is listed in manifest.json.

Output (DIR is replaced): database.ttl, organisations.ttl, people.ttl, systems.ttl, sources.ttl,
escalations.ttl, entries/entries-NNNNN.ttl (1000 entries per file, each with its evidence), and
manifest.json (seed, entries, triples, triples per entry, files, violating entries).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

BASE = "https://w3id.org/claimgraph/"
ID = BASE + "id/"
VOCAB = BASE + "vocab/"
PREFIXES = {
    "cg": BASE + "ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "bibo": "http://purl.org/ontology/bibo/",
    "mechanism": VOCAB + "mechanism/",
    "etype": VOCAB + "entry-type/",
    "evst": VOCAB + "evidence-status/",
    "conf": VOCAB + "confidence/",
    "category": VOCAB + "category/",
    "setting": VOCAB + "setting/",
    "elic": VOCAB + "elicitation/",
}
ENTRIES_PER_FILE = 1000
SIZE_PERIOD = 20  # entry cycle (20) and pool steps (2, 5, 10, 20) all repeat every 20 entries
CYCLE = (["capability"] * 8) + (["incident"] * 6) + (["governance-gap"] * 3) + (["landscape"] * 3)
VIOLATIONS = ("confidence-not-in-scheme", "date-verified-not-a-date", "claim-text-too-short",
              "verified-below-threshold")
SOURCE_KINDS = ("preprint", "preprint", "peer-reviewed", "system-card", "blog", "news")
FALLBACK_CATEGORIES = ["specification-gaming"]
FALLBACK_MECHANISMS = ["specification-gaming", "reward-hacking", "instrumental-convergence",
                       "deception", "sycophancy", "sabotage", "unsafe-autonomy"]

WORDS = ("agent model system reward policy evaluation oversight training deployment tool network "
         "compute benchmark monitor developer operator user shutdown goal objective behaviour "
         "instruction sandbox environment credential weight score grader test report audit "
         "regulation framework incident safeguard capability propensity scenario trajectory").split()
VERBS = ("exploited altered bypassed disabled copied concealed misreported acquired extended "
         "rewrote probed ignored deleted escalated simulated").split()
FIRST = "Ada Ben Chen Dana Eli Farah Gita Hugo Ines Jun Kofi Lena Mira Noor Omar Pia Ravi Sara Tomas Uma".split()
LAST = "Abe Berg Costa Diaz Eng Fox Gupta Hart Ito Jones Kim Lund Moreau Nakamura Osei Park Quinn Rossi Sato Weber".split()
ORG_KINDS = ("Lab", "Institute", "Research", "AI", "Labs", "Foundation", "Group", "Centre")


# ---------------------------------------------------------------------------------------------
# Writing statements
# ---------------------------------------------------------------------------------------------

def lit(text: str, datatype: str | None = None) -> str:
    """A literal in Turtle/N-Triples syntax with every special character escaped."""
    esc = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{esc}"^^<{PREFIXES["xsd"]}{datatype}>' if datatype else f'"{esc}"'


def iri(kind_slug: str) -> str:
    return f"<{ID}{kind_slug}>"


def v(prefix: str, local: str) -> str:
    return f"<{PREFIXES[prefix]}{local}>"


A = v("rdf", "type")


class Sink:
    """Collects statements per subject; writes Turtle (grouped by subject) or N-Triples."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.parts: list[str] = []
        self.count = 0

    def add(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        self.count += len(pairs)
        if self.fmt == "nt":
            self.parts.extend(f"{subject} {p} {o} .\n" for p, o in pairs)
        else:
            body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
            self.parts.append(f"{subject} {body} .\n\n")

    def text(self, header: str) -> str:
        head = f"# {header}\n"
        return head + "".join(self.parts)

    def reset(self) -> None:
        self.parts = []


# ---------------------------------------------------------------------------------------------
# The world: shared resources that grow with the entries
# ---------------------------------------------------------------------------------------------

@dataclass
class World:
    n_entries: int
    seed: int
    mechanisms: list[str]
    categories: list[str]
    n_sources: int = field(init=False)
    n_people: int = field(init=False)
    n_systems: int = field(init=False)
    n_orgs: int = field(init=False)

    def __post_init__(self) -> None:
        self.n_sources = 12 + self.n_entries // 2
        self.n_people = 10 + self.n_entries // 5
        self.n_systems = 6 + self.n_entries // 10
        self.n_orgs = 6 + self.n_entries // 20

    # skewed popularity: a few sources, people and organisations are cited a lot
    def pick(self, rng: random.Random, n: int) -> int:
        # P(index < k) = sqrt(k / n): the top 10% get about a third of the picks
        return min(int(n * rng.random() ** 2), n - 1)

    def source_kind(self, k: int) -> str:
        return SOURCE_KINDS[k % len(SOURCE_KINDS)]

    def academic_source(self, rng: random.Random) -> int:
        while True:
            k = self.pick(rng, self.n_sources)
            if self.source_kind(k) in ("preprint", "peer-reviewed"):
                return k

    def mechanism(self, rng: random.Random) -> str:
        # popular mechanisms first in the list get more entries (a realistic long tail)
        i = min(int(rng.expovariate(0.25)), len(self.mechanisms) - 1)
        return self.mechanisms[i]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng: random.Random, n: int = 14) -> str:
    return (f"The {rng.choice(WORDS)} {rng.choice(VERBS)} the {words(rng, 2)} while "
            f"{words(rng, max(n - 6, 3))} were observed.").capitalize()


def a_date(rng: random.Random, start: date = date(2019, 1, 1), span_days: int = 2700) -> date:
    return start + timedelta(days=rng.randrange(span_days))


def any_precision_date(rng: random.Random) -> str:
    d = a_date(rng)
    r = rng.random()
    if r < 0.6:
        return lit(d.isoformat(), "date")
    if r < 0.85:
        return lit(d.strftime("%Y-%m"), "gYearMonth")
    return lit(str(d.year), "gYear")


def org_iri(i: int) -> str:
    return iri(f"organisation/synthetic-org-{i:05d}")


def person_iri(i: int) -> str:
    return iri(f"person/synthetic-person-{i:06d}")


def system_iri(i: int) -> str:
    return iri(f"system/synthetic-system-{i:05d}")


def source_iri(k: int) -> str:
    return iri(f"source/synthetic-source-{k:06d}")


def write_database(sink: Sink) -> None:
    sink.add(iri("database/ai-democratic-governance"), [
        (A, v("cg", "Database")),
        (v("rdfs", "label"), lit("AI Democratic Governance evidence database")),
        (v("schema", "name"), lit("AI Democratic Governance")),
        (v("schema", "description"), lit("A public database of evidence about AI risk (synthetic benchmark copy).")),
    ])


def write_organisations(sink: Sink, world: World, rng: random.Random) -> None:
    for i in range(world.n_orgs):
        name = f"{rng.choice(LAST)} {rng.choice(ORG_KINDS)} {i}"
        sink.add(org_iri(i), [
            (A, v("schema", "Organization")), (A, v("org", "Organization")), (A, v("prov", "Agent")),
            (v("rdfs", "label"), lit(name)), (v("schema", "name"), lit(name)),
        ])


def write_people(sink: Sink, world: World, rng: random.Random) -> None:
    for i in range(world.n_people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}"
        p = person_iri(i)
        sink.add(p, [(A, v("schema", "Person")), (A, v("prov", "Agent")),
                     (v("rdfs", "label"), lit(name)), (v("schema", "name"), lit(name))])
        sink.add(iri(f"person/synthetic-person-{i:06d}/membership/1"), [
            (A, v("org", "Membership")), (v("org", "member"), p),
            (v("org", "organization"), org_iri(world.pick(rng, world.n_orgs))),
        ])


def write_systems(sink: Sink, world: World, rng: random.Random) -> None:
    for i in range(world.n_systems):
        name = f"Model-{chr(65 + i % 26)}{i}"
        sink.add(system_iri(i), [
            (A, v("cg", "AISystem")), (v("rdfs", "label"), lit(name)), (v("schema", "name"), lit(name)),
            (v("schema", "creator"), org_iri(world.pick(rng, world.n_orgs))),
            (v("schema", "description"), lit(f"A synthetic {words(rng, 3)} system.")),
        ])


def write_sources(sink: Sink, world: World, rng: random.Random) -> None:
    for k in range(world.n_sources):
        kind = world.source_kind(k)
        title = f"{words(rng, 5).capitalize()} ({k})"
        author = person_iri(world.pick(rng, world.n_people))
        org = org_iri(world.pick(rng, world.n_orgs))
        pairs = [
            (A, {"preprint": v("cg", "Preprint"), "peer-reviewed": v("cg", "PeerReviewedArticle"),
                 "system-card": v("cg", "SystemCard"), "blog": v("schema", "BlogPosting"),
                 "news": v("schema", "NewsArticle")}[kind]),
            (v("rdfs", "label"), lit(title)),
            (v("dcterms", "title"), lit(title)),
            (v("cg", "byline"), lit(f"{rng.choice(FIRST)} {rng.choice(LAST)} et al.")),
            (v("schema", "author"), author),
            (v("schema", "sourceOrganization") if kind in ("preprint", "peer-reviewed", "system-card")
             else v("schema", "publisher"), org),
            (v("dcterms", "date"), any_precision_date(rng)),
        ]
        if kind == "preprint":
            pairs.append((v("cg", "arxivId"), lit(f"{9000 + k // 100000:04d}.{k % 100000:05d}")))
        elif kind == "peer-reviewed":
            pairs.append((v("bibo", "doi"), lit(f"10.5555/synthetic.{k}")))
        else:
            pairs.append((v("schema", "url"), f"<https://example.org/synthetic/source/{k}>"))
        pairs.append((v("schema", "description"), lit(f"A {kind.replace('-', ' ')} on {words(rng, 4)}.")))
        pairs.append((v("cg", "authority"), lit(f"Written by researchers at a {rng.choice(ORG_KINDS).lower()}.")))
        sink.add(source_iri(k), pairs)


def escalation_edges(world: World, rng: random.Random) -> list[tuple[str, str]]:
    """About a dozen acyclic edges between mechanisms, some forming chains of length 3+."""
    order = list(world.mechanisms)
    rng.shuffle(order)
    # a chain of five edges, then random forward edges (acyclic), twelve in all
    edges: set[tuple[str, str]] = {(order[i], order[i + 1]) for i in range(min(5, len(order) - 1))}
    while len(edges) < min(12, len(order) * (len(order) - 1) // 2):
        i, j = sorted(rng.sample(range(len(order)), 2))
        edges.add((order[i], order[j]))
    return sorted(edges)


def write_escalations(sink: Sink, world: World, rng: random.Random) -> list[str]:
    slugs = []
    for a, b in escalation_edges(world, rng):
        slug = f"escalation/synthetic-{a}-to-{b}"
        slugs.append(slug)
        sink.add(v("mechanism", a), [(v("cg", "escalatesTo"), v("mechanism", b))])
        sink.add(iri(slug), [
            (A, v("cg", "Escalation")), (v("rdfs", "label"), lit(f"{a} generalises to {b}")),
            (v("cg", "fromMechanism"), v("mechanism", a)), (v("cg", "toMechanism"), v("mechanism", b)),
            (v("schema", "description"), lit(sentence(rng))),
            (v("cg", "citation"), iri(slug + "/citation/1")),
        ])
        sink.add(iri(slug + "/citation/1"), [
            (A, v("cg", "Citation")), (v("cg", "source"), source_iri(world.academic_source(rng))),
            (v("cg", "locator"), lit(f"Section {rng.randint(1, 9)}")),
            (v("schema", "description"), lit(sentence(rng, 10))),
        ])
    return slugs


# ---------------------------------------------------------------------------------------------
# Entries
# ---------------------------------------------------------------------------------------------

def citation(sink: Sink, rng: random.Random, node: str, source: str, locator: bool) -> None:
    pairs = [(A, v("cg", "Citation")), (v("cg", "source"), source)]
    if locator:
        pairs.append((v("cg", "locator"), lit(f"Section {rng.randint(1, 9)}.{rng.randint(1, 9)}")))
    pairs.append((v("schema", "description"), lit(sentence(rng, 9))))
    sink.add(node, pairs)


def write_entry(sink: Sink, world: World, rng: random.Random, n: int, escalations: list[str],
                violation: str | None) -> None:
    """Entry number n: its type and shape come from its position in the cycle of 20."""
    pos = n % len(CYCLE)
    etype = CYCLE[pos]
    slug = f"synthetic-{n:07d}"
    e = iri(f"entry/{slug}")
    claim = iri(f"entry/{slug}/claim")
    verified = etype == "capability" and pos in (2, 5)          # meets the Verified threshold
    stated_verified = etype == "capability" and pos in (1, 6)   # page says Verified; it is not
    n_citations = 3 if verified else (2 if pos % 3 == 0 else 1)
    mech = world.mechanism(rng)
    verified_on = a_date(rng, date(2024, 1, 1), 900)
    modified_on = verified_on + timedelta(days=rng.randrange(60))

    confidence = ("verified" if verified else
                  "high-confidence" if etype == "capability" else rng.choice(["high-confidence", "moderate", "needs-update"]))
    claim_text = f"AI systems {rng.choice(VERBS)} {words(rng, 4)} ({n})."
    date_verified = lit(verified_on.isoformat(), "date")
    if violation == "confidence-not-in-scheme":
        confidence = "unknown-level"
    elif violation == "date-verified-not-a-date":
        date_verified = lit(f"verified {verified_on.isoformat()}")
    elif violation == "claim-text-too-short":
        claim_text = "Short."
    elif violation == "verified-below-threshold":
        confidence = "verified"  # too few sources; a truly Verified entry loses its locators below

    pairs = [
        (A, v("cg", "Entry")),
        (v("rdfs", "label"), lit(f"Synthetic {etype.replace('-', ' ')} entry {n}: {words(rng, 3)}")),
        (v("dcterms", "isPartOf"), iri("database/ai-democratic-governance")),
        (v("cg", "pagePath"), lit(f"/database/{slug}")),
        (v("cg", "entryType"), v("etype", etype)),
        (v("cg", "category"), v("category", world.categories[n % len(world.categories)])),
        (v("cg", "claim"), claim),
        (v("cg", "confidence"), v("conf", confidence)),
        (v("dcterms", "abstract"), lit(sentence(rng, 18))),
        (v("cg", "dateVerified"), date_verified),
        (v("dcterms", "modified"), lit(modified_on.isoformat(), "date")),
        (v("cg", "mechanism"), v("mechanism", mech)),
        (v("schema", "keywords"), lit(mech)),
        (v("schema", "keywords"), lit(rng.choice(WORDS))),
    ]
    if etype == "capability":
        status = rng.choice(["demonstrated-lab", "demonstrated-lab", "partially-demonstrated",
                             "approaching", "theoretical", "demonstrated-real-world"])
        pairs += [
            (v("cg", "evidenceStatus"), v("evst", status)),
            (v("cg", "originalStatusLabel"), lit(status.replace("-", " ").upper())),
            (v("cg", "statedConfidence"), v("conf", "verified" if (verified or stated_verified) else "high-confidence")),
            (v("cg", "counterargument"), iri(f"entry/{slug}/counterargument/1")),
            (v("cg", "declaredSourceCount"), lit(str(n_citations), "integer")),
        ]
    sources: list[int] = []
    while len(sources) < n_citations:
        k = world.academic_source(rng) if (verified or stated_verified) else world.pick(rng, world.n_sources)
        if k not in sources:
            sources.append(k)
    for i, k in enumerate(sources, 1):
        pairs.append((v("cg", "citation"), iri(f"entry/{slug}/citation/{i}")))
    has_evidence = etype in ("capability", "incident")
    if has_evidence:
        pairs.append((v("cg", "evidence"), iri(f"{'incident' if etype == 'incident' else 'result'}/{slug}")))
    contested = pos in (0, 8)  # a Capability entry's research result, an Incident entry's incident
    if contested:
        pairs.append((v("cg", "interpretation"), iri(f"entry/{slug}/debate")))
    if etype == "capability" and pos in (0, 4) and escalations:
        pairs.append((v("cg", "escalationPath"), iri(escalations[n % len(escalations)])))
    sink.add(e, pairs)
    sink.add(claim, [(A, v("cg", "Claim")), (v("schema", "text"), lit(claim_text))])
    for i, k in enumerate(sources, 1):
        # a Verified entry needs locators; the broken variant loses them (same triple count:
        # the locator is replaced by a second description-free note)
        locator = not (violation == "verified-below-threshold" and verified)
        citation(sink, rng, iri(f"entry/{slug}/citation/{i}"), source_iri(k), locator=locator)
        if not locator:
            sink.add(iri(f"entry/{slug}/citation/{i}"), [(v("rdfs", "comment"), lit("page reference missing"))])

    if etype == "capability":
        write_counterargument(sink, world, rng, slug, claim)
    if has_evidence:
        write_evidence(sink, world, rng, slug, etype, claim, mech)
    if contested:
        write_debate(sink, world, rng, slug, f"{'incident' if etype == 'incident' else 'result'}/{slug}")


def write_counterargument(sink: Sink, world: World, rng: random.Random, slug: str, claim: str) -> None:
    ca = iri(f"entry/{slug}/counterargument/1")
    person = person_iri(world.pick(rng, world.n_people))
    sink.add(ca, [
        (A, v("cg", "Counterargument")), (v("schema", "text"), lit(sentence(rng, 16))),
        (v("cg", "attacks"), claim), (v("prov", "wasAttributedTo"), person),
        (v("prov", "qualifiedAttribution"), iri(f"entry/{slug}/counterargument/1/attribution")),
        (v("cg", "citation"), iri(f"entry/{slug}/counterargument/1/citation/1")),
    ])
    sink.add(iri(f"entry/{slug}/counterargument/1/attribution"), [
        (A, v("prov", "Attribution")), (v("prov", "agent"), person),
        (v("cg", "affiliationAtTime"), org_iri(world.pick(rng, world.n_orgs))),
    ])
    citation(sink, rng, iri(f"entry/{slug}/counterargument/1/citation/1"),
             source_iri(world.pick(rng, world.n_sources)), locator=False)
    resp = iri(f"entry/{slug}/counterargument/1/response")
    sink.add(resp, [
        (A, v("cg", "Response")), (v("schema", "text"), lit(sentence(rng, 14))),
        (v("cg", "attacks"), ca), (v("dcterms", "date"), lit(a_date(rng, date(2023, 1, 1), 1200).strftime("%Y-%m"), "gYearMonth")),
        (v("cg", "citation"), iri(f"entry/{slug}/counterargument/1/response/citation/1")),
    ])
    citation(sink, rng, iri(f"entry/{slug}/counterargument/1/response/citation/1"),
             source_iri(world.pick(rng, world.n_sources)), locator=False)


def write_evidence(sink: Sink, world: World, rng: random.Random, slug: str, etype: str, claim: str,
                   mech: str) -> None:
    incident = etype == "incident"
    ev = iri(f"{'incident' if incident else 'result'}/{slug}")
    setting = ("real-world" if rng.random() < 0.7 else "lab") if incident else rng.choice(["lab", "lab", "lab", "theory"])
    system = world.pick(rng, world.n_systems)
    pairs = [
        (A, v("cg", "Incident" if incident else "ResearchResult")),
        (v("rdfs", "label"), lit(f"{'Incident' if incident else 'Result'}: {words(rng, 5)}")),
        (v("schema", "description"), lit(sentence(rng, 24))),
        (v("dcterms", "date"), any_precision_date(rng)),
        (v("cg", "setting"), v("setting", setting)),
        (v("cg", "elicitation"), v("elic", rng.choice(["default", "default", "elicited", "instructed"]))),
        (v("cg", "aiSystem"), system_iri(system)),
        (v("cg", "mechanism"), v("mechanism", mech)),
        (v("cg", "observedAction"), lit(f"{rng.choice(VERBS)} the {rng.choice(WORDS)}")),
        (v("cg", "selfReported"), lit("true" if rng.random() < 0.3 else "false", "boolean")),
        (v("cg", "supports"), claim),
        (v("cg", "citation"), iri(f"{'incident' if incident else 'result'}/{slug}/citation/1")),
    ]
    if incident:
        pairs.append((v("cg", "deployer"), org_iri(world.pick(rng, world.n_orgs))))
    else:
        pairs.append((v("cg", "observedAction"), lit(f"then {rng.choice(VERBS)} a {rng.choice(WORDS)}")))
    sink.add(ev, pairs)
    citation(sink, rng, iri(f"{'incident' if incident else 'result'}/{slug}/citation/1"),
             source_iri(world.pick(rng, world.n_sources)), locator=True)


def write_debate(sink: Sink, world: World, rng: random.Random, slug: str, evidence: str) -> None:
    d = iri(f"entry/{slug}/debate")
    a, b = rng.sample(world.mechanisms, 2)
    sink.add(d, [
        (A, v("cg", "ContestedInterpretation")), (v("rdfs", "label"), lit(f"{a} or {b}?")),
        (v("cg", "interprets"), iri(evidence)), (v("schema", "text"), lit(sentence(rng))),
        (v("cg", "candidate"), iri(f"entry/{slug}/debate/{a}")), (v("cg", "candidate"), iri(f"entry/{slug}/debate/{b}")),
        (v("cg", "consequence"), lit(sentence(rng, 10))),
        (v("cg", "consequenceHoldsRegardless"), lit("true" if rng.random() < 0.7 else "false", "boolean")),
    ])
    for mech, named in ((a, True), (b, False)):
        c = iri(f"entry/{slug}/debate/{mech}")
        holder = ((v("prov", "wasAttributedTo"), person_iri(world.pick(rng, world.n_people))) if named
                  else (v("cg", "heldBy"), lit("some researchers")))
        sink.add(c, [
            (A, v("cg", "CandidateMechanism")), (v("rdfs", "label"), lit(mech.replace("-", " "))),
            (v("cg", "mechanism"), v("mechanism", mech)), holder,
            (v("schema", "text"), lit(sentence(rng, 10))),
            (v("cg", "citation"), iri(f"entry/{slug}/debate/{mech}/citation/1")),
        ])
        citation(sink, rng, iri(f"entry/{slug}/debate/{mech}/citation/1"),
                 source_iri(world.pick(rng, world.n_sources)), locator=False)


# ---------------------------------------------------------------------------------------------
# Vocabulary from the ontology, sizes, and the driver
# ---------------------------------------------------------------------------------------------

def ontology_concepts(root: Path | None) -> tuple[list[str], list[str]]:
    """Mechanism and category slugs declared in ontology/*.ttl (fallbacks without a project)."""
    try:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
        import pyoxigraph as ox
        from claimgraph.model.project import find_project
        project = find_project(root)
        in_scheme = "http://www.w3.org/2004/02/skos/core#inScheme"
        found: dict[str, set[str]] = {"mechanism": set(), "category": set()}
        for path in project.ontology_files():
            for q in ox.parse(path=str(path)):
                if q.predicate.value == in_scheme:
                    for scheme in found:
                        if q.object.value == VOCAB + scheme:
                            found[scheme].add(q.subject.value.rsplit("/", 1)[1])
        mechs = sorted(found["mechanism"]) or FALLBACK_MECHANISMS
        cats = sorted(found["category"]) or FALLBACK_CATEGORIES
        return mechs, cats
    except Exception:  # noqa: BLE001 - a generator outside a checkout still works
        return FALLBACK_MECHANISMS, FALLBACK_CATEGORIES


def count_triples(entries: int, mechanisms: list[str], categories: list[str], seed: int = 0) -> int:
    """Exact triple count for a size (independent of the seed and of violations)."""
    world = World(entries, seed, mechanisms, categories)
    total = 0
    for part in build_parts(world, violations={}, fmt="nt"):
        total += part[1].count
    return total


def entries_for_triples(target: int, mechanisms: list[str], categories: list[str]) -> int:
    """The entry count whose data has the triple count nearest to ``target``."""
    tails = [count_triples(t, mechanisms, categories) for t in range(SIZE_PERIOD + 1)]
    per_period = tails[SIZE_PERIOD] - tails[0]
    guess = max(0, round((target - tails[0]) * SIZE_PERIOD / per_period))
    candidates = range(max(0, guess - SIZE_PERIOD), guess + SIZE_PERIOD + 1)
    return min(candidates, key=lambda n: abs(triples_for_entries(n, tails) - target))


def triples_for_entries(n: int, tails: list[int]) -> int:
    """Exact triple count from the counts of 0..SIZE_PERIOD entries: every SIZE_PERIOD entries
    repeat the entry cycle and grow each shared pool by a whole number of resources."""
    periods, tail = divmod(n, SIZE_PERIOD)
    return tails[tail] + periods * (tails[SIZE_PERIOD] - tails[0])


def build_parts(world: World, violations: dict[int, str], fmt: str) -> Iterator[tuple[str, Sink]]:
    """(relative file name, sink with that file's statements), one file at a time."""
    def fresh() -> Sink:
        return Sink(fmt)

    def rng_for(name: str) -> random.Random:
        return random.Random(f"{world.seed}:{name}")

    ext = ".nt" if fmt == "nt" else ".ttl"
    sink = fresh()
    write_database(sink)
    yield "database" + ext, sink
    sink = fresh()
    write_organisations(sink, world, rng_for("organisations"))
    yield "organisations" + ext, sink
    sink = fresh()
    write_people(sink, world, rng_for("people"))
    yield "people" + ext, sink
    sink = fresh()
    write_systems(sink, world, rng_for("systems"))
    yield "systems" + ext, sink
    sink = fresh()
    write_sources(sink, world, rng_for("sources"))
    yield "sources" + ext, sink
    sink = fresh()
    escalations = write_escalations(sink, world, rng_for("escalations"))
    yield "escalations" + ext, sink
    for start in range(0, world.n_entries, ENTRIES_PER_FILE):
        sink = fresh()
        for n in range(start, min(start + ENTRIES_PER_FILE, world.n_entries)):
            write_entry(sink, world, rng_for(f"entry-{n}"), n, escalations, violations.get(n))
        yield f"entries/entries-{start // ENTRIES_PER_FILE:05d}{ext}", sink


def choose_violations(entries: int, fraction: float, seed: int) -> dict[int, str]:
    if not 0 <= fraction <= 1:
        raise SystemExit("--violating-fraction must be between 0 and 1")
    rng = random.Random(f"{seed}:violations")
    chosen = sorted(rng.sample(range(entries), round(fraction * entries))) if entries else []
    return {n: VIOLATIONS[rng.randrange(len(VIOLATIONS))] for n in chosen}


def turtle_header() -> str:
    lines = [f"@base <{ID}> ."] + [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    return "\n".join(lines) + "\n\n"


def generate(entries: int, out: Path, *, seed: int = 1, violating_fraction: float = 0.0,
             fmt: str = "turtle", root: Path | None = None) -> dict:
    """Write the data set into ``out`` (replaced) and return its manifest."""
    mechanisms, categories = ontology_concepts(root)
    world = World(entries, seed, mechanisms, categories)
    violations = choose_violations(entries, violating_fraction, seed)
    if out.exists():
        if any(out.iterdir()) and not (out / "manifest.json").exists():
            raise SystemExit(f"{out} exists and was not written by this generator; refusing to replace it")
        shutil.rmtree(out)
    (out / "entries").mkdir(parents=True)
    files: dict[str, int] = {}
    total = 0
    for name, sink in build_parts(world, violations, fmt):
        text = sink.text(f"synthetic claimgraph data (seed {seed}), generated by benchmarks/generate.py")
        if fmt != "nt":
            text = turtle_header() + text
        (out / name).write_text(text, encoding="utf-8")
        files[name] = sink.count
        total += sink.count
    base = count_triples(0, mechanisms, categories)
    manifest = {
        "generator": "benchmarks/generate.py",
        "seed": seed,
        "format": fmt,
        "entries": entries,
        "triples": total,
        "constant_triples": base,
        "triples_per_entry": round((total - base) / entries, 3) if entries else None,
        "note": "load together with ontology/*.ttl (mechanisms and categories live there)",
        "files": files,
        "violating": {
            "fraction": violating_fraction,
            "count": len(violations),
            "kinds": {k: sum(1 for x in violations.values() if x == k) for k in VIOLATIONS},
            "entries": {f"{ID}entry/synthetic-{n:07d}": kind for n, kind in violations.items()},
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = p.add_mutually_exclusive_group(required=True)
    size.add_argument("--entries", type=int, help="number of entries (e.g. 1000, 10000, 100000)")
    size.add_argument("--triples", type=int, help="pick the entry count that gives about this many triples")
    p.add_argument("--out", required=True, type=Path, help="output directory (replaced)")
    p.add_argument("--violating-fraction", type=float, default=0.0,
                   help="fraction of entries that violate the shapes (default 0)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--format", choices=("turtle", "nt"), default="turtle", help="file format (default turtle)")
    p.add_argument("--root", type=Path, help="claimgraph project (for ontology/); default: this checkout")
    args = p.parse_args(argv)
    entries = args.entries
    if entries is None:
        mechanisms, categories = ontology_concepts(args.root)
        entries = entries_for_triples(args.triples, mechanisms, categories)
    if entries < 0:
        p.error("--entries must be >= 0")
    t0 = time.perf_counter()
    m = generate(entries, args.out, seed=args.seed, violating_fraction=args.violating_fraction,
                 fmt=args.format, root=args.root)
    print(f"{args.out}: {m['entries']} entries, {m['triples']} triples "
          f"({m['triples_per_entry']} per entry + {m['constant_triples']} shared), "
          f"{m['violating']['count']} violating, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
