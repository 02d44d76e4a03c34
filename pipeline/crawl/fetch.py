"""Polite, bounded HTTP fetching: retries with backoff, size and redirect limits, charset decoding.

One ``Fetcher`` serves a whole crawl: one httpx client (one connection per
host, since requests are made one at a time), a per-host clock for the delay
between requests, and the host policy checked at every redirect hop.
"""

from __future__ import annotations

import email.utils
import logging
import random
import re
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpcore
import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from pipeline.article import InputError
from pipeline.crawl.options import CrawlOptions
from pipeline.crawl.urls import BlockedHost, HostPolicy, canonical_url, clock_key
from pipeline.readers.decoding import decode_bytes

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml",
             "application/x-gzip", "application/gzip", "application/octet-stream", "text/plain")
# h11's words for response headers past its buffer limit: not a truncated body, and not worth a retry.
_HEADER_OVERFLOW = re.compile(r"receive buffer too long|line too long|header.* too (?:long|large)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` is short and stable (it is counted in summaries)."""

    def __init__(self, reason: str, detail: str = "", *, retryable: bool = False, retry_after: float | None = None,
                 status: int | None = None):
        self.reason, self.detail, self.retryable = reason, detail, retryable
        self.retry_after, self.status = retry_after, status
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass
class Page:
    """A response: 200 with its decoded text, or 304 (not modified) without one."""

    url: str                     # the final URL after redirects (canonical form)
    status: int
    content_type: str = ""
    data: bytes = b""
    text: str = ""
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostClock:
    """Per-host spacing of requests: ``wait(host)`` returns when the host may be asked again."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep):
        self.default = max(0.0, delay)
        self.delays: dict[str, float] = {}
        self.next_at: dict[str, float] = {}
        self.last_at: dict[str, float] = {}
        self.sleep = sleep

    def set_delay(self, host: str, seconds: float) -> None:
        """Space ``host``'s requests by ``seconds`` (never less than the default), from its last request on."""
        self.delays[host] = max(self.default, seconds)
        if host in self.last_at:
            self.next_at[host] = self.last_at[host] + self.delays[host]

    def ready_in(self, host: str) -> float:
        return max(0.0, self.next_at.get(host, 0.0) - time.monotonic())

    def wait(self, host: str) -> None:
        pause = self.ready_in(host)
        if pause > 0:
            self.sleep(pause)
        self.last_at[host] = time.monotonic()
        self.next_at[host] = self.last_at[host] + self.delays.get(host, self.default)


class Fetcher:
    """GET with the crawl's rules. ``robots`` (url -> bool) is asked before every request but robots.txt."""

    def __init__(self, options: CrawlOptions, policy: HostPolicy, clock: HostClock | None = None,
                 robots: Callable[[str], bool] | None = None, transport: httpx.BaseTransport | None = None):
        self.options = options
        self.policy = policy
        self.clock = clock or HostClock(options.delay_seconds)
        self.robots = robots
        self.robots_refusal: Callable[[str], str] | None = None   # why robots said no (unreachable site?)
        self.requests = 0
        self.stop_at: float | None = None   # monotonic time past which no request may run (crawl --max-time)
        self.truncate_at: int | None = None  # read at most this many bytes and keep them (robots.txt), no error
        self._deadline = float("inf")
        limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
        if transport is None:
            transport = httpx.HTTPTransport(limits=limits)
            _bound_by_deadline(transport, self)
        self.client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept-Language": "vi,en;q=0.5"},
            timeout=httpx.Timeout(options.read_timeout, connect=options.connect_timeout),
            follow_redirects=False, limits=limits, transport=transport)

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, kinds: tuple[str, ...] = HTML_TYPES, etag: str | None = None,
            last_modified: str | None = None, check_robots: bool = True) -> Page:
        """Fetch ``url`` following redirects; raise ``FetchError`` with the reason when it fails.

        url (str): a canonical URL.
        kinds (tuple[str]): content types accepted (a prefix of the Content-Type).
        etag, last_modified (str | None): validators of a stored copy: a 304 means unchanged.
        check_robots (bool): ask robots.txt first (off only for robots.txt itself).
        RETURNS (Page): status 200 (decoded) or 304.
        """
        seen = [url]
        current = url
        budget = self.options.request_deadline
        self._deadline = time.monotonic() + budget if budget and budget > 0 else float("inf")
        if self.stop_at is not None and self.stop_at < self._deadline:
            self._deadline = self.stop_at
        for _hop in range(self.options.max_redirects + 1):
            try:
                self.policy.check(current)
            except BlockedHost as exc:
                raise FetchError("blocked host", str(exc)) from None
            if check_robots and self.robots is not None and not self.robots(current):
                why = self.robots_refusal(current) if self.robots_refusal is not None else "disallowed by robots.txt"
                raise FetchError(why, current)
            conditional = current == url
            page = self._with_retries(current, kinds, etag if conditional else None,
                                      last_modified if conditional else None)
            if page.status in (301, 302, 303, 307, 308):
                target = canonical_url(page.text, base=current)
                if target is None:
                    raise FetchError("bad redirect", page.text[:200])
                if target in seen:
                    raise FetchError("redirect loop", " -> ".join(seen + [target]))
                seen.append(target)
                current = target
                continue
            page.url = current
            page.redirects = seen[1:]
            return page
        raise FetchError("too many redirects", f"more than {self.options.max_redirects} from {url}")

    def _with_retries(self, url: str, kinds, etag, last_modified) -> Page:
        retrying = Retrying(stop=stop_after_attempt(self.options.retries + 1), wait=self._wait,
                            retry=retry_if_exception(lambda e: isinstance(e, FetchError) and e.retryable),
                            reraise=True, sleep=time.sleep)
        return retrying(self._attempt, url, kinds, etag, last_modified)

    def _wait(self, state: RetryCallState) -> float:
        """Retry-After when the server sent one, else exponential backoff with full jitter."""
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, FetchError) and exc.retry_after is not None:
            if exc.retry_after > self.options.max_retry_after:
                raise FetchError("retry-after too long", f"{exc.retry_after:.0f} s", status=exc.status)
            pause = exc.retry_after
        else:
            base = min(self.options.backoff_max, self.options.backoff_seconds * 2 ** (state.attempt_number - 1))
            pause = base + random.uniform(0, base)
        if time.monotonic() + pause >= self._deadline:  # no time left for another attempt
            raise FetchError("deadline exceeded", self._deadline_detail(exc), status=getattr(exc, "status", None))
        return pause

    def _deadline_detail(self, last: BaseException | None = None) -> str:
        if self.stop_at is not None and self._deadline >= self.stop_at:
            why = "the crawl's --max-time was reached"
        else:
            why = f"no complete response within {self.options.request_deadline:g} s (crawl.request_deadline)"
        return why + (f"; last attempt: {last}" if last is not None else "")

    def _attempt(self, url: str, kinds, etag, last_modified) -> Page:
        headers = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.clock.wait(clock_key(url))
        self.requests += 1
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise FetchError("deadline exceeded", self._deadline_detail())
        timeout = httpx.Timeout(min(self.options.read_timeout, left), connect=min(self.options.connect_timeout, left))
        try:
            with self.client.stream("GET", url, headers=headers, timeout=timeout) as response:
                return self._read(url, response, kinds)
        except httpx.TimeoutException as exc:
            if time.monotonic() >= self._deadline:  # headers or body trickled past the total deadline
                raise FetchError("deadline exceeded", self._deadline_detail()) from None
            raise FetchError("timeout", f"{type(exc).__name__} on {url}", retryable=True) from None
        except httpx.RemoteProtocolError as exc:
            if _HEADER_OVERFLOW.search(str(exc)):  # the server would send the same headers again
                raise FetchError("header too large", f"{exc}: the response headers pass h11's limit") from None
            raise FetchError("truncated response", str(exc)[:200], retryable=True) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError("connection error", f"{type(exc).__name__}: {exc}"[:200], retryable=True) from None

    def _read(self, url: str, response: httpx.Response, kinds) -> Page:
        status = response.status_code
        headers = response.headers
        if status == 304:
            return Page(url, 304, etag=headers.get("etag"), last_modified=headers.get("last-modified"))
        if status in (301, 302, 303, 307, 308):
            return Page(url, status, text=headers.get("location", ""))
        if status == 429 or status >= 500:
            raise FetchError(f"HTTP {status}", url, retryable=True, status=status,
                             retry_after=_retry_after(headers.get("retry-after")))
        if status >= 400:
            raise FetchError(f"HTTP {status}", url, status=status)
        if status != 200:
            raise FetchError(f"HTTP {status}", url, status=status)
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype and not ctype.startswith(kinds):
            raise FetchError("not HTML" if kinds == HTML_TYPES else "unexpected content type", ctype)
        declared = int(headers.get("content-length") or 0)
        if self.truncate_at is not None:
            return self._read_head(url, response, ctype, headers)
        if declared > self.options.max_bytes:
            raise FetchError("too large", f"{declared:,} bytes announced > {self.options.max_bytes:,}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            if time.monotonic() > self._deadline:  # each read within read_timeout, the whole too slow
                raise FetchError("deadline exceeded", self._deadline_detail())
            size += len(chunk)
            if size > self.options.max_bytes:
                raise FetchError("too large", f"over {self.options.max_bytes:,} bytes, stopped reading")
            chunks.append(chunk)
        data = b"".join(chunks)
        page = Page(url, 200, content_type=ctype, data=data, etag=headers.get("etag"),
                    last_modified=headers.get("last-modified"))
        if ctype.startswith(HTML_TYPES) or (not ctype and kinds == HTML_TYPES):
            page.text = self.decode(data, url, response.charset_encoding)
        return page

    def _read_head(self, url: str, response: httpx.Response, ctype: str, headers) -> Page:
        """The first ``truncate_at`` bytes of the body, the rest left unread (robots.txt: RFC 9309 2.5)."""
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            if time.monotonic() > self._deadline:
                raise FetchError("deadline exceeded", self._deadline_detail())
            chunks.append(chunk[: self.truncate_at - size])
            size += len(chunks[-1])
            if size >= self.truncate_at:
                log.info("%s: kept its first %d bytes", url, self.truncate_at)
                break
        data = b"".join(chunks)
        return Page(url, 200, content_type=ctype, data=data, text=data.decode("utf-8", "replace"),
                    etag=headers.get("etag"), last_modified=headers.get("last-modified"))

    def decode(self, data: bytes, url: str, header_charset: str | None) -> str:
        """Bytes to NFC text: charset from the header, else the page's meta tag, else detection."""
        declared = header_charset
        if not declared:
            m = _META_CHARSET.search(data[:4096])
            declared = m.group(1).decode("ascii", "ignore") if m else None
        try:
            return decode_bytes(data, url, declared)
        except InputError as exc:
            raise FetchError("undecodable", exc.cause) from None


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read ends by the fetcher's deadline: headers trickled a byte at a
    time cannot hold a request past it (each read alone would stay within read_timeout)."""

    def __init__(self, stream: httpcore.NetworkStream, fetcher: "Fetcher"):
        self.stream, self.fetcher = stream, fetcher

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        left = self.fetcher._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("the request's total deadline has passed")
        return self.stream.read(max_bytes, left if timeout is None else min(timeout, left))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, timeout)

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> "_DeadlineStream":
        return _DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, timeout), self.fetcher)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend, fetcher: "Fetcher"):
        self.backend, self.fetcher = backend, fetcher

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _DeadlineStream(self.backend.connect_tcp(host, port, timeout, local_address, socket_options),
                               self.fetcher)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return _DeadlineStream(self.backend.connect_unix_socket(path, timeout, socket_options), self.fetcher)

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


def _bound_by_deadline(transport: httpx.HTTPTransport, fetcher: "Fetcher") -> None:
    """Make every socket read of ``transport`` end by ``fetcher``'s request deadline."""
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = _DeadlineBackend(pool._network_backend, fetcher)
    else:  # another httpx: the body is still bounded (checked per chunk), trickled headers are not
        log.warning("httpx %s: response headers are not bounded by crawl.request_deadline", httpx.__version__)


def ungzip(data: bytes, limit: int) -> bytes:
    """``data`` gunzipped if it is gzip (sitemaps ``.xml.gz``), refusing more than ``limit`` bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise FetchError("bad gzip", str(exc)) from None
    if len(out) > limit:
        raise FetchError("too large", f"gzip expands past {limit:,} bytes")
    return out


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


