"""`claimgraph fmt`: canonical layout, idempotent, graph-preserving, --check exit codes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from claimgraph.cli import main
from claimgraph.publish.fmt import format_paths, same_graph

from support import ROOT


def repository_files() -> list[Path]:
    return sorted((ROOT / "data").rglob("*.ttl")) + sorted((ROOT / "ontology").glob("*.ttl"))


def triples(path: Path) -> list:
    return list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))


@pytest.fixture
def copies(tmp_path) -> Path:
    """A copy of data/ and ontology/ (never format the repository's own files in tests)."""
    for name in ("data", "ontology"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def write(tmp_path: Path, text: str, name: str = "x.ttl") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", repository_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_file_keeps_its_graph_and_formats_idempotently(tmp_path, path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    before = triples(copy)
    format_paths([copy])
    once = copy.read_text()
    assert same_graph(before, triples(copy))
    assert not any(r.changed for r in format_paths([copy]))
    assert copy.read_text() == once
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left behind


def test_check_exit_codes_and_no_writes(copies, capsys):
    data, ontology = copies / "data", copies / "ontology"
    messy = write(data, "@prefix ex: <https://schema.org/> .\n<https://w3id.org/claimgraph/id/person/x>   ex:name 'X' ; a ex:Person.\n",
                  "messy.ttl")
    text = messy.read_text()
    assert main(["fmt", "--check", str(data), str(ontology)]) == 1
    assert f"would reformat {messy}" in capsys.readouterr().out
    assert messy.read_text() == text
    assert main(["fmt", str(data), str(ontology)]) == 0
    assert main(["fmt", "--check", str(data), str(ontology)]) == 0


def test_default_paths_are_data_and_ontology(copies, capsys):
    assert main(["--root", str(copies), "fmt"]) == 0
    assert main(["--root", str(copies), "fmt", "--check"]) == 0
    assert "0 of" in capsys.readouterr().err


def test_syntax_error_writes_nothing_exit_2(tmp_path, capsys):
    good = write(tmp_path, "<http://a/x>   <http://a/p> 1 .\n", "a.ttl")
    bad = write(tmp_path, "<http://a/x> <http://a/p> .\n", "b.ttl")
    assert main(["fmt", str(tmp_path)]) == 2
    assert f"{bad}:1" in capsys.readouterr().err
    assert good.read_text() == "<http://a/x>   <http://a/p> 1 .\n"


def test_only_turtle_files(tmp_path, capsys):
    nt = write(tmp_path, "<http://a/x> <http://a/p> <http://a/o> .\n", "x.nt")
    assert main(["fmt", str(nt)]) == 2
    assert "Turtle (.ttl) files only" in capsys.readouterr().err


LAYOUT_IN = """# Top comment block,
# kept verbatim.
@base <https://w3id.org/claimgraph/id/> .
@prefix my: <https://schema.org/> .
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

# ---------------------------------------------------------------- Section banner

<person/zed> a my:Person ; my:name "Zed" ; rdfs:label "Zed" .

# A note about the data that is not attached to any statement,
# which must not be lost.

# About the claim.
<entry/e/claim> my:text "A claim." ; a cg:Claim .
<entry/e> cg:section <entry/e/section/10>, <entry/e/section/2> ;
    # the entry's category comes later
    rdfs:label "E" ; a cg:Entry ; cg:claim <entry/e/claim> ; cg:declaredSourceCount 04 ; cg:x "x"^^<http://example.org/dt> .
<entry/e-other> a cg:Entry .
<https://w3id.org/claimgraph/vocab/mechanism/m> cg:y "multi\\nline \\"quoted\\"" .
"""

LAYOUT_OUT = """# Top comment block,
# kept verbatim.

# A note about the data that is not attached to any statement,
# which must not be lost.
@base <https://w3id.org/claimgraph/id/> .
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix mechanism: <https://w3id.org/claimgraph/vocab/mechanism/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .

<entry/e> a cg:Entry ;
    rdfs:label "E" ;
    cg:claim <entry/e/claim> ;
    cg:declaredSourceCount 04 ;
    cg:section <entry/e/section/2>, <entry/e/section/10> ;
    cg:x "x"^^<http://example.org/dt> .

# About the claim.
<entry/e/claim> a cg:Claim ;
    schema:text "A claim." .

<entry/e-other> a cg:Entry .

<person/zed> a schema:Person ;
    rdfs:label "Zed" ;
    schema:name "Zed" .

mechanism:m cg:y \"\"\"multi
line \\"quoted\\\"\"\"\" .
"""


def test_canonical_layout(tmp_path):
    path = write(tmp_path, LAYOUT_IN)
    before = triples(path)
    [result] = format_paths([path])
    assert result.changed and result.moved_comments == 2 and result.dropped_comments == 1
    text = path.read_text()
    assert same_graph(before, triples(path))
    assert "# the entry's category comes later" in text  # a comment inside a statement stays with its subject
    assert text.replace("# the entry's category comes later\n", "") == LAYOUT_OUT


def test_lexical_forms_are_kept(tmp_path):
    path = write(tmp_path, '<http://a/x> <http://a/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer>, '
                           '"1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>, "TRUE"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n')
    format_paths([path])
    text = path.read_text()
    assert "01" in text and "1.50" in text and '"TRUE"^^xsd:boolean' in text
    values = {t.object.value for t in triples(path)}
    assert values == {"01", "1.50", "TRUE"}


def test_blank_nodes_nested_lists_and_shared(tmp_path):
    path = write(tmp_path, """@prefix sh: <http://www.w3.org/ns/shacl#> .
<http://a/S> sh:property [ sh:path <http://a/p> ; sh:in ( "a" "b" [ sh:x 1 ] ) ], [ sh:path <http://a/q> ] ;
    sh:shared _:s ; sh:also _:s .
_:s sh:v 1 .
_:c sh:next _:d . _:d sh:next _:c .
[] sh:anon true .
""")
    before = triples(path)
    format_paths([path])
    text = path.read_text()
    assert same_graph(before, triples(path))
    assert '( "a" "b" [ sh:x 1 ] )' in text and "sh:property [ sh:path <http://a/p>" in text
    assert "_:c14n" in text  # shared and cyclic blank nodes get canonical labels
    assert not any(r.changed for r in format_paths([path]))


def test_file_without_base_uses_prefixes_and_full_iris(tmp_path):
    path = write(tmp_path, "<https://w3id.org/claimgraph/id/entry/x> <http://www.w3.org/2000/01/rdf-schema#label> \"X\" ;\n"
                           "  <https://w3id.org/claimgraph/ontology#claim> <https://w3id.org/claimgraph/id/entry/x/claim> .\n")
    format_paths([path])
    assert path.read_text() == ("@prefix cg: <https://w3id.org/claimgraph/ontology#> .\n"
                                "@prefix entry: <https://w3id.org/claimgraph/id/entry/> .\n"
                                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
                                "entry:x rdfs:label \"X\" ;\n"
                                "    cg:claim <https://w3id.org/claimgraph/id/entry/x/claim> .\n")
