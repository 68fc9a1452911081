"""Splitting the run-together tag line."""

from __future__ import annotations

from claimgraph.ingest.tags import split_tags

KNOWN = {"instrumental-convergence", "specification-gaming", "ROME", "autonomy", "reward-hacking"}


def test_real_tag_line_splits_into_known_tags():
    split = split_tags("instrumental-convergencespecification-gamingROMEautonomy", KNOWN, set())
    assert split.tags == ["instrumental-convergence", "specification-gaming", "ROME", "autonomy"]
    assert split.unknown == [] and split.guessed == []


def test_case_insensitive_match_keeps_the_page_spelling():
    assert split_tags("Reward-HackingRome", KNOWN, set()).tags == ["Reward-Hacking", "Rome"]


def test_words_build_new_tags_and_are_reported_as_guesses():
    split = split_tags("reward-hackinggoal-guarding", KNOWN, {"goal", "guarding"})
    assert split.tags == ["reward-hacking", "goal-guarding"] and split.guessed == ["goal-guarding"]


def test_unsplittable_rest_is_kept_and_reported():
    split = split_tags("autonomyxqzzyROME", KNOWN, set())
    assert split.tags == ["autonomy", "xqzzy", "ROME"] and split.unknown == ["xqzzy"]


def test_spaces_separate_tags_and_known_chunks_are_kept_whole():
    split = split_tags("ROME  autonomy reward-hacking", KNOWN, set())
    assert split.tags == ["ROME", "autonomy", "reward-hacking"]


def test_never_splits_next_to_a_hyphen():
    split = split_tags("specification-gaming-extra", KNOWN, set())
    assert split.tags == ["specification-gaming-extra"] and split.unknown == ["specification-gaming-extra"]


def test_very_long_runs_are_reported_not_segmented():
    run = "autonomy" * 100
    split = split_tags(run, KNOWN, set())
    assert split.tags == [run] and split.unknown == [run]
