"""A local news site for tests and benchmarks: a threaded HTTP server on 127.0.0.1 serving a folder.

URL paths map to files in the folder (a path ending in ``/`` is its ``index.html``); ``{BASE}`` in
text files becomes the server's own ``http://127.0.0.1:PORT``. Every response
carries an ETag and a Last-Modified and honours conditional requests (304).
``routes.json`` in the folder declares pages that misbehave:

    {"/path": {"file": "other/file.html",      # serve this file instead
               "fail": [503, 503],             # answer these statuses first, then the page
               "retry_after": 1,               # with this Retry-After on failures
               "delay": 3.0,                   # seconds before answering
               "redirect": "/elsewhere",       # 301 to this path
               "status": 404,                  # always this status
               "truncate": 0.5,                # send this share of the body, announce all of it
               "huge_bytes": 20000000,         # stream this many bytes of filler (no Content-Length)
               "encoding": "cp1258",           # encode the page so (Vietnamese legacy code page)
               "content_type": "application/pdf"}}

Every request is logged (``site.log``) with its path, status and body size.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import json
import threading
import time
import unicodedata
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

TYPES = {".htm": "text/html; charset=utf-8", ".html": "text/html; charset=utf-8", ".xml": "application/xml",
         ".rss": "application/rss+xml", ".txt": "text/plain; charset=utf-8", ".gz": "application/gzip",
         ".pdf": "application/pdf"}
LAST_MODIFIED = "Mon, 01 Apr 2024 00:00:00 GMT"


@dataclass
class Hit:
    """One request as the server saw it."""

    at: float
    method: str
    path: str
    status: int               # 0 until the answer is sent
    sent: int                 # body bytes written
    conditional: bool         # If-None-Match or If-Modified-Since was sent
    user_agent: str


class LocalSite:
    """Serve ``folder`` on 127.0.0.1 (a random free port) until ``close()``; usable as a context manager.

    folder (Path): the site's files and its ``routes.json``.
    pages (dict[str, bytes] | None): extra in-memory pages by path (benchmarks add generated ones).
    """

    def __init__(self, folder: Path, pages: dict[str, bytes] | None = None):
        self.folder = Path(folder)
        routes = self.folder / "routes.json"
        self.routes: dict[str, dict] = json.loads(routes.read_text(encoding="utf-8")) if routes.exists() else {}
        self.pages = pages or {}
        self.log: list[Hit] = []
        self.failures: dict[str, int] = {}
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "LocalSite":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str | None = None) -> list[Hit]:
        """The requests so far (for ``path`` only when given)."""
        with self.lock:
            return [h for h in self.log if path is None or h.path == path]

    def reset_log(self) -> None:
        with self.lock:
            self.log.clear()

    # --- serving ----------------------------------------------------------------------------

    def body_of(self, path: str, route: dict) -> bytes | None:
        if path in self.pages:
            return self.pages[path]
        name = route.get("file") or (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))
        candidate = (self.folder / name).resolve()
        if self.folder.resolve() not in candidate.parents:
            return None
        if not candidate.is_file() and name.endswith(".gz") and candidate.with_suffix("").is_file():
            return gzip.compress(self._text(candidate.with_suffix("")), mtime=0)
        if not candidate.is_file():
            return None
        if candidate.suffix in (".pdf",):
            return candidate.read_bytes()
        data = self._text(candidate)
        if route.get("encoding"):
            data = encode_legacy(data.decode("utf-8"), route["encoding"])
        return data

    def _text(self, path: Path) -> bytes:
        return path.read_text(encoding="utf-8").replace("{BASE}", self.base).encode("utf-8")

    def content_type(self, path: str, route: dict) -> str:
        if route.get("content_type"):
            return route["content_type"]
        name = route.get("file") or (path + "index.html" if path.endswith("/") else path)
        return TYPES.get(Path(name).suffix.lower(), "text/html; charset=utf-8")

    def record(self, hit: Hit) -> None:
        with self.lock:
            self.log.append(hit)

    def next_failure(self, path: str, route: dict) -> int | None:
        fails = route.get("fail") or []
        with self.lock:
            n = self.failures.get(path, 0)
            if n < len(fails):
                self.failures[path] = n + 1
                return fails[n]
        return None


def encode_legacy(text: str, encoding: str) -> bytes:
    """``text`` in a Vietnamese legacy code page: base letters plus combining tone marks (cp1258 style)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode(encoding))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append((base + tones).encode(encoding, "replace"))
    return b"".join(out)


def _handler(site: LocalSite):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"
        server_version = "LocalNews/1.0"

        def log_message(self, *args) -> None:  # the hit log replaces stderr lines
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            path = urlsplit(self.path).path
            route = site.routes.get(path, {})
            conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
            hit = Hit(time.monotonic(), "GET", path, 0, 0, conditional, self.headers.get("User-Agent", ""))
            site.record(hit)  # logged on arrival: a slow answer still belongs to the crawl that asked
            self.hit = hit
            hit.status, hit.sent = self._answer(path, route)

        def _answer(self, path: str, route: dict) -> tuple[int, int]:
            if route.get("delay"):
                time.sleep(float(route["delay"]))
            failure = site.next_failure(path, route)
            if failure is not None:
                extra = {"Retry-After": str(route["retry_after"])} if route.get("retry_after") is not None else {}
                return self._send(failure, b"<html><body>busy</body></html>", extra=extra)
            if route.get("redirect"):
                return self._send(301, b"", extra={"Location": route["redirect"]})
            if route.get("status"):
                return self._send(int(route["status"]), b"<html><body>Not found</body></html>")
            if route.get("huge_bytes"):
                return self._huge(int(route["huge_bytes"]))
            body = site.body_of(path, route)
            if body is None:
                return self._send(404, b"<html><body>Not found</body></html>")
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag or (
                    not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == LAST_MODIFIED):
                return self._send(304, b"", extra={"ETag": etag, "Last-Modified": LAST_MODIFIED})
            headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
            if route.get("truncate"):
                cut = int(len(body) * float(route["truncate"]))
                return self._send(200, body[:cut], ctype=site.content_type(path, route), extra=headers,
                                  length=len(body))
            return self._send(200, body, ctype=site.content_type(path, route), extra=headers)

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
                  extra: dict | None = None, length: int | None = None) -> tuple[int, int]:
            self.hit.status = status  # before the client can read the answer
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(length if length is not None else len(body)))
                self.send_header("Date", email.utils.formatdate(usegmt=True))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                if body:
                    self.wfile.write(body)
                return status, len(body)
            except (BrokenPipeError, ConnectionResetError):
                return status, 0

        def _huge(self, size: int) -> tuple[int, int]:
            chunk = ("<p>" + "Nội dung lặp lại để làm trang rất lớn. " * 40 + "</p>\n").encode("utf-8")
            sent = 0
            self.hit.status = 200
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(b"<html><body><article>")
                while sent < size:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return 200, sent

    return Handler
