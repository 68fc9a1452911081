"""Parsing the source database's entry pages (their text, as a browser copies it) into a
structured ``Page``, every part with the line it came from.

The page format, line by line (blank lines are not significant):

    ← Back to Database                                (optional)
    <Entry type> <Category>                           e.g. "Capability Specification Gaming"
    <Title>
    [<EVIDENCE STATUS>] <Confidence>                  e.g. "DEMONSTRATED (REAL-WORLD) ✓ Verified"
    <Summary>                                         one paragraph
    Verified: 17 March 2026 · Last updated: 17 March 2026
    <paragraphs>                                      the unheaded lead (optional)
    <Heading>                                         a narrative section: a short line without
    <paragraphs>                                        closing punctuation, then its paragraphs
    ...                                               any number, any order, repeats allowed
    Counterarguments                                  (optional)
    The strongest objections to this entry, with sources.   (template line, optional)
    <objection paragraphs>
    Source: <who, alias, affiliation>                 required for each objection
    Response:<text>                                   optional, one paragraph
    ...
    Sources (<n>)
    <tags run together>                               e.g. "instrumental-convergencespecification-gamingROME"

Malformed pages (empty, binary, no entry type, no title, unknown status or confidence, an
objection without a "Source:" line) raise InputError naming the line; anything else the parser
cannot place becomes a ``Note`` with its line, and the import goes on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from ..errors import InputError
from .dates import parse_page_date
from .vocab import PageVocabulary, label_key

BACK_LINK = "← Back to Database"
COUNTER_HEADING = "Counterarguments"
COUNTER_INTRO = "The strongest objections to this entry, with sources."
SOURCE_LABEL = "Source:"
RESPONSE_LABEL = "Response:"
_BACK = re.compile(r"^(?:←\s*)?Back to Database$", re.IGNORECASE)
_COUNTER = re.compile(r"^Counterarguments$", re.IGNORECASE)
_INTRO = re.compile(r"^The strongest objections\b", re.IGNORECASE)
_SOURCES = re.compile(r"^Sources\s*\(\s*(\d+)\s*\)$", re.IGNORECASE)
_SOURCES_BARE = re.compile(r"^Sources$", re.IGNORECASE)
_SOURCE = re.compile(r"^Source:\s*", re.IGNORECASE)
_RESPONSE = re.compile(r"^Response:\s*", re.IGNORECASE)
_DATES = re.compile(r"^(?:Verified|Last updated):", re.IGNORECASE)
_DATE_PART = re.compile(r"^(Verified|Last updated):\s*(.*)$", re.IGNORECASE)
_CLOSERS = "\"'”’»)]"
_STOPS = ".!?;:,…"


@dataclass(frozen=True)
class Located:
    """A piece of page text and the line (1-based) it is on."""

    text: str
    line: int


@dataclass(frozen=True)
class Note:
    """Something the importer could not map, for a person to look at."""

    line: int
    message: str


@dataclass
class SectionBlock:
    """A narrative section; ``title`` is None for the unheaded lead before the first heading."""

    title: Located | None
    paragraphs: list[Located] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.title.line if self.title else self.paragraphs[0].line


@dataclass
class CounterBlock:
    paragraphs: list[Located]
    source: Located | None = None
    response: Located | None = None


@dataclass
class Page:
    path: str
    entry_type: Located
    category: Located | None
    title: Located
    confidence: Located
    status: Located | None = None
    summary: Located | None = None
    verified: tuple[date, int] | None = None
    modified: tuple[date, int] | None = None
    sections: list[SectionBlock] = field(default_factory=list)
    counterarguments: list[CounterBlock] = field(default_factory=list)
    source_count: tuple[int, int] | None = None
    tags: Located | None = None
    notes: list[Note] = field(default_factory=list)

    def words(self) -> set[str]:
        """Words of the page's prose (a dictionary for splitting the run-together tag line)."""
        texts = [self.title.text, self.summary.text if self.summary else ""]
        texts += [p.text for s in self.sections for p in s.paragraphs]
        texts += [s.title.text for s in self.sections if s.title]
        texts += [p.text for c in self.counterarguments for p in c.paragraphs]
        return {w for t in texts for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", t)}


# ---------------------------------------------------------------------------------------------
# Text -> lines
# ---------------------------------------------------------------------------------------------

def decode_page(data: bytes, path: str) -> str:
    """Page bytes -> text; empty or binary input is an InputError naming the line."""
    if not data.strip():
        raise InputError("empty page: there is nothing to import", path=path, line=1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(f"not a text page (invalid UTF-8 byte 0x{data[err.start]:02x}); "
                         "expected the page text saved as UTF-8", path=path, line=line) from None
    return text.removeprefix("\ufeff")


def page_lines(text: str, path: str) -> list[Located]:
    """Non-blank lines, whitespace-normalised (see ``normalise_line``), with their numbers."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[Located] = []
    for number, raw in enumerate(lines, 1):
        bad = next((c for c in raw if unicodedata.category(c) == "Cc" and c != "\t"), None)
        if bad is not None:
            raise InputError(f"not a text page: control character U+{ord(bad):04X}", path=path, line=number)
        line = normalise_line(raw)
        if line:
            out.append(Located(line, number))
    if not out:
        raise InputError("empty page: there is nothing to import", path=path, line=1)
    return out


def normalise_line(line: str) -> str:
    """Whitespace normalisation: trimmed, runs of whitespace as one space, NFC."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", line).strip())


