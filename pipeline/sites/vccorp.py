"""Markup shared by the VCCorp/VCCMS family (Tuổi Trẻ, Người Lao Động, CafeF, Báo Chính phủ).

Their article pages mark fields with ``data-role`` (title, sapo, publishdate,
author, content); embedded boxes carry a ``type`` (RelatedOneNews, content,
PhotoInContentBox). Listings load further pages from ``/timelinelist/<zone>/<n>``
with the zone id in ``#hdZoneId``.
"""

from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup

from pipeline.sites import parsing as P
from pipeline.sites.base import Layout, field

# Boxes inside the body that are never body text: related-news items, "read more", ads, polls.
VCCORP_DROP = ('[type="RelatedOneNews"], [type="RelatedNews"], [type="RelatedNewsBox"], .kbwscwl-relatedbox, '
               '.VCObjectBoxRelatedNewsContentWrapper, .relatedbox, .readmore-body-box, [type="VideoStream"], '
               '[type="Vote"], zone, .adv, .ads, [id^="admzone"], .link-source-wrapper, .tindnd, .h-show-pc, '
               '.h-show-mobile')


class VCCorpLayout(Layout):
    """The data-role markup of VCCMS article pages."""

    _title = "h1[data-role=title], h1.detail-title, h1.title"
    _lead = "[data-role=sapo]"
    _body = "[data-role=content]"
    _drop = VCCORP_DROP
    _captions = "figcaption, .PhotoCMS_Caption"
    _author = "[data-role=author]"

    @field
    def published(self) -> str | None:
        return P.iso_datetime(P.first_attr(self.doc, "time[data-role=publishdate]", "datetime")
                              or self.meta.get("article:published_time") or self.ld.get("datePublished"))


def timeline_next_page(doc: BeautifulSoup, url: str, path: str = "/timelinelist/{zone}/{page}.htm",
                       page: int = 2) -> str | None:
    """The listing's next page as the CMS's own script builds it from ``#hdZoneId``."""
    zone = P.first_attr(doc, "#hdZoneId", "value")
    return urljoin(url, path.format(zone=zone, page=page)) if zone else None
