"""Tuổi Trẻ (tuoitre.vn): VCCMS markup; every author is named in ``.box-author-detail`` under the body."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from pipeline.sites import parsing as P
from pipeline.sites.base import SiteParser, field
from pipeline.sites.vccorp import VCCorpLayout, timeline_next_page


class TuoiTreParser(SiteParser):
    class V1(VCCorpLayout):
        _body = ".detail-content[itemprop=articleBody], .detail-content[data-role=content]"

        @field
        def published(self) -> str | None:
            # The meta tag has the seconds; the visible time and JSON-LD round them off.
            return P.iso_datetime(self.meta.get("article:published_time") or self.meta.get("pubdate")
                                  or P.first_text(self.doc, "[data-role=publishdate]"))

        @field
        def author(self) -> str | None:
            names = P.first_text(self.doc, ".box-author-detail") or P.first_text(self.doc, ".author-info a.name")
            if not names:
                return None
            return ", ".join(filter(None, (P.clean_author(n) for n in re.split(r"\s+-\s+", names))))

    @classmethod
    def next_page(cls, doc: BeautifulSoup, url: str) -> str | None:
        zone = P.first_attr(doc, "#hdZoneId", "value")
        return timeline_next_page(doc, url, "/timeline/{zone}/trang-{page}.htm", page=1) if zone else None
