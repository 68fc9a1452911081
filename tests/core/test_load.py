"""Bad input: syntax errors name file, line and column; missing files are named; exit code 2."""

from __future__ import annotations

import pytest

from claimgraph.cli import main
from claimgraph.errors import MissingFileError, RDFSyntaxError
from claimgraph.model.load import load_graph


def test_turtle_syntax_error_names_file_line_and_column(fixtures):
    path = fixtures / "core" / "bad-syntax.ttl"
    with pytest.raises(RDFSyntaxError) as info:
        load_graph([path])
    err = info.value
    assert err.path == str(path)
    assert err.line == 5
    assert err.column is not None
    assert str(err).startswith(f"{path}:5:")


@pytest.mark.parametrize("text,line", [
    ("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", 3),
    ("@prefix ex: <http://example.org/> .\n\n\nex:a ex:b undeclared:c .\n", 4),
    ("<http://a> <http://b> \"x\"^^<http://d> \n", 2),  # the missing dot is noticed at end of input
])
def test_syntax_error_line_numbers(tmp_path, text, line):
    path = tmp_path / "broken.ttl"
    path.write_text(text)
    with pytest.raises(RDFSyntaxError) as info:
        load_graph([path])
    assert info.value.line == line


def test_missing_file_is_named(tmp_path):
    missing = tmp_path / "nope.ttl"
    with pytest.raises(MissingFileError) as info:
        load_graph([missing])
    assert str(missing) in str(info.value)


def test_cli_reports_syntax_error_and_exits_2(fixtures, root, capsys):
    path = fixtures / "core" / "bad-syntax.ttl"
    code = main(["--root", str(root), "validate", str(path)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"{path}:5:" in err and "syntax error" in err


def test_cli_missing_file_exits_2(root, tmp_path, capsys):
    code = main(["--root", str(root), "export", str(tmp_path / "absent.ttl")])
    assert code == 2
    assert "absent.ttl" in capsys.readouterr().err


def test_directory_loads_every_rdf_file(tmp_path):
    (tmp_path / "a.ttl").write_text("<http://ex.org/a> <http://ex.org/p> 1 .\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.nt").write_text("<http://ex.org/b> <http://ex.org/p> \"2\" .\n")
    (sub / "notes.txt").write_text("not rdf")
    assert len(load_graph([tmp_path])) == 2
