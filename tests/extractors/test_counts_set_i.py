"""Counts rules of the language behind set I's failures (tests/gold_i/FAILURES.md 17-18), on sentences of our own."""

from __future__ import annotations

import pytest


def counts_of(doc_of, text):
    return [(c.value, c.unit, c.category, c.kind) for c in doc_of(text, "2024-05-05")._.counts]


# 17: an amount after the recipient of "trao tặng" is money, even when the recipient's name ends in an identifier word
@pytest.mark.parametrize("recipient", ["Ban chuyên án", "Tổ công tác"])
def test_counts_an_amount_after_the_recipient_is_money(doc_of, recipient):
    text = f"Dịp này, UBND xã Tân Lập trao tặng {recipient} 20 triệu đồng."
    assert counts_of(doc_of, text) == [(20000000.0, "đồng", "money", "total")]


def test_counts_the_number_of_a_named_case_is_still_no_count(doc_of):
    assert counts_of(doc_of, "Chuyên án 825 được xác lập từ tháng 3.") == []
    assert counts_of(doc_of, "Lực lượng phá Chuyên án 312 thu giữ 5 kg ma túy.") == [(5.0, "kg ma túy", "quantity", "total")]
