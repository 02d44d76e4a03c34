"""Budgets per input: an extraction past its seconds is skipped with a message naming it; the run goes on."""

from __future__ import annotations

import time

from pipeline import run as orchestration
from pipeline.article import Article
from pipeline.budget import OverBudget, time_limit
from pipeline.run import Report, extract_articles
from pipeline.settings import document_options

SLOW = "Ngày 3/5, Công an xã tổ chức tuần tra ban đêm với 20 đoàn viên thanh niên tham gia."
GOOD = "Sáng 4/5, Đại tá Nguyễn Văn Hùng, Giám đốc Công an tỉnh dự lễ ra quân với 300 cán bộ, chiến sĩ."


def test_budget_time_limit_raises_in_the_block_and_disarms_after():
    started = time.monotonic()
    try:
        with time_limit(0.1, "waiting", "test.seconds"):
            time.sleep(3)
        raise AssertionError("no OverBudget")
    except OverBudget as exc:
        assert str(exc) == "waiting took longer than 0.1 s (test.seconds)"
    assert time.monotonic() - started < 1.5
    with time_limit(0.1, "waiting", "test.seconds"):
        pass
    time.sleep(0.2)  # disarmed: nothing fires after the block


def test_budget_extraction_past_its_seconds_is_skipped_and_the_others_kept(monkeypatch):
    real = orchestration.process

    def slow_on_one(nlp, article, segmentation=None):
        if article.source == "cham.txt":
            time.sleep(10)
        return real(nlp, article, segmentation)

    monkeypatch.setattr(orchestration, "process", slow_on_one)
    monkeypatch.setattr(orchestration, "document_options",
                        lambda: document_options().__class__(timezone="Asia/Ho_Chi_Minh", extract_seconds=1.0))
    skipped = []
    report = Report()
    started = time.monotonic()
    tables = extract_articles([Article(source="cham.txt", text=SLOW), Article(source="tot.txt", text=GOOD)],
                              report, on_skip=skipped.append)
    assert time.monotonic() - started < 8
    assert [(e.source, e.cause) for e in skipped] == [
        ("cham.txt", "extraction took longer than 1 s (document.extract_seconds)")]
    assert [a["source"] for a in tables["articles"]] == ["tot.txt"]
    assert report.processed == 1
