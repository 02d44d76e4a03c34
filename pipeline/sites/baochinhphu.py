"""Báo Điện tử Chính phủ (baochinhphu.vn): VCCMS markup; the byline box is often empty."""

from __future__ import annotations

from bs4 import BeautifulSoup

from pipeline.sites.base import SiteParser
from pipeline.sites.vccorp import VCCorpLayout, timeline_next_page


class BaoChinhPhuParser(SiteParser):
    class V1(VCCorpLayout):
        _author = ".detail-author-top, .detail-author .name"

    @classmethod
    def next_page(cls, doc: BeautifulSoup, url: str) -> str | None:
        return timeline_next_page(doc, url)
