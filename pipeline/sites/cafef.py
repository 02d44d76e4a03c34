"""CafeF (cafef.vn): VCCMS markup; byline ``p.author`` ("Theo ..."), times without a zone (local)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from pipeline.sites.base import SiteParser
from pipeline.sites.vccorp import VCCorpLayout, timeline_next_page


class CafefParser(SiteParser):
    class V1(VCCorpLayout):
        _author = ".detail-content ~ p.author, p.author, .author"

    @classmethod
    def next_page(cls, doc: BeautifulSoup, url: str) -> str | None:
        return timeline_next_page(doc, url, "/timelinelist/{zone}/{page}.chn")
