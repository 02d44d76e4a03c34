"""VnExpress (vnexpress.net): ``article.fck_detail`` body, byline in the last right-aligned paragraph."""

from __future__ import annotations

from pipeline.sites import parsing as P
from pipeline.sites.base import Layout, SiteParser, field

_BYLINE = 'p.Normal[style*="text-align:right"], p[align="right"]'


class VnExpressParser(SiteParser):
    class V1(Layout):
        _title = "h1.title-detail"
        _lead = "p.description"
        _body = "article.fck_detail"
        _drop = _BYLINE + ', [data-component-type], .box_embed_video, .tbl_insert, .box-tinlienquanv2, #article-end ~ *'
        _captions = "figcaption"

        @field
        def published(self) -> str | None:
            return P.iso_datetime(self.meta.get("pubdate") or self.meta.get("article:published_time")
                                  or P.first_text(self.doc, "span.date"))

        @field
        def author(self) -> str | None:
            bylines = self.body_root.select(_BYLINE) if self.body_root else []
            return P.clean_author(P.text_of(bylines[-1])) if bylines else None
