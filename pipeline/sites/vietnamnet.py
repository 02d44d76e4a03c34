"""VietNamNet (vietnamnet.vn): ``#maincontent`` body, byline in ``.article-detail-author .name``."""

from __future__ import annotations

from pipeline.sites import parsing as P
from pipeline.sites.base import Layout, SiteParser, field


class VietnamnetParser(SiteParser):
    class V1(Layout):
        _title = "h1.content-detail-title"
        _lead = "h2.content-detail-sapo, .content-detail-sapo"
        _body = "#maincontent, .maincontent"
        _drop = ".related-news, .article-relate, .insert-wiki-content, .vnn-share-social, .box-taitro"
        _captions = "figcaption"
        _author = ".article-detail-author .name"

        @field
        def published(self) -> str | None:
            return P.iso_datetime(self.ld.get("datePublished") or self.meta.get("article:published_time")
                                  or P.first_text(self.doc, ".bread-crumb-detail__time"))
