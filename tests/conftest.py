"""Shared fixtures: the pipeline is built once per session (underthesea loads once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.article import Article
from pipeline.document import build_nlp, process

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The full default pipeline."""
    return build_nlp()


@pytest.fixture(scope="session")
def doc_of(nlp):
    """doc_of(text, published=None) -> the processed Doc of a one-off article."""

    def make(text: str, published: str | None = None):
        return process(nlp, Article(source="test.txt", text=text, published=published))

    return make


@pytest.fixture()
def pinned_version(monkeypatch):
    """Driver and worker processes agree on the pipeline version even if a file changes while a test runs."""
    from pipeline.batch.version import pipeline_version

    monkeypatch.setenv("VNIE_PIPELINE_VERSION", "engine-test")
    pipeline_version.cache_clear()
    yield
    monkeypatch.delenv("VNIE_PIPELINE_VERSION")
    pipeline_version.cache_clear()
