"""The classroom web server: textual-serve, refusing what a shared server must refuse.

A page on another site must not open trainee sessions from a visitor's browser (WebSocket origin
check); each session is a process, so their number is capped and one more trainee is told the
class is full; a port already in use is said in one line, not a traceback. The trainer's dashboard
is served beside the class at /trainer (its own command, behind the trainer passcode).

The page addresses its script and WebSocket from wherever the browser reached it (root-relative
URLs), so it works through a TLS proxy or from another machine without configuration; with
--public-url (a proxy that serves the class under a path) the addresses are built from that."""

from __future__ import annotations

import socket
from contextvars import ContextVar
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

# the command the WebSocket being handled runs: a trainee's session, or the trainer's dashboard
_session_command: ContextVar[str | None] = ContextVar("session_command", default=None)


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

NO_TRAINER_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No trainer passcode</title></head>
<body><h1>This class has no trainer's dashboard here</h1><p>Start the class with a trainer passcode to see it in a
browser: <code>cmecf-sim serve --class NAME --trainer-passcode PASSCODE</code>. On this machine,
<code>cmecf-sim class dashboard NAME</code> opens it in a terminal.</p></body></html>"""

CLASS_FULL_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Class full</title></head>
<body><h1>This class is full</h1><p>All {limit} places in this class are taken. Ask your trainer for a place,
or try again when someone has left.</p></body></html>"""


class ClassroomServer(Server):
    def __init__(self, command: str, *, max_sessions: int = MAX_TRAINEES, trainer_command: str | None = None,
                 public_url: str | None = None, **kwargs) -> None:
        super().__init__(command, public_url=public_url, **kwargs)
        self.max_sessions = max_sessions
        self.sessions = 0  # live trainee sessions (WebSockets) of this process
        self.trainer_command = trainer_command
        self.given_public_url = public_url.rstrip("/") if public_url else ""

    @property
    def command(self) -> str:
        """What textual-serve runs for the WebSocket being handled (the trainer's, at /trainer/ws)."""
        return _session_command.get() or self._trainee_command

    @command.setter
    def command(self, value: str) -> None:
        self._trainee_command = value

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.add_routes([web.get("/trainer", self.handle_trainer_index, name="trainer"),
                        web.get("/trainer/ws", self.handle_trainer_websocket, name="trainer_websocket")])
        return app

    def _page(self, request: web.Request, websocket_route: str) -> web.Response:
        """A session's page, its addresses relative to where the browser reached it (or --public-url)."""
        router = request.app.router
        base = self.given_public_url
        socket_url = base + str(router[websocket_route].url_for())
        if base:
            socket_url = ("wss:" if base.startswith("https") else "ws:") + socket_url.split(":", 1)[1]
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": socket_url,
            "config": {"static": {"url": base + str(router["static"].url_for(filename="/")).rstrip("/") + "/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def _full(self) -> web.Response:
        return web.Response(status=503, content_type="text/html", text=CLASS_FULL_PAGE.format(limit=self.max_sessions))

    def _foreign(self, request: web.Request) -> bool:
        return not origin_allowed(request.headers.get("Origin"), request.headers.get("Host"),
                                  request.headers.get("X-Forwarded-Host"), self.public_url)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            return self._full()
        return self._page(request, "websocket")

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if self._foreign(request):
            raise web.HTTPForbidden(text="This classroom accepts sessions from its own page only.")
        if self.sessions >= self.max_sessions:
            return self._full()
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    async def handle_trainer_index(self, request: web.Request) -> web.StreamResponse:
        if self.trainer_command is None:
            return web.Response(status=404, content_type="text/html", text=NO_TRAINER_PAGE)
        return self._page(request, "trainer_websocket")

    async def handle_trainer_websocket(self, request: web.Request) -> web.StreamResponse:
        """The dashboard: not a trainee's place (never refused as full), and it asks the passcode first."""
        if self.trainer_command is None:
            raise web.HTTPNotFound(text="This class has no trainer passcode.")
        if self._foreign(request):
            raise web.HTTPForbidden(text="This classroom accepts sessions from its own page only.")
        _session_command.set(self.trainer_command)
        return await Server.handle_websocket(self, request)


def check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as failure:
            raise PortUnavailable(f"Cannot serve on {host}:{port} ({failure.strerror}): choose another port with "
                                  "--port, or stop what is using it.") from None


def serve(command: str, host: str, port: int, public_url: str | None = None, max_sessions: int = MAX_TRAINEES,
          trainer_command: str | None = None) -> None:
    check_port(host, port)
    ClassroomServer(command, host=host, port=port, title="cmecf-sim classroom", public_url=public_url,
                    max_sessions=max_sessions, trainer_command=trainer_command).serve()
