"""`vnie run`, `vnie status`, `vnie reprocess`: the batch commands for people and cron."""

from __future__ import annotations

import errno
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path

import click

from pipeline.cli import cli

log = logging.getLogger("pipeline.commands.batch")

BUNDLED_CORPUS = Path(__file__).resolve().parents[2] / "corpus"
NOTHING_TO_DO = ("nothing to do: give INPUT files or folders (`vnie run archive/`), configure [run] inputs or "
                 "sources (--config FILE, see vnie.example.toml; or --source, --url), or try `vnie run --demo` "
                 "on the bundled sample articles")

# Errors of a folder that cannot be written: read-only, no permission, full.
UNWRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT)
EXIT_OK, EXIT_FAILED, EXIT_CONFIG, EXIT_PARTIAL, EXIT_LOCKED = 0, 1, 2, 3, 75
EXIT_CODES = """\b
Exit codes:
  0   ok, also when nothing was new
  1   failed: an unexpected error stopped the run (committed batches are
      kept), or the INPUT folders hold no .txt, .html or .jsonl file
  2   configuration error: bad config file or option, an INPUT that does
      not exist, a --config naming no inputs or sources, crawler
      missing, an output folder of an older schema (run `vnie reprocess`) or
      of a newer one (use the newer vnie; nothing is changed)
  3   partial: some inputs were skipped or failed, the others were written
  75  another run holds the lock on OUT: nothing was done, try again later"""


def _engine_options(f: Callable) -> Callable:
    for option in reversed([
        click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                      help="TOML file with [run] (and [crawl]) settings; see vnie.example.toml."),
        click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                     help="Output folder for the datasets.  [default: outputs]"),
        click.option("--batch-size", type=int, help="Articles per atomic commit.  [default: 1000]"),
        click.option("--batch-seconds", type=float,
                     help="Also commit once a batch has taken this many seconds, whichever comes first; "
                          "0: no time bound.  [default: 120]"),
        click.option("--engine", type=click.Choice(["local", "dask", "pool"]),
                     help="Where extraction runs: local (or pool): --workers processes on this machine; "
                          "dask: a Dask cluster.  [default: local]"),
        click.option("--scheduler", help="Dask scheduler address tcp://HOST:PORT (default: a LocalCluster)."),
        click.option("--workers", type=int, help="Extraction processes (local, pool) or LocalCluster workers (dask); "
                                                  "0: one per core; 1: this process only.  [default: 0]"),
        click.option("--chunk-size", type=int, help="Articles per Dask task.  [default: 20]"),
        click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path),
                     help="Rotating log file, relative to OUT.  [default: logs/vnie.log]"),
        click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
                     help="Level of the log file.  [default: INFO]"),
        click.option("--stderr-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
                     help="Level of the log lines on stderr.  [default: WARNING]"),
        click.option("--set", "assignments", multiple=True, metavar="SECTION.KEY=VALUE",
                     help="Override any setting, e.g. --set run.log_backups=10 --set crawl.delay_seconds=3."),
    ]):
        f = option(f)
    return f


