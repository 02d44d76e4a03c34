"""The source registry: one declaration per publisher, no logic (parsers live in sibling modules).

Verified sites were checked against recorded pages of theirs (``tests/test_sites.py``);
unverified ones use the generic extractor until pages of theirs are recorded.
"""

from __future__ import annotations

from pipeline.sites.baochinhphu import BaoChinhPhuParser
from pipeline.sites.baodautu import BaoDauTuParser
from pipeline.sites.base import Feed, Listing, Robots, Site, Sitemap, host_key, url_matches
from pipeline.sites.cafef import CafefParser
from pipeline.sites.dantri import DantriParser
from pipeline.sites.nld import NldParser
from pipeline.sites.tuoitre import TuoiTreParser
from pipeline.sites.vietnamnet import VietnamnetParser
from pipeline.sites.vnexpress import VnExpressParser

_MEDIA = url_matches(r"/(video|videos|podcast|podcasts|emagazine|e-magazine|infographic|photo|anh)/")

VNEXPRESS = Site(key="vnexpress", name="VnExpress", domain="https://vnexpress.net/", parser=VnExpressParser,
                 sources=(Robots("https://vnexpress.net/"), Feed("https://vnexpress.net/rss/tin-moi-nhat.rss"),
                          Listing("https://vnexpress.net/thoi-su")),
                 article_url=r"^https://vnexpress\.net/[a-z0-9-]+-\d{6,}\.html$", skip=_MEDIA, verified=True)
TUOITRE = Site(key="tuoitre", name="Báo Tuổi Trẻ", domain="https://tuoitre.vn/", parser=TuoiTreParser,
               sources=(Robots("https://tuoitre.vn/"), Feed("https://tuoitre.vn/rss/tin-moi-nhat.rss"),
                        Listing("https://tuoitre.vn/phap-luat.htm")),
               article_url=r"^https://tuoitre\.vn/[a-z0-9-]+-\d{14,}\.htm$", skip=_MEDIA, verified=True)
DANTRI = Site(key="dantri", name="Báo Dân trí", domain="https://dantri.com.vn/", parser=DantriParser,
              sources=(Robots("https://dantri.com.vn/"), Feed("https://dantri.com.vn/rss/home.rss"),
                       Listing("https://dantri.com.vn/phap-luat.htm")),
              article_url=r"^https://dantri\.com\.vn/[a-z0-9-]+/[a-z0-9-]+-\d{14,}\.htm$", skip=_MEDIA,
              verified=True)
NLD = Site(key="nld", name="Báo Người Lao Động", domain="https://nld.com.vn/", parser=NldParser,
           sources=(Robots("https://nld.com.vn/"), Feed("https://nld.com.vn/rss/home.rss"),
                    Listing("https://nld.com.vn/phap-luat.htm")),
           article_url=r"^https://nld\.com\.vn/[a-z0-9-]+-\d{15,}\.htm$", skip=_MEDIA, verified=True)
VIETNAMNET = Site(key="vietnamnet", name="VietNamNet", domain="https://vietnamnet.vn/", parser=VietnamnetParser,
                  sources=(Robots("https://vietnamnet.vn/"), Feed("https://vietnamnet.vn/rss/thoi-su.rss"),
                           Listing("https://vietnamnet.vn/thoi-su")),
                  article_url=r"^https://vietnamnet\.vn/[a-z0-9-]+-\d{6,}\.html$",
                  skip=url_matches(r"-tag\d+\.html$|/(video|podcast|emagazine)/"), verified=True)
CAFEF = Site(key="cafef", name="CafeF", domain="https://cafef.vn/", parser=CafefParser,
             sources=(Robots("https://cafef.vn/"), Listing("https://cafef.vn/xa-hoi.chn")),
             article_url=r"^https://cafef\.vn/[a-z0-9-]+-\d{15,}\.chn$", skip=_MEDIA, verified=True)
BAODAUTU = Site(key="baodautu", name="Báo Đầu tư", domain="https://baodautu.vn/", parser=BaoDauTuParser,
                sources=(Robots("https://baodautu.vn/"), Listing("https://baodautu.vn/thoi-su-d1/")),
                article_url=r"^https://baodautu\.vn/[a-z0-9-]+-d\d+\.html$", skip=_MEDIA, verified=True)
BAOCHINHPHU = Site(key="baochinhphu", name="Báo Điện tử Chính phủ", domain="https://baochinhphu.vn/",
                   parser=BaoChinhPhuParser,
                   sources=(Robots("https://baochinhphu.vn/"), Listing("https://baochinhphu.vn/thoi-su.htm")),
                   article_url=r"^https://baochinhphu\.vn/[a-z0-9-]+-\d{15,}\.htm$", skip=_MEDIA, verified=True)

# The police and provincial sources the project is about: entry points only, generic extraction,
# unverified until pages of theirs are recorded (none could be found to record).
CAND = Site(key="cand", name="Báo Công an nhân dân", domain="https://cand.com.vn/",
            sources=(Robots("https://cand.com.vn/"), Listing("https://cand.com.vn/Ban-tin-113/")),
            article_url=r"^https://cand\.com\.vn/.+-i\d{5,}/?$", skip=_MEDIA,
            notes="article URLs end in -i<id>/; entry points unverified")
CONGAN_HATINH = Site(key="congan-hatinh", name="Công an tỉnh Hà Tĩnh", domain="https://congan.hatinh.gov.vn/",
                     sources=(Robots("https://congan.hatinh.gov.vn/"),
                              Listing("https://congan.hatinh.gov.vn/tin-tuc")),
                     article_url=r"^https?://congan\.hatinh\.gov\.vn/.+\d{3,}.*\.html?$",
                     notes="provincial police portal; markup and entry points unverified")
TIENPHONG = Site(key="tienphong", name="Báo Tiền Phong", domain="https://tienphong.vn/",
                 sources=(Robots("https://tienphong.vn/"), Feed("https://tienphong.vn/rss/phap-luat-12.rss"),
                          Listing("https://tienphong.vn/phap-luat/")),
                 article_url=r"^https://tienphong\.vn/[a-z0-9-]+-post\d+\.tpo$", skip=_MEDIA,
                 notes="mcms CMS (article__body); unverified")
BAOHATINH = Site(key="baohatinh", name="Báo Hà Tĩnh", domain="https://baohatinh.vn/",
                 sources=(Robots("https://baohatinh.vn/"), Listing("https://baohatinh.vn/phap-luat/")),
                 article_url=r"^https://baohatinh\.vn/[a-z0-9-]+-post\d+\.html$", skip=_MEDIA,
                 notes="mcms CMS; some provincial papers deliver the body by JavaScript; unverified")

ALL_SITES: tuple[Site, ...] = (VNEXPRESS, TUOITRE, DANTRI, NLD, VIETNAMNET, CAFEF, BAODAUTU, BAOCHINHPHU,
                               CAND, CONGAN_HATINH, TIENPHONG, BAOHATINH)


def site_by_key(key: str, sites: tuple[Site, ...] | None = None) -> Site | None:
    """The registered site called ``key`` (or whose host is ``key``), or None."""
    for site in sites if sites is not None else ALL_SITES:
        if key in (site.key, site.host):
            return site
    return None


def site_for_url(url: str | None, sites: tuple[Site, ...] | None = None) -> Site | None:
    """The registered site owning ``url``'s host, or None."""
    if not url:
        return None
    for site in sites if sites is not None else ALL_SITES:
        if site.owns(url):
            return site
    return None


__all__ = ["ALL_SITES", "Feed", "Listing", "Robots", "Site", "Sitemap", "host_key", "site_by_key", "site_for_url"]
