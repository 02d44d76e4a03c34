"""Người Lao Động (nld.com.vn): VCCMS markup with ``time[data-role=publishdate]`` and ``p[data-role=author]``."""

from __future__ import annotations

from bs4 import BeautifulSoup

from pipeline.sites.base import SiteParser
from pipeline.sites.vccorp import VCCorpLayout, timeline_next_page


class NldParser(SiteParser):
    class V1(VCCorpLayout):
        _drop = VCCorpLayout._drop + ", .VCSortableInPreviewMode.alignRight"

    @classmethod
    def next_page(cls, doc: BeautifulSoup, url: str) -> str | None:
        return timeline_next_page(doc, url)