def _fail(code: int, message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _config(config_file: Path | None, assignments: tuple[str, ...], **overrides):
    from pipeline.batch.config import ConfigError, load_run_config
    from pipeline.cli import verbose_requested

    if verbose_requested() and not overrides.get("stderr_level"):
        overrides["stderr_level"] = "DEBUG"          # `vnie -v run ...`: debug lines on stderr too

    try:
        return load_run_config(config_file, overrides=overrides, assignments=assignments)
    except ConfigError as exc:
        _fail(EXIT_CONFIG, str(exc))


def _engine(config):
    from pipeline.batch.engine_pool import PoolEngine, default_workers

    if config.engine == "dask":
        from pipeline.batch.engine_dask import DaskEngine

        return DaskEngine(config.scheduler or None, workers=config.workers or default_workers(),
                          chunk_size=config.chunk_size)
    # local and pool: every core by default; one process for small inputs (engine_pool.POOL_MIN_ARTICLES)
    return PoolEngine(config.workers or None, name=config.engine)


@contextmanager
def _progress(total: int | None, local: bool) -> Iterator[Callable]:
    """A bar on stderr when it is a terminal (total, done, rate, ETA, stage); nothing under cron.

    total (int | None): articles expected, when the inputs are files (a crawl's total is unknown).
    local (bool): extraction runs on this machine, so articles move the bar (Dask: each batch).
    """
    from pipeline.progress import Bar

    state = {"committed": 0, "in_flight": 0}
    with Bar(total, "reading inputs") as bar:
        def update(r) -> None:
            state["committed"] = r.new + r.updated + r.unchanged + r.duplicates + len(r.skipped)
            state["in_flight"] = 0
            bar.update(state["committed"], note=f"{r.new} new {r.updated} upd {r.unchanged} same"
                                                + (f" {len(r.skipped)} skipped" if r.skipped else ""))

        def article_done() -> None:
            state["in_flight"] += 1
            bar.update(state["committed"] + state["in_flight"], stage="extracting")

        token = None
        if local and bar.enabled:   # (pipeline.run, with the schemas and pyarrow, only for a bar on a terminal)
            from pipeline.run import ARTICLE_DONE

            token = ARTICLE_DONE.set(article_done)
        try:
            yield update
        finally:
            if token is not None:
                ARTICLE_DONE.reset(token)


@contextmanager
def _guarded(config) -> Iterator[None]:
    """Logging for the run, and the exit code for each kind of failure."""
    from pipeline.batch.config import ConfigError
    from pipeline.batch.datasets import DatasetError
    from pipeline.batch.engine_dask import WorkerMismatch
    from pipeline.batch.lock import LockHeld
    from pipeline.batch.logs import batch_logging
    from pipeline.cli import unwritable

    with ExitStack() as stack:
        try:
            config.out.mkdir(parents=True, exist_ok=True)
            stack.enter_context(batch_logging(
                config.resolved("log_file"), level=config.log_level, stderr_level=config.stderr_level,
                max_bytes=config.log_max_bytes, backups=config.log_backups))
        except OSError as exc:  # a read-only output folder: one clear line, not a traceback
            _fail(EXIT_FAILED, unwritable(config.out, exc))
        try:
            yield
        except LockHeld as exc:
            log.warning("%s", exc)
            _fail(EXIT_LOCKED, str(exc))
        except (ConfigError, DatasetError, WorkerMismatch) as exc:
            log.error("%s", exc)
            _fail(EXIT_CONFIG, str(exc))
        except Exception as exc:  # noqa: BLE001 - logged with its traceback; the exit code says "failed"
            if isinstance(exc, OSError) and exc.errno in UNWRITABLE:  # one clear line, no traceback
                log.error("%s", unwritable(config.out, exc))
                _fail(EXIT_FAILED, unwritable(config.out, exc) + " (committed batches are kept)")
            log.exception("run failed")
            _fail(EXIT_FAILED, f"the run failed: {type(exc).__name__}: {exc} (committed batches are kept; "
                               f"see {config.resolved('log_file')})")


def _items(config, inputs: tuple[Path, ...], demo: bool = False):
    """(articles iterator, what to record as the run's inputs, the ingest's ``on_index`` hook):
    INPUTs, else configured inputs, else configured sources, else (demo) the bundled corpus."""
    from pipeline.batch.config import ConfigError
    from pipeline.readers import read_inputs

    if inputs or config.inputs:
        paths = inputs or config.inputs
        return read_inputs(paths), [str(p) for p in paths], None
    if config.sources or config.urls:
        try:
            from pipeline.crawl import crawl_articles
        except ImportError as exc:
            raise ConfigError(f"sources or urls are configured but the crawler is not available ({exc}); "
                              "give INPUT files instead, or install a vnie with `vnie crawl`") from None
        from pipeline.crawl.land import InTables

        options, sites = _crawl_setup(config)
        tables = InTables()  # the state's "landed" is checked against the datasets (see crawl.land)
        items = crawl_articles(list(config.urls), sites, options, config.resolved("crawl_state"),
                               in_tables=tables)
        return items, [f"source:{s}" for s in config.sources] + list(config.urls), tables.use
    if not demo:
        raise ConfigError(NOTHING_TO_DO)
    if not BUNDLED_CORPUS.is_dir():
        raise ConfigError(f"--demo: the bundled sample articles are not installed ({BUNDLED_CORPUS})")
    return read_inputs([BUNDLED_CORPUS]), [str(BUNDLED_CORPUS)], None


def _check_inputs(paths) -> int | None:
    """Articles expected in the INPUT paths (None when crawling); exits on a missing path or no files."""
    from pipeline.progress import expected_articles

    if not paths:
        return None
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        _fail(EXIT_CONFIG, f"no such file or folder: {', '.join(missing)}")
    total = expected_articles(paths)
    if total == 0:
        _fail(EXIT_FAILED, f"no .txt, .html/.htm or .jsonl files in {', '.join(map(str, paths))}")
    return total


def _check_urls(urls) -> None:
    """A URL without scheme is a usage error that says what was probably meant."""
    for url in urls:
        if "://" not in url:
            raise click.UsageError(f"{url!r} is not a URL: did you mean https://{url.lstrip('/')} ?")


def _crawl_setup(config):
    """The crawler's options from the [crawl] settings, and the sites: checked before the run starts."""
    from dataclasses import fields

    from pipeline.batch.config import ConfigError
    from pipeline.crawl import CrawlOptions, crawl_options, resolve_sources

    known = {f.name for f in fields(CrawlOptions)}
    unknown = sorted(set(config.crawl) - known)
    if unknown:
        raise ConfigError(f"unknown [crawl] key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(known))}")
    changes = {k: tuple(v) if isinstance(v, list) else v for k, v in config.crawl.items()}
    try:
        return crawl_options(None, **changes), resolve_sources(config.sources)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"[crawl]/[run] sources: {exc}") from None


