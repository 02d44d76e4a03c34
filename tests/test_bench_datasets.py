"""The datasets benchmark's archive figures: the batch it commits in and what it reports (no timing asserted)."""

from __future__ import annotations

from pipeline.bench_datasets import archive_figures


def test_archive_figures_commit_in_the_given_batches_and_compact_each_partition():
    f = archive_figures(24, batch_size=10)
    assert (f["articles"], f["batch_size"], f["commits"], f["max_files_per_month"]) == (24, 10, 3, 1)
    assert 0 < f["commit_cpu_s"] < f["run_cpu_s"] and f["commit_share"] == f["commit_cpu_s"] / f["run_cpu_s"]


def test_archive_figures_default_to_the_runs_batch_size():
    from pipeline.batch.ingest import DEFAULT_BATCH_SIZE

    f = archive_figures(3)
    assert (f["batch_size"], f["commits"]) == (DEFAULT_BATCH_SIZE, 1)