def looks_like_heading(text: str) -> bool:
    """A section heading: short, capitalised, no closing punctuation."""
    if len(text) > 80 or len(text.split()) > 10:
        return False
    if _SOURCE.match(text) or _RESPONSE.match(text) or _SOURCES.match(text):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] not in _STOPS


# ---------------------------------------------------------------------------------------------
# Lines -> Page
# ---------------------------------------------------------------------------------------------

class _Cursor:
    def __init__(self, lines: list[Located], path: str) -> None:
        self.lines, self.i, self.path = lines, 0, path

    def peek(self) -> Located | None:
        return self.lines[self.i] if self.i < len(self.lines) else None

    def take(self) -> Located:
        line = self.lines[self.i]
        self.i += 1
        return line

    def end_line(self) -> int:
        return self.lines[-1].line if self.lines else 1

    def error(self, message: str, line: int | None = None) -> InputError:
        return InputError(message, path=self.path, line=line if line is not None else self.end_line())


def parse_page(text: str, vocabulary: PageVocabulary, path: str = "<page>") -> Page:
    """Parse page text; raises InputError (with path and line) when the page is malformed."""
    cur = _Cursor(page_lines(text, path), path)
    if cur.peek() and _BACK.match(cur.peek().text):
        cur.take()
    entry_type, category = _type_line(cur, vocabulary)
    title = _title(cur, vocabulary)
    status, confidence = _status_line(cur, vocabulary, title)
    page = Page(path, entry_type, category, title, confidence, status)
    if category is None:
        page.notes.append(Note(entry_type.line, "no category after the entry type"))
    _summary_and_dates(cur, page)
    _body(cur, page)
    return page


def _type_line(cur: _Cursor, vocabulary: PageVocabulary) -> tuple[Located, Located | None]:
    line = cur.peek()
    if line is None:
        raise cur.error("no entry type: the page ends after the back link")
    for label in vocabulary.entry_types.ordered_labels():
        if line.text.casefold() == label.casefold() or line.text.casefold().startswith(label.casefold() + " "):
            cur.take()
            rest = line.text[len(label):].strip()
            return Located(line.text[:len(label)], line.line), Located(rest, line.line) if rest else None
    expected = ", ".join(vocabulary.entry_types.ordered_labels())
    raise cur.error(f"expected the entry type and category (e.g. 'Capability Specification Gaming'); "
                    f"the type must be one of {expected}, found {line.text[:60]!r}", line.line)


def _title(cur: _Cursor, vocabulary: PageVocabulary) -> Located:
    line = cur.peek()
    if line is None:
        raise cur.error("no title: the page ends after the entry type")
    if (_split_status(line.text, vocabulary) is not None or _DATES.match(line.text)
            or _COUNTER.match(line.text) or _SOURCES.match(line.text)):
        raise cur.error(f"no title: expected the entry's title before {line.text[:60]!r}", line.line)
    return cur.take()


def _split_status(text: str, vocabulary: PageVocabulary) -> tuple[str | None, str] | None:
    """'DEMONSTRATED (LAB) ✓ Verified' -> ('DEMONSTRATED (LAB)', '✓ Verified'); None if the line
    does not end with a known confidence level."""
    for label in vocabulary.confidences.ordered_labels():
        m = re.search(r"(?:^|\s)([^\w\s(]*\s*" + re.escape(label) + r")$", text, re.IGNORECASE)
        if m:
            return text[:m.start(1)].strip() or None, m.group(1).strip()
    return None


def _status_line(cur: _Cursor, vocabulary: PageVocabulary, title: Located) -> tuple[Located | None, Located]:
    line = cur.peek()
    if line is None:
        raise cur.error("no confidence level: the page ends after the title", title.line)
    split = _split_status(line.text, vocabulary)
    statuses = ", ".join(s.upper() for s in vocabulary.statuses.ordered_labels())
    if split is None:
        status = next((s for s in vocabulary.statuses.ordered_labels()
                       if label_key(line.text).startswith(label_key(s))), None)
        if status is not None:
            rest = line.text[len(status):].strip() or "(nothing)"
            raise cur.error(f"unknown confidence level {rest!r}; expected one of "
                            f"{', '.join(vocabulary.confidences.ordered_labels())}", line.line)
        raise cur.error(f"unknown evidence status or confidence {line.text[:60]!r}: expected a line like "
                        f"'DEMONSTRATED (LAB) ✓ Verified' (statuses: {statuses}; Capability entries only)",
                        line.line)
    status_text, confidence_text = split
    if status_text is not None and vocabulary.statuses.lookup(status_text) is None:
        raise cur.error(f"unknown evidence status {status_text!r}; expected one of {statuses}", line.line)
    cur.take()
    status = Located(status_text, line.line) if status_text else None
    return status, Located(confidence_text, line.line)


