"""Counts rules of the language behind set J's failures (tests/gold_j/FAILURES.md 12), on sentences of our own."""

from __future__ import annotations


def counts_of(doc_of, text):
    return [(c.value, c.unit, c.category, c.kind) for c in doc_of(text, "2024-05-05")._.counts]


# 12: a verb after the counted noun ends its unit ("3 xe máy dựng trước nhà": the motorbikes, standing)
def test_counts_a_verb_after_the_noun_ends_the_unit(doc_of):
    text = "Đối tượng lấy trộm 4 xe máy dựng trước cổng chợ."
    assert counts_of(doc_of, text) == [(4.0, "xe máy", "vehicles", "total")]


def test_counts_a_qualifier_after_the_noun_stays_in_the_unit(doc_of):
    text = "Đối tượng lấy trộm 4 xe máy điện trước cổng chợ."
    assert counts_of(doc_of, text) == [(4.0, "xe máy điện", "vehicles", "total")]
