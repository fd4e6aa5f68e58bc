"""The classroom web server: textual-serve, refusing what a shared server must refuse.

A page on another site must not open trainee sessions from a visitor's browser (WebSocket origin
check), and a port already in use is said in one line, not a traceback."""

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


class ClassroomServer(Server):
    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not origin_allowed(request.headers.get("Origin"), request.headers.get("Host"),
                              request.headers.get("X-Forwarded-Host"), self.public_url):
            raise web.HTTPForbidden(text="This classroom accepts sessions from its own page only.")
        return await super().handle_websocket(request)


def check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as failure:
            raise PortUnavailable(f"Cannot serve on {host}:{port} ({failure.strerror}): choose another port with "
                                  "--port, or stop what is using it.") from None


def serve(command: str, host: str, port: int, public_url: str | None = None) -> None:
    check_port(host, port)
    ClassroomServer(command, host=host, port=port, title="cmecf-sim classroom", public_url=public_url).serve()
