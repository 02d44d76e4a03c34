"""`vnie review`: see every extracted fact in its sentence, offline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli import cli


@cli.command()
@click.argument("out_dir", metavar="OUT", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--article", "article_ids", multiple=True, metavar="ID",
              help="Only this article (repeatable; its article_id).")
@click.option("--to", "to_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the pages.  [default: OUT/review]")
def review(out_dir: Path, article_ids: tuple[str, ...], to_dir: Path | None) -> None:
    """Write an offline HTML site to check the extracted facts of OUT by eye.

    OUT is a folder written by `vnie extract` or `vnie run`. The site has an
    index of the articles (filter by province, event type, month, words)
    and one page per article: its text with every extracted span highlighted
    by kind, and beside it the article's rows; clicking a row marks its span,
    hovering a span shows its row. Text after the article's end is dimmed.
    It needs no server and nothing from the network: open DIR/index.html.

    \b
    Example:
        vnie review outputs/ --to /tmp/review && xdg-open /tmp/review/index.html
    """
    from pipeline.review import ReviewError, build_review

    to_dir = to_dir or out_dir / "review"
    try:
        report = build_review(out_dir, to_dir, article_ids or None)
    except ReviewError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{report.pages} article pages written; open {report.index}")
