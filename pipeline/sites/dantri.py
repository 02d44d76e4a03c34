"""Dân trí (dantri.com.vn): ``data-slot`` markup (title, sapo, content); the author is in JSON-LD."""

from __future__ import annotations

from pipeline.sites import parsing as P
from pipeline.sites.base import Layout, SiteParser, field


class DantriParser(SiteParser):
    class V1(Layout):
        _title = "h1[data-slot=title], h1.title-page"
        _lead = "[data-slot=sapo], h2.singular-sapo"
        _body = "[data-slot=content], .singular-content"
        _drop = "aside, [data-module], .dantri-widget, .article-related, .dt-news__related"
        _captions = "figcaption"

        @field
        def published(self) -> str | None:
            return P.iso_datetime(self.ld.get("datePublished") or self.meta.get("article:published_time")
                                  or P.first_attr(self.doc, "time[datetime]", "datetime"))

        @field
        def author(self) -> str | None:
            return P.clean_author(P.ld_author(self.ld) or P.first_text(self.doc, ".author-name"))
