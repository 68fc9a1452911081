"""Splitting the tag line. Browsers copy the tag chips of a page with nothing between them
("instrumental-convergencespecification-gamingROMEautonomy"), so the line is segmented against
what we know: tags already used in data/, mechanism and category notations and labels, names of AI
systems and organisations, and the words of the page itself. Whatever cannot be covered is kept
as one tag and reported, never silently dropped or guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MAX_DP = 200  # longer runs are not segmented (quadratic work); they are reported instead


@dataclass
class TagSplit:
    tags: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)


def split_tags(line: str, known: set[str], words: set[str]) -> TagSplit:
    """Split a tag line. ``known``: whole tags (matched case-insensitively); ``words``: single
    words a tag may be made of (hyphen-joined). The result keeps the page's spelling."""
    known_keys = {k.casefold() for k in known if k}
    word_keys = {w.casefold() for w in words if len(w) >= 3}
    result = TagSplit()
    for chunk in line.split():
        if chunk.casefold() in known_keys:
            result.tags.append(chunk)
            continue
        for text, kind in _segment(chunk, known_keys, word_keys):
            if text not in result.tags:
                result.tags.append(text)
            if kind == "unknown":
                result.unknown.append(text)
            elif kind == "word":
                result.guessed.append(text)
    return result


def _segment(chunk: str, known: set[str], words: set[str]) -> list[tuple[str, str]]:
    """Best segmentation: fewest uncovered characters, then fewest word-built tags, then fewest
    tags. Boundaries never touch a hyphen (hyphens are inside tags)."""
    n = len(chunk)
    if n > _MAX_DP:
        return [(chunk, "unknown")]
    cuts = [i for i in range(n + 1) if i in (0, n) or (chunk[i - 1] != "-" and chunk[i] != "-")]
    best: dict[int, tuple[tuple[int, int, int], list[tuple[str, str]]]] = {0: ((0, 0, 0), [])}
    for j in cuts[1:]:
        candidates = []
        for i in cuts:
            if i >= j or i not in best:
                continue
            piece = chunk[i:j]
            kind = _kind(piece, known, words)
            (unknown, guessed, count), parts = best[i]
            if kind == "unknown" and parts and parts[-1][1] == "unknown":
                merged = parts[:-1] + [(parts[-1][0] + piece, "unknown")]
                candidates.append(((unknown + len(piece), guessed, count), merged))
                continue
            cost = (unknown + (len(piece) if kind == "unknown" else 0), guessed + (kind == "word"), count + 1)
            candidates.append((cost, parts + [(piece, kind)]))
        best[j] = min(candidates, key=lambda c: (c[0], [p for p, _ in c[1]]))
    return best[n][1]


def _kind(piece: str, known: set[str], words: set[str]) -> str:
    key = piece.casefold()
    if key in known:
        return "known"
    parts = key.split("-")
    if all(p in words for p in parts):
        return "word"
    return "unknown"


def tag_vocabulary(*texts: str) -> set[str]:
    """Known-tag candidates from labels: each label as given, slugified, and hyphen-joined."""
    out: set[str] = set()
    for text in texts:
        text = text.strip()
        if not text:
            continue
        out.add(text)
        out.add(re.sub(r"[^\w]+", "-", text).strip("-"))
    return out
