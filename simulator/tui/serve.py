"""The classroom web server: textual-serve, refusing what a shared server must refuse.

A page on another site must not open trainee sessions from a visitor's browser (WebSocket origin
check); each session is a process, so their number is capped and one more trainee is told the
class is full; a port already in use is said in one line, not a traceback."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server


class PortUnavailable(Exception):
    """The port cannot be bound; the message says what to choose instead."""


def origin_allowed(origin: str | None, host_header: str | None, forwarded_host: str | None, public_url: str) -> bool:
    """A browser's WebSocket Origin must be this server as the browser reached it: the Host it
    asked for, the proxy's X-Forwarded-Host, or the configured public URL. No Origin (not a
    browser) is let through: the check protects visitors' browsers from other sites' pages."""
    if not origin:
        return True
    netloc = urlsplit(origin).netloc.lower()
    allowed = {value.lower() for value in (host_header, forwarded_host, urlsplit(public_url).netloc) if value}
    return netloc in allowed


MAX_TRAINEES = 40

CLASS_FULL_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class full</title></head>
<body><h1>This class is full</h1><p>All {limit} places in this class are taken. Ask your trainer for a place,
or try again when someone has left.</p></body></html>"""


class ClassroomServer(Server):
    def __init__(self, *args, max_sessions: int = MAX_TRAINEES, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_sessions = max_sessions
        self.sessions = 0  # live trainee sessions (WebSockets) of this process

    def _full(self) -> web.Response:
        return web.Response(status=503, content_type="text/html", text=CLASS_FULL_PAGE.format(limit=self.max_sessions))

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            return self._full()
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not origin_allowed(request.headers.get("Origin"), request.headers.get("Host"),
                              request.headers.get("X-Forwarded-Host"), self.public_url):
            raise web.HTTPForbidden(text="This classroom accepts sessions from its own page only.")
        if self.sessions >= self.max_sessions:
            return self._full()
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1


def check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as failure:
            raise PortUnavailable(f"Cannot serve on {host}:{port} ({failure.strerror}): choose another port with "
                                  "--port, or stop what is using it.") from None


def serve(command: str, host: str, port: int, public_url: str | None = None, max_sessions: int = MAX_TRAINEES) -> None:
    check_port(host, port)
    ClassroomServer(command, host=host, port=port, title="cmecf-sim classroom", public_url=public_url,
                    max_sessions=max_sessions).serve()
