"""robots.txt per origin (protego): may we fetch a URL, how long to wait, which sitemaps it names."""

from __future__ import annotations

import logging
from collections.abc import Callable

from protego import Protego

from pipeline.crawl.fetch import FetchError, Page
from pipeline.crawl.urls import clock_key, origin_of

log = logging.getLogger(__name__)

ROBOTS_MAX_BYTES = 500 * 1024   # RFC 9309, 2.5: parse at least the first 500 KiB, ignore the rest


class RobotsCache:
    """robots.txt rules, fetched once per origin per crawl.

    fetch (Callable[[str], Page]): GETs a robots.txt URL (without asking robots).
    agent (str): the token the rules are matched for.
    on_delay (Callable[[str, float], None] | None): told each host's Crawl-delay.
    """

    def __init__(self, fetch: Callable[[str], Page], agent: str,
                 on_delay: Callable[[str, float], None] | None = None):
        self.fetch = fetch
        self.agent = agent
        self.on_delay = on_delay
        self.rules: dict[str, Protego | None] = {}
        self.errors: dict[str, str] = {}

    def parser(self, url: str) -> Protego | None:
        """The rules of ``url``'s origin; None means everything is allowed."""
        origin = origin_of(url)
        if origin not in self.rules:
            self.rules[origin] = self._load(origin)
        return self.rules[origin]

    def _load(self, origin: str) -> Protego | None:
        try:
            page = self.fetch(origin + "/robots.txt")
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                return None  # no robots.txt: everything is allowed (RFC 9309, 2.3.1.3)
            # 429 (too many requests) is the server being busy, like a 5xx: not "no robots.txt".
            # Unreachable robots.txt: assume complete disallow (RFC 9309, 2.3.1.4).
            self.errors[origin] = str(exc)
            log.warning("robots.txt of %s unavailable (%s): not crawling it this run", origin, exc)
            return Protego.parse("User-agent: *\nDisallow: /")
        text = page.text or page.data.decode("utf-8", "replace")
        if len(page.data) >= ROBOTS_MAX_BYTES and "\n" in text:
            text = text[: text.rindex("\n")]  # a cut line is no rule
        rules = Protego.parse(text)
        delay = rules.crawl_delay(self.agent)
        if delay and self.on_delay is not None:
            self.on_delay(clock_key(origin), float(delay))
        return rules

    def refusal(self, url: str) -> str:
        """Why ``url`` may not be fetched: robots.txt's rules, or its site could not be reached at all
        (offline, DNS failure), which must not read as a refusal by the site."""
        error = self.errors.get(origin_of(url))
        return f"site unreachable (robots.txt: {error})" if error else "disallowed by robots.txt"

    def allowed(self, url: str) -> bool:
        """True if robots.txt lets our agent fetch ``url``."""
        rules = self.parser(url)
        return rules is None or rules.can_fetch(url, self.agent)

    def sitemaps(self, url: str) -> list[str]:
        """The sitemap URLs ``url``'s robots.txt declares."""
        rules = self.parser(url)
        return list(rules.sitemaps) if rules is not None else []
