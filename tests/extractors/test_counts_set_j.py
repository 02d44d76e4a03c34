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


# 12: a measure's goods keep the words that say which ("kg nội tạng động vật đông lạnh", "kg thịt đông lạnh")
def test_counts_frozen_animal_goods_keep_their_kind(doc_of):
    text = "Lực lượng chức năng thu giữ 1.200 kg nội tạng động vật đông lạnh và 500 kg thịt đông lạnh."
    assert counts_of(doc_of, text) == [(1200.0, "kg nội tạng động vật đông lạnh", "quantity", "total"),
                                       (500.0, "kg thịt đông lạnh", "quantity", "total")]


def test_counts_the_goods_end_before_a_verb(doc_of):
    text = "Lực lượng chức năng thu giữ 1.200 kg nội tạng động vật bốc mùi hôi thối."
    assert counts_of(doc_of, text)[0][:2] == (1200.0, "kg nội tạng động vật")
