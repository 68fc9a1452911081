"""Parameters: headers declare them, values are parsed by type into RDF terms, and terms are
bound (never pasted): the VALUES binder, rdflib's initial bindings and Oxigraph's substitutions
must all keep an injection attempt a literal."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from claimgraph import api
from claimgraph.cli import main
from claimgraph.errors import QueryError
from claimgraph.query import NamedQuery, bind_values, parse_value, query_form, run_query, term_to_sparql
from claimgraph.query.binding import where_group_start
from claimgraph.stores import open_store

INJECTION = 'x" } ; DROP ALL ; SELECT * { "'
ECHO = """# title: Echo
# description: returns its parameter
#   on two lines
# param: text (string, default hello) — any text
# param: n (integer, default 3) — a number
SELECT ?text ?n WHERE { }
"""


@pytest.mark.parametrize("spec", ["memory", "oxigraph"])
def test_injection_through_a_string_parameter_stays_a_literal(spec):
    store = open_store(spec)
    store.load([(URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal("v"))])
    result = run_query(store, ECHO, {"text": INJECTION})
    assert result.rows == [(Literal(INJECTION), Literal(3))]
    assert len(store) == 1  # nothing dropped
    store.close()


def test_injection_through_the_values_binder_stays_a_literal():
    """The text a remote endpoint receives: the value is one escaped string literal."""
    text = bind_values("SELECT ?text WHERE { }", {"text": Literal(INJECTION)})
    assert text == 'SELECT ?text WHERE { VALUES (?text) { ("x\\" } ; DROP ALL ; SELECT * { \\"") }  }'
    store = open_store("oxigraph")
    assert store.store.query(text, use_default_graph_as_union=True).__next__()["text"].value == INJECTION


@pytest.mark.parametrize("bad", ["<x> } ; DROP ALL ; SELECT * { ?s ?p ?o", "<a b>", 'entry:x" } #', "nope:thing"])
def test_iri_parameters_refuse_anything_but_an_iri(bad):
    with pytest.raises(QueryError, match="entry"):
        parse_value(bad, "iri", name="entry")


def test_values_are_parsed_by_declared_type():
    assert parse_value("entry:x", "iri") == URIRef("https://w3id.org/claimgraph/id/entry/x")
    assert parse_value("<https://example.org/a>", "iri") == URIRef("https://example.org/a")
    assert parse_value("https://example.org/a", "iri") == URIRef("https://example.org/a")
    n = parse_value("42", "integer")
    assert n == Literal(42) and n.datatype == XSD.integer
    d = parse_value("2026-03-01", "date")
    assert d.datatype == XSD.date and str(d) == "2026-03-01"
    assert parse_value("true", "boolean") == Literal(True)
    assert parse_value("2.5", "decimal").datatype == XSD.decimal
    assert parse_value("42", "string") == Literal("42")  # a string stays a string: no number comparison
    for value, type_ in (("x", "integer"), ("2026-13-01", "date"), ("yes", "boolean"), ("1e3", "decimal")):
        with pytest.raises(QueryError, match="parameter p"):
            parse_value(value, type_, name="p")


def test_header_is_machine_readable():
    q = NamedQuery.from_text(ECHO, name="echo")
    assert q.title == "Echo" and q.description == "returns its parameter on two lines"
    assert [(p.name, p.type, p.default, p.description) for p in q.parameters] == [
        ("text", "string", "hello", "any text"), ("n", "integer", "3", "a number")]
    assert q.bindings() == {"text": Literal("hello"), "n": Literal(3)}


def test_header_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: x\n# param: days integer default 3\nSELECT * WHERE { }\n")
    with pytest.raises(QueryError) as info:
        NamedQuery.from_file(bad)
    assert info.value.line == 2 and info.value.path == str(bad)
    bad.write_text("# param: d (integer, default soon) — x\nSELECT * WHERE { }\n")
    with pytest.raises(QueryError, match="parameter d"):
        NamedQuery.from_file(bad)


def test_unknown_parameter_is_named():
    with pytest.raises(QueryError, match="unknown parameter colour"):
        NamedQuery.from_text(ECHO).bindings({"colour": "red"})
    # undeclared queries take parameters named after their variables, typed by their look
    free = NamedQuery.from_text("SELECT ?x WHERE { ?x ?p ?when }")
    assert free.bindings({"when": "2026-01-02"}) == {"when": Literal("2026-01-02", datatype=XSD.date)}
    with pytest.raises(QueryError, match="unknown parameter nothere"):
        free.bindings({"nothere": "1"})


def test_derived_cutoff_is_computed_in_python():
    q = NamedQuery.from_text("# param: days (integer, default 10) — d\n# param: today (date, default today) — t\n"
                             "# derive: cutoff = today - days\nSELECT ?cutoff WHERE { }\n")
    assert q.bindings({"today": "2026-03-01"})["cutoff"] == Literal("2026-02-19", datatype=XSD.date)
    assert q.bindings({"today": "2024-03-01", "days": "1"})["cutoff"] == Literal("2024-02-29", datatype=XSD.date)
    with pytest.raises(QueryError, match="derive"):
        NamedQuery.from_text("# param: days (integer, default 1) — d\n# derive: c = today - days\nSELECT * {}\n")


@pytest.mark.parametrize("text, before", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE {"),
    ("ASK { ?s ?p ?o }", "ASK {"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE {"),
    ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } {"),
    ("# a { comment WHERE {\nPREFIX x: <http://e/{}> SELECT ('{' AS ?b) WHERE { ?s ?p '}' }", "SELECT ('{' AS ?b) WHERE {"),
    ('SELECT ("""WHERE { x""" AS ?b) { { SELECT ?s WHERE { ?s ?p ?o } } }', '"""WHERE { x""" AS ?b) {'),
])
def test_values_go_at_the_start_of_the_where_group(text, before):
    assert text[:where_group_start(text)].endswith(before)


def test_query_form():
    assert query_form("# SELECT\nPREFIX a: <http://ask/> CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("ASK {}") == "ASK"
    with pytest.raises(QueryError):
        query_form("INSERT DATA { <a> <b> <c> }")


def test_terms_are_escaped():
    assert term_to_sparql(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    assert term_to_sparql(Literal("x", lang="en-GB")) == '"x"@en-GB'
    assert term_to_sparql(Literal(3)) == '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    with pytest.raises(QueryError):
        term_to_sparql(URIRef("http://e/a b"))
    with pytest.raises((QueryError, ValueError)):  # rdflib itself refuses such a tag
        term_to_sparql(Literal("x", lang="en } ;"))


def test_cli_injection_stays_a_literal(tmp_path, capsys, root):
    rq = tmp_path / "echo.rq"
    rq.write_text(ECHO)
    assert main(["--root", str(root), "query", str(rq), "--param", f"text={INJECTION}", "--format", "tsv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == '"x\\" } ; DROP ALL ; SELECT * { \\""\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_cli_errors_exit_2(capsys, root):
    assert main(["query", "stale-entries", "--param", "days=many"]) == 2
    assert "parameter days" in capsys.readouterr().err
    assert main(["query", "stale-entries", "--param", "days"]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err
    assert main(["query", "no-such-query"]) == 2
    assert "unknown query" in capsys.readouterr().err
    assert main(["query", "--sparql", "SELECT ?s\nWHERE {\n  ?s ?p\n}", "--store", "oxigraph"]) == 2
    assert "line 4, column" in capsys.readouterr().err
    assert main(["query", "stale-entries", "--format", "turtle"]) == 2
    assert "CONSTRUCT" in capsys.readouterr().err


def test_api_wrapper_accepts_terms(root):
    result = api.run_named_query("escalation-chains", {"mechanism": URIRef("https://w3id.org/claimgraph/vocab/mechanism/sabotage")},
                                 store="memory", root=root)
    assert result.rows
