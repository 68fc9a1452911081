"""claimgraph: evidence about AI behaviour as a knowledge graph of claims, evidence and rebuttals.

The pipeline, one subpackage per stage:

    model     files -> graph (IRIs, loading)
    validate  graph -> typed SHACL report (methodology rules included)
    query     named SPARQL queries, parameters, result formats; stores/ runs them
    analyse   argument graph (networkx), Dung semantics, load-bearing nodes
    present   explorer page, entry pages, static site
    serve     the web app (SPARQL protocol, pages)
    publish   deterministic exports, releases, Graph Store uploads, fmt, diff
    ingest    importers (entry pages) and scaffolds
"""

__version__ = "0.1.0"
