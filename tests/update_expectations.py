"""Rewrite the site parsers' expectations from the project's own fixture pages; review the diff before committing.

    .venv/bin/python tests/update_expectations.py

For every site with a parser, ``tests/resources/sites/<key>.html`` is parsed
with each layout version and ``tests/resources/sites/<key>.json`` is written as
``{"V1": {field: value, ...}}`` with sorted keys. ``tests/test_sites.py`` checks
that the parsers still give exactly these values.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pipeline.sites import ALL_SITES

SITE_PAGES = Path(__file__).parent / "resources" / "sites"


def expectations(site) -> dict:
    """Each layout version's parse of the site's fixture page."""
    meta = json.loads((SITE_PAGES / "meta.json").read_text(encoding="utf-8"))[site.key]
    html = (SITE_PAGES / f"{site.key}.html").read_text(encoding="utf-8")
    out = {}
    for version in site.parser.versions():
        parsed = version(__import__("bs4").BeautifulSoup(html, "lxml"), meta["url"]).parse(errors="raise")
        out[version.__name__] = dict(sorted(parsed.items()))
    return out


def main() -> None:
    for site in ALL_SITES:
        if site.parser is None:
            continue
        path = SITE_PAGES / f"{site.key}.json"
        path.write_text(json.dumps(expectations(site), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                        encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
