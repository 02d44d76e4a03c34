"""Honest components: each says what it reads and writes, and the pipeline's order meets every need."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from spacy.tokens import Doc

from pipeline.article import Article
from pipeline.document import DEFAULT_COMPONENTS, OPTIONAL_COMPONENTS, build_nlp, process

EXTRACTORS = Path(__file__).resolve().parents[1] / "extractors"


@pytest.mark.parametrize("components", [DEFAULT_COMPONENTS, DEFAULT_COMPONENTS + OPTIONAL_COMPONENTS],
                         ids=["default", "with_ner"])
def test_components_analyze_pipes_reports_no_problem(components):
    nlp = build_nlp(components)
    analysis = nlp.analyze_pipes(pretty=False)
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}


def test_components_each_declares_requires_and_assigns():
    nlp = build_nlp(DEFAULT_COMPONENTS + OPTIONAL_COMPONENTS)
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns, f"{name} assigns nothing"
        if name != "vnie_document":  # the first component only states the Doc's inputs
            assert meta.requires, f"{name} requires nothing"
        for attr in [*meta.requires, *meta.assigns]:
            if attr.startswith("doc._."):
                assert Doc.has_extension(attr[len("doc._."):]), f"{name}: {attr} is not a declared extension"


def test_components_a_missing_requirement_is_reported():
    """The check can fail: counts without the dates and events it reads."""
    nlp = build_nlp(["vnie_counts"])
    assert nlp.analyze_pipes(pretty=False)["problems"]["vnie_counts"] == ["doc._.date_mentions", "doc._.events"]


def test_components_date_mentions_are_a_declared_attribute(nlp):
    text = "Ngày 3/4/2024, Công an tỉnh tổ chức Hội nghị. Đến ngày 3/4/2024, đoàn đã về đến nơi."
    doc = process(nlp, Article(source="t.txt", text=text, published="2024-04-05"))
    assert [(d.value, d.start) for d in doc._.date_mentions] == [("2024-04-03", 5), ("2024-04-03", 55)]
    assert [d.value for d in doc._.dates] == ["2024-04-03"]
    assert not any(isinstance(k, str) and k.endswith("_mentions") for k in doc.user_data)


def test_components_extractors_never_import_the_pipeline_layers_above_them():
    """Tables, runs and the CLI import extractors; extractors import only ``pipeline.textnorm``
    and ``pipeline.settings`` (leaf modules), never tables, documents or runs."""
    allowed = {"pipeline.textnorm", "pipeline.settings"}
    for path in sorted(EXTRACTORS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
                assert node.module in allowed, f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert not alias.name.startswith("pipeline") or alias.name in allowed, path.name


def test_components_no_user_data_side_channels_in_extractors():
    """Components talk through declared Doc extensions; ``user_data`` holds only base.py's caches."""
    for path in sorted(EXTRACTORS.glob("*.py")):
        if path.name == "base.py":
            continue
        assert "user_data" not in path.read_text(encoding="utf-8"), path.name
