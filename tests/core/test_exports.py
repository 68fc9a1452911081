"""Exports are deterministic and faithful: byte-identical on repeat, and re-parsed by an
independent parser (pyoxigraph) into a graph isomorphic to the source."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from claimgraph import api
from claimgraph.cli import main
from claimgraph.model.convert import to_rdflib

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG}


def reparse(payload: bytes, fmt: str) -> Graph:
    g = Graph()
    for q in ox.parse(payload, format=OX_FORMATS[fmt]):
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


@pytest.mark.parametrize("fmt", list(OX_FORMATS))
def test_export_is_byte_identical_and_isomorphic(root, project_graph, fmt):
    first = api.export(None, fmt, root=root)
    second = api.export(None, fmt, root=root)
    assert first == second
    assert isomorphic(reparse(first, fmt), project_graph)


def test_jsonld_carries_its_context(root):
    doc = json.loads(api.export(None, "jsonld", root=root))
    assert doc["@context"]["cg"] == "https://w3id.org/claimgraph/ontology#"
    ids = [node["@id"] for node in doc["@graph"]]
    assert ids == sorted(ids)


def test_nt_is_sorted(root):
    lines = api.export(None, "nt", root=root).decode().splitlines()
    assert lines == sorted(lines) and len(lines) > 100


def test_cli_export_to_file(root, tmp_path):
    out = tmp_path / "out.ttl"
    assert main(["--root", str(root), "export", "--format", "turtle", "-o", str(out)]) == 0
    assert out.read_bytes() == api.export(None, "turtle", root=root)
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]  # no temporary file left behind
