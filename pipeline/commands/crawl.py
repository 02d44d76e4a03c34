"""`vnie crawl` and `vnie sources`: fetching articles from news sites (see pipeline.crawl)."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

import click

from pipeline.cli import cli, report_skipped

log = logging.getLogger("pipeline.commands.crawl")


def _since(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-07-01") from None


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--source", "sources", multiple=True, metavar="NAME",
              help="A registered source to crawl (repeatable); see `vnie sources`.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the datasets the articles are merged into (created if missing).")
@click.option("--since", callback=_since, metavar="DATE", help="Skip articles published before DATE (YYYY-MM-DD).")
@click.option("--max-pages", type=click.IntRange(min=0), help="Fetch at most N article pages (0: no limit).")
@click.option("--delay", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Seconds between two requests to one host (default 1; robots.txt Crawl-delay wins if longer).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
              help="Also fetch from HOST, even if it resolves to a private or loopback address (repeatable).")
@click.option("--state", "state_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the crawl state database. Defaults to OUT/.vnie/crawl.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file whose [crawl] keys override the defaults (user agent, timeouts, ...).")
@click.option("--batch-size", type=click.IntRange(min=1), help="Articles per atomic commit.  [default: 1000]")
@click.option("--max-time", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Stop asking for new pages after this long, commit what was read (0: no limit).")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Extraction processes: 0 one per core, 1 this process only (fewer than 50 pages: one process).")
def crawl(urls: tuple[str, ...], sources: tuple[str, ...], out_dir: Path, since: str | None,
          max_pages: int | None, delay: float | None, allow_hosts: tuple[str, ...], state_dir: Path | None,
          config_file: Path | None, batch_size: int | None, max_time: float | None, workers: int) -> None:
    """Crawl news sites and merge their articles into the tables under OUT.

    Each URL may be a site root (robots.txt, its sitemaps and the home page),
    a sitemap or sitemap index (gzip too), an RSS/Atom feed, a listing page
    (article links and pagination) or an article. Without URLs or --source,
    every registered source is crawled. robots.txt is obeyed; only the hosts
    of the sources, of the URLs and of --allow-host are fetched. A rerun asks
    only for new pages and revalidates known ones (304: nothing downloaded).
    Exit 0 when the crawl ran, 1 when it could fetch and land nothing (site
    unreachable, offline, everything refused), 2 on bad options (a URL
    without https://, an unknown source).

    \b
    Example:
        vnie crawl https://vnexpress.net/thoi-su --out outputs/ --since 2025-07-01
        vnie crawl --source cand --source tienphong --out outputs/ --max-pages 200
    """
    from pipeline.batch.engine_pool import PoolEngine
    from pipeline.batch.lock import LockHeld
    from pipeline.commands.batch import _check_urls
    from pipeline.crawl import crawl_options
    from pipeline.crawl.land import crawl_to

    _check_urls(urls)
    options = crawl_options(config_file, delay_seconds=delay, max_pages=max_pages, since=since,
                            allow_hosts=tuple(allow_hosts) or None, max_time=max_time)
    progress = _Progress()
    try:
        with PoolEngine(workers or None, name="local") as engine:
            summary, report = crawl_to(out_dir, urls, sources, options, state_dir, on_event=progress,
                                       on_skip=report_skipped,
                                       ingest_options={"batch_size": batch_size, "engine": engine})
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except LockHeld as exc:  # another run or crawl is writing to OUT: try later
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    finally:
        progress.close()
    click.echo(summary.text())
    click.echo(report.summary())
    landed = summary.new + summary.updated + summary.unchanged
    if landed == 0 and summary.fetched == 0 and (sum(summary.failed.values()) or summary.skipped):
        causes = sorted({**summary.failed, **summary.skipped}.items(), key=lambda kv: -kv[1])
        click.echo(f"Error: nothing could be fetched ({causes[0][0]})", err=True)
        sys.exit(1)


class _Progress:
    """A bar on stderr when it is a terminal (pages fetched, rate, current counts); under cron nothing
    per page (the summary lines say what happened; `vnie -v` logs each new or updated article)."""

    def __init__(self):
        from pipeline.progress import Bar

        self.bar = Bar(None, "crawling", unit="pages")
        self.bar.__enter__()

    def __call__(self, what: str, url: str, summary) -> None:
        if self.bar.enabled:
            self.bar.update(summary.fetched, note=(
                f"{summary.discovered} discovered, {summary.new} new, {summary.unchanged} unchanged, "
                f"{sum(summary.failed.values())} failed"))
        elif what in ("new", "updated"):
            log.info("%s %s", what, url)

    def close(self) -> None:
        self.bar.__exit__(None, None, None)


@cli.group(invoke_without_command=True)
@click.pass_context
def sources(ctx: click.Context) -> None:
    """List the registered news sources (key, name, verified, entry points).

    A verified source has a parser checked against recorded pages of its site;
    an unverified one uses the generic extractor.

    \b
    Example:
        vnie sources
        vnie sources check vnexpress
    """
    if ctx.invoked_subcommand is not None:
        return
    from pipeline.sites import ALL_SITES

    for site in ALL_SITES:
        mark = "verified" if site.verified else "unverified"
        parser = site.parser.__name__ if site.parser else "generic"
        click.echo(f"{site.key:<14} {mark:<10} {parser:<18} {site.name} <{site.domain}>")
        for entry in site.sources:
            click.echo(f"{'':<14} {entry.kind:<8} {entry.url}")


@sources.command(name="check")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option("--delay", type=click.FloatRange(min=0), metavar="SECONDS", help="Seconds between requests to a host.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
              help="Allow HOST even on a private or loopback address (repeatable).")
def sources_check(names: tuple[str, ...], delay: float | None, allow_hosts: tuple[str, ...]) -> None:
    """Fetch a listing and one article per source; say whether discovery and extraction still work.

    Needs internet access. Exit 1 if any source fails.

    \b
    Example:
        vnie sources check vnexpress tuoitre
    """
    from pipeline.crawl import crawl_options, resolve_sources
    from pipeline.crawl.check import check_source
    from pipeline.sites import ALL_SITES

    try:
        sites = resolve_sources(names) if names else list(ALL_SITES)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    options = crawl_options(delay_seconds=delay, allow_hosts=tuple(allow_hosts) or None)
    failed = 0
    for site in sites:
        result = check_source(site, options)
        failed += not result.ok
        click.echo(result.line())
    if failed:
        sys.exit(1)
