"""The ``vnie`` command: thin wrappers over the library, each --help ending with an example."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.article import InputError


def exit_now(code) -> None:
    """End the process as ``sys.exit(code)`` would, without the interpreter's teardown.

    After a run the process holds the pipeline (spaCy, the gazetteer tries, underthesea's model:
    millions of objects); freeing them one by one at exit took about 0.7 s of wall and 1 s of CPU
    of a 200-article `vnie extract` (measured in pairs of whole processes). Everything a command
    writes is written, fsynced and renamed before it returns, so nothing is lost by skipping it:
    the ``atexit`` handlers still run (logging's flush, multiprocessing's and temporary folders'
    clean-up), then the standard streams are flushed, then ``os._exit``.
    """
    import atexit
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:   # as sys.exit("message") does
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe (`| head`): Python's own exit gives 120 then
            status = status or 120
    os._exit(status)


class VnieGroup(click.Group):
    """The command group; run as the process's own command (``vnie ...``: arguments from ``sys.argv``,
    click's standalone mode) it ends with ``exit_now``. Called with arguments (click's test runner,
    a library caller) it behaves as any click group."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if args is not None or not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            super().main(args, prog_name, complete_var, standalone_mode, **extra)
        except SystemExit as done:
            exit_now(done.code)
        exit_now(0)


@click.group(cls=VnieGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vnie")
@click.option("-v", "--verbose", is_flag=True, help="Log debug lines to stderr.")
def cli(verbose: bool) -> None:
    """vnie: Vietnamese police and provincial news to Parquet tables."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr, force=True,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("asyncio", "urllib3", "httpx", "httpcore", "filelock", "matplotlib", "distributed", "fsspec"):
        logging.getLogger(noisy).setLevel(logging.WARNING)   # -v is about vnie's own steps


def verbose_requested() -> bool:
    """True when `vnie -v` was given (commands with their own logging set-up ask)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("verbose"))


def unwritable(out_dir: Path, exc: OSError) -> str:
    """One line for an output folder that cannot be written (read-only, full, no permission)."""
    return f"cannot write to {out_dir}: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")


def report_skipped(error: InputError) -> None:
    click.echo(f"skipped {error}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the Parquet tables (created if missing); needed unless --format is jsonl or csv.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl", "csv"]), default="parquet", show_default=True,
              help="jsonl or csv: also print the rows for a quick look (to stdout, or to --output).")
@click.option("--table", "table", type=click.Choice(["articles", "officials", "events", "counts", "dates", "mentions",
                                                     "persons"]),
              help="With --format: only this table's rows, one per line (csv default: officials; "
                   "jsonl default: one line per article with its rows).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="With --format jsonl/csv: write there instead of stdout.")
@click.option("--ner/--no-ner", default=None,
              help="Also run underthesea's statistical NER (mentions, method 'ner'; default: [pipeline] ner).")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Extraction processes: 0 one per core, 1 this process only (fewer than 50 articles: one process).")
def extract(inputs: tuple[Path, ...], out_dir: Path | None, strict: bool, fmt: str, table: str | None,
            output: Path | None, ner: bool | None, workers: int) -> None:
    """Extract officials, events, counts and dates from articles.

    INPUTS are .txt, .html/.htm or .jsonl files, or folders searched
    recursively (other files in them are ignored). Every table is written as
    OUT/<table>.parquet. A bad input is reported with its path and skipped.
    With --format jsonl or csv the rows are printed for a quick look, as
    trafilatura does (then --out is optional). A progress bar shows on a
    terminal. Extraction runs on every core (--workers; inputs of fewer
    than 50 articles in one process) and rows are streamed to disk in
    parts, so memory stays flat; a killed run leaves the tables of before.
    Exit 0 when at least one article was processed (with --strict:
    and none skipped), 1 otherwise (also when the folders hold no article
    files), 2 when an INPUT does not exist.

    \b
    Example:
        vnie extract corpus/ --out outputs/
        vnie extract corpus/000_0bf472c54a2565c7.txt --format jsonl | head -c 600
        vnie extract corpus/ --format csv --table counts -o counts.csv
    """
    from pipeline.batch.lock import LockHeld, refuse_if_locked
    from pipeline.progress import Bar, expected_articles
    from pipeline.run import run_extract

    if fmt == "parquet" and out_dir is None:
        raise click.UsageError("give --out DIR for the Parquet tables, or --format jsonl|csv for a quick look")
    if (table or output) and fmt == "parquet":
        raise click.UsageError("--table and --output go with --format jsonl or csv")
    total = expected_articles(inputs)
    if total == 0:
        click.echo(f"Error: no .txt, .html/.htm or .jsonl files in {', '.join(map(str, inputs))}", err=True)
        sys.exit(1)
    try:
        if out_dir is not None:
            refuse_if_locked(out_dir)  # a `vnie run` is writing there: refused like a second run
        with Bar(total, "reading inputs") as bar:
            report = run_extract(inputs, out_dir, on_skip=report_skipped, ner=ner, workers=workers or None,
                                 keep_rows=fmt != "parquet",   # Parquet only: rows streamed to disk
                                 progress=lambda stage, done: bar.update(done, stage=stage))
    except LockHeld as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:  # a read-only or full output folder: one line, no traceback
        click.echo(f"Error: {unwritable(out_dir, exc)}", err=True)
        sys.exit(1)
    if fmt != "parquet" and report.processed:
        from pipeline.quicklook import write_quicklook

        write_quicklook(report.tables, fmt, table, output)
    click.echo(report.summary(), err=fmt != "parquet" and output is None)
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
    matched to articles by their source file name, and optionally a links.json
    (stories and persons across articles, scored pairwise: tests/gold_links/README.md).
    Exit 1 when no article was scored.

    \b
    Example:
        vnie extract corpus/ --out outputs/ && vnie eval corpus/ --out outputs/
    """
    from pipeline.evaluate import evaluate
    from pipeline.evaluate_links import evaluate_links, has_links

    result = evaluate(gold_dir, out_dir)
    links = evaluate_links(gold_dir, out_dir) if has_links(gold_dir) else None  # stories and persons, pairwise
    if as_json:
        click.echo(json.dumps(result.as_dict() | ({"links": links.as_dict()} if links else {}), indent=2))
    else:
        click.echo(result.table() + (f"\n{links.table()}" if links else ""))
    if links is None and result.articles == len(result.missing):  # no gold file (nor links.json), or none with its article in OUT
        click.echo(f"Error: no article of {out_dir} matches a gold file of {gold_dir} ({result.articles} gold "
                   "files): nothing was scored; gold files are matched to articles by their source file name",
                   err=True)
        sys.exit(1)


from pipeline.commands import batch, crawl, review  # noqa: E402,F401 - register `run`, `crawl`, `review` and friends