@cli.command(epilog=EXIT_CODES)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@_engine_options
@click.option("--source", "sources", multiple=True, help="Site key to crawl (repeatable); see `vnie sources`.")
@click.option("--url", "urls", multiple=True, help="Article or listing URL to crawl (repeatable).")
@click.option("--max-articles", type=int, help="Stop after this many new or updated articles (0: no limit).")
@click.option("--review", "review", is_flag=True,
              help="Also write the review pages of this run's articles to OUT/review/ (see `vnie review`).")
@click.option("--demo", is_flag=True, help="With no INPUT and nothing configured: the bundled sample articles.")
@click.option("--ner/--no-ner", default=None, help="Run underthesea's statistical NER too (default: [pipeline] ner).")
def run(inputs: tuple[Path, ...], config_file, out_dir, batch_size, batch_seconds, engine, scheduler, workers,
        chunk_size, log_file, log_level, stderr_level, assignments, sources, urls, max_articles, review, demo,
        ner) -> None:
    """Ingest articles into the datasets under OUT: incremental, atomic, one run at a time.

    Reads the INPUT files or folders when given, else the [run] inputs or the
    sources to crawl of the config file; with neither INPUT nor --config it
    reads the bundled sample articles (as --demo does) and says so on stderr,
    and a config file that names no inputs or sources is refused. New
    articles are added, changed ones (new text or a new pipeline version)
    replace their rows in every table, unchanged ones are skipped, so a rerun
    over the same inputs changes nothing. Each batch is committed atomically;
    a killed run loses nothing and the next run completes it. The run is
    recorded in OUT/runs/ (see `vnie status`); log lines go to stderr and to
    OUT/logs/vnie.log. A progress bar shows on stderr only when it is a
    terminal; under cron the run prints one summary line.

    \b
    Example:
        vnie run corpus/ --out outputs/
        vnie run --config /etc/vnie.toml            # cron: crawl the configured sources
        vnie run archive/ --engine dask --scheduler tcp://10.0.0.5:8786
        vnie run corpus/ --review                   # then open outputs/review/index.html
        vnie run --demo                             # the bundled sample articles into outputs/
    """
    from pipeline.batch.ingest import ingest
    from pipeline.batch.lock import run_lock

    _check_urls(urls)
    config = _config(config_file, assignments, out=out_dir, batch_size=batch_size, batch_seconds=batch_seconds,
                     engine=engine, scheduler=scheduler, workers=workers, chunk_size=chunk_size, log_file=log_file,
                     log_level=log_level, stderr_level=stderr_level, sources=sources, urls=urls,
                     max_articles=max_articles)
    total = _check_inputs(inputs or config.inputs)
    if total is None and not (config.sources or config.urls or demo):
        if config_file is not None:                 # a configuration that names nothing: the operator's mistake
            _fail(EXIT_CONFIG, NOTHING_TO_DO)       # before any output folder is made
        demo = True                                 # CONTRACT.md: no INPUT, no configuration -> the bundled corpus
        click.echo(f"vnie run: no INPUT and no --config: reading the bundled sample articles ({BUNDLED_CORPUS}) "
                   f"into {config.out}; give INPUT files or folders, or --config FILE, for your own", err=True)
    report = None
    with _guarded(config):
        with run_lock(config.out):
            items, labels, on_index = _items(config, inputs, demo)
            seen: list[str] = []
            if review:
                items = _remember_ids(items, seen)
            with _ner_environment(ner), _engine(config) as eng, _progress(total, config.engine != "dask") as progress:
                report = ingest(items, config.out, source_name=", ".join(labels),
                                batch_size=config.batch_size, batch_seconds=config.batch_seconds, engine=eng,
                                kind="run", inputs=labels,
                                max_articles=config.max_articles or None, progress=progress, lock=False,
                                on_index=on_index, keep_versions=config.keep_versions)
    click.echo(report.summary())
    if review:
        _write_review(config.out, seen)
    sys.exit(EXIT_PARTIAL if report.skipped else EXIT_OK)


