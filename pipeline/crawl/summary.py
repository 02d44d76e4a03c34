"""What a crawl did, counted as it goes: discovered, fetched, new, unchanged, skipped, failed (with reasons)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class CrawlSummary:
    """Counts of one crawl. Article counts are per article URL; ``requests`` counts every HTTP request.

    discovered: distinct article URLs found by discovery (or given).
    fetched: article pages downloaded in full (HTTP 200).
    new, updated: articles handed on for extraction (first time / content changed).
    unchanged: known articles not fetched again (304, or known and not due for revalidation).
    duplicates: the same article under another URL (rel=canonical or identical content).
    skipped_robots: URLs robots.txt disallows (never requested).
    skipped, failed: other URLs left out or lost, each counted under its reason.
    dropped: the URLs given (entry points) that yielded nothing, each with its reason, by name.
    """

    discovered: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped_robots: int = 0
    skipped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)
    requests: int = 0
    not_modified: int = 0
    discovery_pages: int = 0
    dropped: list = field(default_factory=list)   # (url, reason) of the URLs given that yielded nothing

    def text(self) -> str:
        """The end-of-crawl report: one line of counts, then one line per skip or failure reason."""
        lines = [f"crawl: {self.discovered} discovered, {self.fetched} fetched, {self.new} new, "
                 f"{self.updated} updated, {self.unchanged} unchanged, {self.duplicates} duplicate, "
                 f"{self.skipped_robots} skipped by robots.txt, {sum(self.skipped.values())} skipped, "
                 f"{sum(self.failed.values())} failed; {self.requests} requests "
                 f"({self.not_modified} not modified)"]
        for reason, n in sorted(self.skipped.items()):
            lines.append(f"  skipped {n}: {reason}")
        for reason, n in sorted(self.failed.items()):
            lines.append(f"  failed {n}: {reason}")
        for url, reason in self.dropped:
            lines.append(f"  dropped {url}: {reason}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"discovered": self.discovered, "fetched": self.fetched, "new": self.new, "updated": self.updated,
                "unchanged": self.unchanged, "duplicates": self.duplicates,
                "skipped_robots": self.skipped_robots, "skipped": dict(self.skipped), "failed": dict(self.failed),
                "requests": self.requests, "not_modified": self.not_modified}
