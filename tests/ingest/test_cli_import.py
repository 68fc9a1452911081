"""`claimgraph import page`: files written for review, never over existing entries unless
--force, nothing at all written when a page is malformed (exit 2)."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest

from claimgraph.cli import main
from claimgraph.model.load import load_graph

from .conftest import PAGES, REAL_PAGE


def run(root, *args: str) -> int:
    return main(["--root", str(root), *args])


def test_imports_pages_into_out_and_reports_notes(root, tmp_path, capsys):
    out = tmp_path / "entries"
    pages = [PAGES / "entry-lab-two-counterarguments.txt", PAGES / "entry-incident.txt"]
    assert run(root, "import", "page", *map(str, pages), "--out", str(out)) == 0
    assert sorted(p.name for p in out.iterdir()) == ["incident.ttl", "lab-two-counterarguments.ttl"]
    captured = capsys.readouterr()
    assert f"wrote {out / 'incident.ttl'}" in captured.out
    assert f"{pages[0]}:34: note: created person 'Dana Fixture'" in captured.err
    text = (out / "lab-two-counterarguments.ttl").read_text()
    assert text.startswith("# Entry imported from entry-lab-two-counterarguments.txt")
    assert "#   34: created person 'Dana Fixture'" in text
    graph = load_graph([out / "lab-two-counterarguments.ttl"])  # parses with Oxigraph
    assert len(graph) > 50


def test_imported_files_are_already_formatted(root, tmp_path):
    out = tmp_path / "entries"
    assert run(root, "import", "page", str(PAGES / "entry-approaching-repeated-sections.txt"), "--out", str(out)) == 0
    assert run(root, "fmt", "--check", str(out)) == 0


def test_never_overwrites_without_force(root, tmp_path, capsys):
    out = tmp_path / "entries"
    page = PAGES / "entry-landscape.txt"
    assert run(root, "import", "page", str(page), "--out", str(out)) == 0
    target = out / "landscape.ttl"
    target.write_text("# edited by a reviewer\n")
    assert run(root, "import", "page", str(page), "--out", str(out)) == 2
    assert "exists; not overwritten (use --force" in capsys.readouterr().err
    assert target.read_text() == "# edited by a reviewer\n"
    assert run(root, "import", "page", str(page), "--out", str(out), "--force") == 0
    assert target.read_text().startswith("# Entry imported from entry-landscape.txt")


@pytest.mark.skipif(not REAL_PAGE.parent.parent.is_dir(), reason="../shared is absent")
def test_refuses_an_entry_that_exists_in_data(root, tmp_path, capsys):
    out = tmp_path / "entries"
    assert run(root, "import", "page", str(REAL_PAGE), "--out", str(out)) == 2
    assert "entry 'unintended-subgoals' already exists in data/" in capsys.readouterr().err
    assert not out.exists()
    assert run(root, "import", "page", str(REAL_PAGE), "--out", str(out), "--force") == 0
    assert (out / "unintended-subgoals.ttl").is_file()


@pytest.mark.parametrize("name, line", [
    ("no-title.txt", 4), ("unknown-status.txt", 6), ("counterargument-without-source.txt", 14),
    ("no-entry-type.txt", 2)])
def test_malformed_page_writes_nothing_exit_2(root, tmp_path, capsys, name, line):
    out = tmp_path / "entries"
    good = PAGES / "entry-incident.txt"
    bad = PAGES / "malformed" / name
    assert run(root, "import", "page", str(good), str(bad), "--out", str(out)) == 2
    assert f"{bad}:{line}:" in capsys.readouterr().err
    assert not out.exists()  # not even the good page


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\xff\xfe binary", b"\n\n   \n"])
def test_empty_or_binary_file_exit_2(root, tmp_path, capsys, data):
    page = tmp_path / "entry-junk.txt"
    page.write_bytes(data)
    out = tmp_path / "entries"
    assert run(root, "import", "page", str(page), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert f"{page}:1:" in err and ("empty page" in err or "not a text page" in err)
    assert not out.exists()


def test_missing_file_exit_2(root, tmp_path, capsys):
    assert run(root, "import", "page", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")) == 2
    assert "no such page file" in capsys.readouterr().err


def test_entry_id_comes_from_the_file_name(root, tmp_path):
    page = tmp_path / "My Page.txt"
    shutil.copy(PAGES / "entry-incident.txt", page)
    out = tmp_path / "entries"
    assert run(root, "import", "page", str(page), "--out", str(out)) == 0
    text = (out / "my-page.ttl").read_text()
    assert "<entry/my-page> a cg:Entry" in text
    triples = list(ox.parse(text.encode(), ox.RdfFormat.TURTLE))
    assert any(t.subject.value.endswith("/entry/my-page") for t in triples)
