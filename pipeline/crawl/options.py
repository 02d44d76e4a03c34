"""Crawl settings: the ``[crawl]`` section of ``pipeline/settings.toml`` as a frozen object."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from pipeline.settings import load_settings


@dataclass(frozen=True)
class CrawlOptions:
    """Every knob of a crawl; see ``settings.toml`` for what each means and why it has its default.

    allow_hosts (tuple[str]): hosts allowed besides the sources' and the given URLs' hosts;
        hosts named here may also resolve to private or loopback addresses.
    since (str | None): ISO date; older articles are skipped.
    """

    user_agent: str
    robots_agent: str
    delay_seconds: float
    max_crawl_delay: float
    respect_crawl_delay: bool
    connect_timeout: float
    read_timeout: float
    retries: int
    backoff_seconds: float
    backoff_max: float
    max_retry_after: float
    max_bytes: int
    max_redirects: int
    max_pages: int
    max_listing_pages: int
    max_sitemaps: int
    follow_categories: bool
    state_file: str
    request_deadline: float = 60.0
    max_time: float = 0.0
    allow_hosts: tuple[str, ...] = ()
    since: str | None = None

    def with_(self, **changes) -> "CrawlOptions":
        """A copy with ``changes`` applied (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def crawl_options(user_file: Path | None = None, **changes) -> CrawlOptions:
    """The defaults, a user settings file laid over them, then ``changes``."""
    data = load_settings(user_file).get("crawl", {})
    names = {f.name for f in fields(CrawlOptions)}
    options = CrawlOptions(**{k: v for k, v in data.items() if k in names})
    return options.with_(**changes)
