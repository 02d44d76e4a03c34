"""The ``vnie`` command: thin wrappers over the library, each --help ending with an example."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.article import InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vnie")
@click.option("-v", "--verbose", is_flag=True, help="Log debug lines to stderr.")
def cli(verbose: bool) -> None:
    """vnie: Vietnamese police and provincial news to Parquet tables."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def unwritable(out_dir: Path, exc: OSError) -> str:
    """One line for an output folder that cannot be written (read-only, full, no permission)."""
    return f"cannot write to {out_dir}: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")


def report_skipped(error: InputError) -> None:
    click.echo(f"skipped {error}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the Parquet tables (created if missing).")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped.")
def extract(inputs: tuple[Path, ...], out_dir: Path, strict: bool) -> None:
    """Extract officials, events, counts and dates from articles.

    INPUTS are .txt, .html/.htm or .jsonl files, or folders searched
    recursively (other files in them are ignored). Every table is written as
    OUT/<table>.parquet. A bad input is reported with its path and skipped.
    Exit 0 when at least one article was processed (with --strict: and none
    skipped), 1 otherwise.

    \b
    Example:
        vnie extract corpus/ --out outputs/
    """
    from pipeline.batch.lock import LockHeld, refuse_if_locked
    from pipeline.run import run_extract

    try:
        refuse_if_locked(out_dir)  # a `vnie run` is writing there: refused like a second run
        report = run_extract(inputs, out_dir, on_skip=report_skipped)
    except LockHeld as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # a read-only or full output folder: one line, no traceback
        click.echo(f"Error: {unwritable(out_dir, exc)}", err=True)
        sys.exit(1)
    click.echo(report.summary())
    if report.processed == 0 or (strict and report.skipped):
        sys.exit(1)


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the tables to score (as written by extract or run).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def evaluate_cmd(gold_dir: Path, out_dir: Path, as_json: bool) -> None:
    """Score tables against gold files: precision, recall and F1 per table.

    GOLD_DIR holds one JSON file per article (format: corpus/GUIDELINES.md),
    matched to articles by their source file name.

    \b
    Example:
        vnie extract corpus/ --out outputs/ && vnie eval corpus/ --out outputs/
    """
    from pipeline.evaluate import evaluate

    result = evaluate(gold_dir, out_dir)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else result.table())


from pipeline.commands import batch, crawl  # noqa: E402,F401 - register `run`, `crawl` and friends on `cli`