def _summary_and_dates(cur: _Cursor, page: Page) -> None:
    line = cur.peek()
    if line is not None and not (_DATES.match(line.text) or _COUNTER.match(line.text) or _SOURCES.match(line.text)):
        page.summary = cur.take()
    else:
        page.notes.append(Note(line.line if line else cur.end_line(), "no summary after the status line"))
    line = cur.peek()
    if line is None or not _DATES.match(line.text):
        where = line.line if line else cur.end_line()
        page.notes.append(Note(where, "no 'Verified: … · Last updated: …' line after the summary"))
        return
    cur.take()
    for part in re.split(r"\s*[·|]\s*", line.text):
        m = _DATE_PART.match(part)
        parsed = parse_page_date(m.group(2)) if m else None
        if m is None or parsed is None:
            page.notes.append(Note(line.line, f"cannot read the date {part!r} (expected e.g. 'Verified: 17 March 2026')"))
        elif m.group(1).casefold() == "verified":
            page.verified = (parsed, line.line)
        else:
            page.modified = (parsed, line.line)


def _body(cur: _Cursor, page: Page) -> None:
    seen_titles: dict[str, int] = {}
    counter_heading: int | None = None
    while (line := cur.peek()) is not None:
        if _COUNTER.match(line.text):
            counter_heading = cur.take().line
            _counterarguments(cur, page)
            if not page.counterarguments:
                page.notes.append(Note(counter_heading, "a 'Counterarguments' heading with no counterarguments"))
            continue
        if _SOURCES.match(line.text) or _SOURCES_BARE.match(line.text):
            _footer(cur, page)
            break
        cur.take()
        if looks_like_heading(line.text):
            if line.text in seen_titles:
                page.notes.append(Note(line.line, f"section {line.text!r} repeats the heading on line "
                                                  f"{seen_titles[line.text]}; kept as a separate section"))
            seen_titles.setdefault(line.text, line.line)
            page.sections.append(SectionBlock(line))
        elif page.sections:
            page.sections[-1].paragraphs.append(line)
        else:
            page.sections.append(SectionBlock(None, [line]))
    for section in page.sections:
        if not section.paragraphs:
            page.notes.append(Note(section.line, f"section {section.title.text!r} has no text"))


def _counterarguments(cur: _Cursor, page: Page) -> None:
    if cur.peek() is not None and _INTRO.match(cur.peek().text):
        cur.take()
    current: CounterBlock | None = None

    def close(block: CounterBlock | None) -> None:
        if block is not None and block.source is None:
            raise cur.error("counterargument without a 'Source:' line: every objection needs its source "
                            "(who raised it) on a line starting 'Source:'", block.paragraphs[0].line)

    while (line := cur.peek()) is not None:
        if _SOURCES.match(line.text) or _SOURCES_BARE.match(line.text) or _COUNTER.match(line.text):
            break
        cur.take()
        if _SOURCE.match(line.text):
            statement = _SOURCE.sub("", line.text, count=1)
            if current is None or current.source is not None:
                raise cur.error("a 'Source:' line with no objection before it", line.line)
            if not statement:
                raise cur.error("an empty 'Source:' line: name who raised the objection", line.line)
            current.source = Located(statement, line.line)
        elif _RESPONSE.match(line.text):
            text = _RESPONSE.sub("", line.text, count=1)
            if current is None:
                raise cur.error("a 'Response:' line with no counterargument before it", line.line)
            close(current)
            if current.response is not None:
                raise cur.error(f"a second 'Response:' to the counterargument on line "
                                f"{current.paragraphs[0].line}", line.line)
            if not text:
                raise cur.error("an empty 'Response:' line", line.line)
            current.response = Located(text, line.line)
        elif current is None or current.source is not None:
            current = CounterBlock([line])
            page.counterarguments.append(current)
        else:
            current.paragraphs.append(line)
    close(current)


def _footer(cur: _Cursor, page: Page) -> None:
    heading = cur.take()
    m = _SOURCES.match(heading.text)
    if m:
        page.source_count = (int(m.group(1)), heading.line)
    else:
        page.notes.append(Note(heading.line, "'Sources' without a count: expected 'Sources (n)'"))
    rest = cur.lines[cur.i:]
    cur.i = len(cur.lines)
    if not rest:
        page.notes.append(Note(heading.line, "no tags line after 'Sources (n)'"))
        return
    for line in rest[:-1]:
        page.notes.append(Note(line.line, f"not mapped (after 'Sources (n)', only the tags line is read): {line.text[:80]!r}"))
    page.tags = rest[-1]
