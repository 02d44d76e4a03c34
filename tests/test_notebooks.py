"""Every notebook in notebooks/ runs clean against tables made from the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.batch.ingest import ingest
from pipeline.readers import read_inputs
from tests.conftest import CORPUS, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def corpus_tables(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nb_tables")
    ingest(read_inputs([CORPUS]), out, kind="run")
    return out


def test_notebooks_exist():
    assert NOTEBOOKS, "notebooks/ should hold at least one analysis notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    stale = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not stale, f"{path.name}: clear the outputs of cells {stale} before committing"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_run_on_corpus_tables(path, corpus_tables, monkeypatch, tmp_path):
    monkeypatch.setenv("VNIE_OUTPUTS", str(corpus_tables))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) >= 4, "each analysis section draws a chart"
    assert any(str(corpus_tables) in "".join(o.get("text", "")) for o in outputs), "reads VNIE_OUTPUTS"
    shown = "".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "81500.0" in shown, "counts are summed by value (81.500 người in one article), not by mention"
    assert "Thượng tướng" in shown and "review/articles/" in shown, "a person's trail links to the review pages"
