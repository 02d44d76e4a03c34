"""Báo Đầu tư (baodautu.vn): no metadata; the date and author are only in the visible byline."""

from __future__ import annotations

from urllib.parse import urljoin

from pipeline.sites import parsing as P
from pipeline.sites.base import Layout, SiteParser, field


class BaoDauTuParser(SiteParser):
    class V1(Layout):
        _title = "div.title-detail, h1"
        _lead = "div.sapo_detail"
        _body = "#content_detail_news"
        _drop = ".news_relate_one, .list_news_relation_top, #boxcauhoi, table.MASTERCMS_TPL_TABLE"
        _captions = "figcaption, td.media-caption"
        _author = "a.author"

        @field
        def published(self) -> str | None:
            return P.iso_datetime(self.meta.get("article:published_time")
                                  or P.first_text(self.doc, "span.post-time"))

    @classmethod
    def next_page(cls, doc, url):
        """The link after the active one in ``.pagation`` (relative: ``p2``)."""
        active = doc.select_one("a.pagation_item.active")
        following = active.find_next_sibling("a", href=True) if active is not None else None
        return urljoin(url, following["href"].strip()) if following is not None else super().next_page(doc, url)
