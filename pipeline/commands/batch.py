"""`vnie run`: the batch entry point for people and cron."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli import cli, report_skipped

BUNDLED_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default=Path("outputs"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the tables.")
def run(inputs: tuple[Path, ...], out_dir: Path) -> None:
    """Process INPUTS (default: the bundled corpus) into the tables under OUT.

    \b
    Example:
        vnie run corpus/ --out outputs/
    """
    from pipeline.run import run_extract

    report = run_extract(inputs or (BUNDLED_CORPUS,), out_dir, on_skip=report_skipped)
    click.echo(report.summary())
    if report.processed == 0:
        sys.exit(1)