def _ner_environment(ner: bool | None):
    """``pipeline.run.ner_environment(ner)``; nothing to set when ``ner`` is None, and then
    pipeline.run (with the schemas and pyarrow) is not imported: a run with nothing new needs neither."""
    if ner is None:
        return nullcontext()
    from pipeline.run import ner_environment

    return ner_environment(ner)


def _remember_ids(items, seen: list[str]):
    """The items unchanged, noting the id of every article that passes (new, updated or unchanged)."""
    from pipeline.article import Article

    for item in items:
        if isinstance(item, Article):
            seen.append(item.article_id)
        yield item


def _write_review(out: Path, article_ids: list[str]) -> None:
    """The review pages of the run's articles under OUT/review/ (what `make run` opens)."""
    from pipeline.review import ReviewError, build_review

    if not article_ids:
        click.echo("review: no articles in this run, no pages written", err=True)
        return
    try:
        result = build_review(out, out / "review", list(dict.fromkeys(article_ids)), missing_ok=True)
    except ReviewError as exc:
        click.echo(f"review: {exc}", err=True)
        return
    click.echo(f"review: {result.pages} article pages; open {result.index}")


@cli.command(epilog=EXIT_CODES)
@_engine_options
@click.option("--outdated", is_flag=True, help="Only articles whose rows came from another pipeline version.")
def reprocess(config_file, out_dir, batch_size, batch_seconds, engine, scheduler, workers, chunk_size, log_file,
              log_level, stderr_level, assignments, outdated) -> None:
    """Re-extract the articles stored under OUT with this pipeline, in place.

    Reads each article's stored text and metadata (no network, no input
    files) and replaces its rows in every table, batch by batch, with the
    same guarantees as `vnie run`. Also rebuilds tables written with an older
    schema version. A killed reprocess is finished by the next one.

    \b
    Example:
        vnie reprocess --out outputs/
        vnie reprocess --out outputs/ --outdated --engine dask
    """
    from pipeline.batch.reprocess import reprocess as run_reprocess

    config = _config(config_file, assignments, out=out_dir, batch_size=batch_size, batch_seconds=batch_seconds,
                     engine=engine, scheduler=scheduler, workers=workers, chunk_size=chunk_size, log_file=log_file,
                     log_level=log_level, stderr_level=stderr_level)
    report = None
    with _guarded(config):
        with _engine(config) as eng, _progress(None, config.engine != "dask") as progress:
            report = run_reprocess(config.out, outdated_only=outdated, crawl_state=config.resolved("crawl_state"),
                                   batch_size=config.batch_size, batch_seconds=config.batch_seconds, engine=eng,
                                   progress=progress,
                                   keep_versions=config.keep_versions)
    click.echo(report.summary())
    sys.exit(EXIT_PARTIAL if report.skipped else EXIT_OK)


@cli.command()
@click.option("--out", "out_dir", default=Path("outputs"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Output folder to describe.")
@click.option("-n", "--last", "last", default=10, show_default=True, help="How many runs to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(out_dir: Path, last: int, as_json: bool) -> None:
    """Show the datasets under OUT and the last runs: when, what changed, what failed.

    \b
    Example:
        vnie status --out outputs/ -n 5
    """
    from pipeline.batch.status import folder_status, format_status

    if not out_dir.is_dir():
        _fail(EXIT_CONFIG, f"{out_dir}: no such folder: nothing has run there yet "
                           f"(`vnie run INPUT --out {out_dir}` creates it)")
    info = folder_status(out_dir, last=last)
    click.echo(json.dumps(info, indent=2, default=str, ensure_ascii=False) if as_json else format_status(info))
