"""A hostile web server for the crawler's tests: 127.0.0.1 only, a random port, started by the test.

Paths:
  /robots.txt           as ``robots`` says: "ok" (allow all), "429", "500", "big" (600 KiB, allow all)
  /trickle              an article page sent one byte every ``trickle_seconds``
  /trickle-headers      its response headers sent one byte every ``trickle_seconds``
  /redirect-loopback    302 to the same server under the name "localhost" (a host not allowed)
  /redirect-file        302 to file:///etc/passwd
  /gzip-bomb            Content-Encoding: gzip, 64 KB on the wire, 64 MB of zeros unpacked
  /deep                 an HTML page nested 100,000 elements deep
  /refresh-a, /refresh-b  meta-refresh pages pointing at each other
  /lying-length         an article page with a Content-Length shorter than its body
  /huge-header          a response with a 200 KB header line
  /binary-no-type       binary bytes without a Content-Type
  /page, /private/page  a good article page (the second disallowed by the "big" robots.txt)
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE = ("<html><head><meta charset='utf-8'><title>Công an xã ra quân bảo đảm trật tự</title></head><body>"
           "<h1>Công an xã ra quân bảo đảm trật tự</h1><article>"
           + "<p>Sáng 6/5, Công an xã Tân Thạnh tổ chức lễ ra quân cao điểm bảo đảm an ninh trật tự với hơn "
             "60 cán bộ, chiến sĩ và lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở tham dự.</p>" * 4
           + "</article></body></html>").encode("utf-8")


def _bomb() -> bytes:
    out = gzip.compress(b"\0" * (64 << 20), compresslevel=9)
    return out


class HostileSite:
    """Serve the hostile paths until ``close()``; a context manager."""

    def __init__(self, robots: str = "ok", trickle_seconds: float = 1.0):
        self.robots = robots
        self.trickle_seconds = trickle_seconds
        self.hits: list[str] = []
        self.bomb = _bomb()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "HostileSite":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _handler(site: HostileSite):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: int | None = None,
                  headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server interface
            path = self.path.split("?")[0]
            site.hits.append(path)
            if path == "/robots.txt":
                if site.robots in ("429", "500"):
                    self._send(int(site.robots), b"busy", "text/plain")
                elif site.robots == "big":
                    lines = b"User-agent: *\nDisallow: /private/\n" + b"# padding line of a robots.txt\n" * 20_000
                    self._send(200, lines, "text/plain")
                else:
                    self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(ARTICLE)))
                self.end_headers()
                try:
                    for i in range(len(ARTICLE)):
                        self.wfile.write(ARTICLE[i:i + 1])
                        self.wfile.flush()
                        time.sleep(site.trickle_seconds)
                except (BrokenPipeError, ConnectionResetError, socket.timeout):
                    pass
            elif path == "/trickle-headers":
                head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        + b"".join(b"X-Slow-%d: 1\r\n" % i for i in range(200)))
                try:
                    for i in range(len(head)):
                        self.wfile.write(head[i:i + 1])
                        self.wfile.flush()
                        time.sleep(site.trickle_seconds)
                except (BrokenPipeError, ConnectionResetError, socket.timeout):
                    pass
                self.close_connection = True
            elif path == "/redirect-loopback":
                self._send(302, b"", headers={"Location": f"http://localhost:{site.port}/page"})
            elif path == "/redirect-file":
                self._send(302, b"", headers={"Location": "file:///etc/passwd"})
            elif path == "/gzip-bomb":
                self._send(200, site.bomb, headers={"Content-Encoding": "gzip"})
            elif path == "/deep":
                self._send(200, b"<html><body>" + b"<div>" * 100_000 + b"<p>x</p>" + b"</div>" * 100_000
                           + b"</body></html>")
            elif path in ("/refresh-a", "/refresh-b"):
                other = "/refresh-b" if path == "/refresh-a" else "/refresh-a"
                self._send(200, f"<html><head><meta http-equiv='refresh' content='0; url={other}'></head>"
                                f"<body></body></html>".encode())
            elif path == "/lying-length":
                self._send(200, ARTICLE + ARTICLE, length=len(ARTICLE) // 3)
                self.close_connection = True
            elif path == "/huge-header":
                self._send(200, ARTICLE, headers={"X-Filler": "a" * 200_000})
            elif path == "/binary-no-type":
                body = bytes(range(256)) * 64
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif path == "/private/page":
                self._send(200, ARTICLE)
            elif path == "/page":
                self._send(200, ARTICLE)
            else:
                self._send(404, b"not found", "text/plain")

    return Handler
