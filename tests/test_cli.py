"""The vnie command end to end on the bundled corpus, bad inputs and reruns."""

from __future__ import annotations

import hashlib

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.schemas import SCHEMAS
from tests.conftest import CORPUS

EXTRACTED = ("officials", "mentions", "events", "counts", "dates")


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus_out")
    result = CliRunner().invoke(cli, ["extract", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_extract_writes_every_table_with_its_schema(corpus_out):
    for name, schema in SCHEMAS.items():
        table = pq.read_table(corpus_out / f"{name}.parquet")
        assert table.schema.remove_metadata() == schema.remove_metadata(), name
    articles = pd.read_parquet(corpus_out / "articles.parquet")
    assert sorted(articles["source"].map(lambda s: s.rsplit("/", 1)[-1])) == [
        "000_0bf472c54a2565c7.txt", "001_a9151fd1b7193db9.txt", "003_0f60e8da727919d9.txt"]
    assert articles["article_id"].is_unique


def test_extract_rows_slice_back_to_their_evidence(corpus_out):
    texts = pd.read_parquet(corpus_out / "articles.parquet").set_index("article_id")["text"]
    total = 0
    for name in EXTRACTED:
        df = pd.read_parquet(corpus_out / f"{name}.parquet")
        for row in df.itertuples():
            text = texts[row.article_id]
            assert 0 <= row.start < row.end <= len(text), (name, row)
            assert text[row.start:row.end].strip(), (name, row)
            assert row.evidence and text[row.start:row.end] in text
            if name in ("mentions", "dates", "counts"):
                assert text[row.start:row.end] == row.text, (name, row)
            sentence_text = row.evidence
            assert sentence_text in text
            lo = text.index(sentence_text)
            assert lo <= row.start, (name, row)
            total += 1
    assert total > 0


def test_extract_reruns_give_identical_tables(corpus_out, tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(CORPUS), "--out", str(tmp_path)])
    assert result.exit_code == 0
    for name in SCHEMAS:
        first = pq.read_table(corpus_out / f"{name}.parquet")
        second = pq.read_table(tmp_path / f"{name}.parquet")
        assert first.equals(second), name


def test_extract_reports_bad_files_and_keeps_the_rest(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("Đại tá Nguyễn Văn An dự lễ ra quân ngày 12/3/2024.", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    (src / "blob.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (src / "readme.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{src / 'broken.jsonl'}:1: not JSON" in result.output
    assert f"{src / 'empty.txt'}: empty file" in result.output
    assert f"{src / 'blob.txt'}: binary data" in result.output
    assert "readme.md" not in result.output
    assert "1 articles processed, 3 inputs skipped" in result.output
    assert len(pd.read_parquet(out / "articles.parquet")) == 1


def test_extract_strict_fails_on_any_skip(tmp_path):
    (tmp_path / "ok.txt").write_text("Công an xã Tân Lập ra mắt mô hình tự quản.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--out", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 1


def test_extract_fails_when_nothing_was_processed(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and not (tmp_path / "o" / "articles.parquet").exists()


def test_eval_prints_scores_per_table(corpus_out):
    result = CliRunner().invoke(cli, ["eval", str(CORPUS), "--out", str(corpus_out)])
    assert result.exit_code == 0
    for name in ("officials", "titles", "events", "counts", "dates"):
        assert any(line.startswith(name) for line in result.output.splitlines()), name
    assert "articles scored: 3" in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output, name
