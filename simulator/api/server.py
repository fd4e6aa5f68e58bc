"""`cmecf-sim api`: PACER's Authentication API served over a world (aiohttp, already beside
textual-serve). Each request's core work runs on one core thread, one unit of work at a time, as the
TUI's does: fifty clients at once are judged one after another, none of their failed attempts lost."""

from __future__ import annotations

import asyncio
import json
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from aiohttp import web

from ..core import cso
from ..core.context import Ctx, Simulation
from ..core.errors import Code, SimError
from .openapi import DOCUMENT

AUTH_FIELDS = ("loginId", "password", "clientCode", "otpCode", "redactFlag")


async def listen(app: web.Application, host: str = "127.0.0.1") -> tuple[web.AppRunner, str]:
    """Serve `app` on a free port of `host`; its runner (to clean up) and base URL. For clients that
    need a live server: the API driver, and the tests' real HTTP clients."""
    runner = web.AppRunner(app)
    await runner.setup()
    listening = socket.socket()
    listening.bind((host, 0))
    base = f"http://{host}:{listening.getsockname()[1]}"
    await web.SockSite(runner, listening).start()
    return runner, base


class BadRequest(Exception):
    """A body the API cannot read: said back with 400, in the answer's own shape."""


class AuthApi:
    def __init__(self, simulation: Simulation) -> None:
        self.simulation = simulation
        self.core = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cmecf-sim-core")

    async def in_core(self, work: Callable[[Ctx], Any]) -> Any:
        def run() -> Any:
            with self.simulation.ctx() as ctx:
                return work(ctx)

        return await asyncio.get_running_loop().run_in_executor(self.core, run)

    def app(self) -> web.Application:
        app = web.Application()
        app.add_routes([
            web.post("/services/cso-auth", self.cso_auth),
            web.post("/services/cso-logout", self.cso_logout),
            web.get("/courts/{court}/menu", self.court_menu),
            web.get("/openapi.json", self.openapi),
        ])
        app.on_cleanup.append(self._stop_core)
        return app

    async def _stop_core(self, _app) -> None:
        self.core.shutdown(wait=True)

    async def cso_auth(self, request: web.Request) -> web.Response:
        try:
            fields = await _json_fields(request, AUTH_FIELDS, required=("loginId", "password"))
        except BadRequest as problem:
            return web.json_response({"loginResult": "1", "errorDescription": str(problem)}, status=400)
        try:
            signed_on = await self.in_core(lambda ctx: cso.authenticate(
                ctx, fields["loginId"], fields["password"], fields.get("clientCode", ""), fields.get("otpCode", ""),
                fields.get("redactFlag", "")))
        except SimError as refusal:
            return web.json_response({"loginResult": "1", "errorDescription": refusal.message})
        return web.json_response({"nextGenCSO": signed_on.token, "loginResult": "0",
                                  "errorDescription": signed_on.pending})

    async def cso_logout(self, request: web.Request) -> web.Response:
        try:
            fields = await _json_fields(request, ("nextGenCSO",), required=("nextGenCSO",))
        except BadRequest as problem:
            return web.json_response({"loginResult": "1", "errorDescription": str(problem)}, status=400)
        try:
            await self.in_core(lambda ctx: cso.logout(ctx, fields["nextGenCSO"]))
        except SimError as refusal:
            return web.json_response({"loginResult": "1", "errorDescription": refusal.message})
        return web.json_response({"loginResult": "0"})

    async def court_menu(self, request: web.Request) -> web.Response:
        court, token = request.match_info["court"], request.cookies.get("NextGenCSO", "")
        try:
            outcome = await self.in_core(lambda ctx: cso.court_menu(ctx, token, court))
        except SimError as refusal:
            status = {Code.NOT_SIGNED_IN: 401, Code.NOT_FOUND: 404}.get(refusal.code, 409)
            return web.json_response({"error": refusal.code.value, "message": refusal.message}, status=status)
        return web.json_response({"court": court, "menu": outcome.fields["menu"], "message": outcome.message})

    async def openapi(self, _request: web.Request) -> web.Response:
        return web.json_response(DOCUMENT)


async def _json_fields(request: web.Request, known: tuple[str, ...], required: tuple[str, ...]) -> dict[str, str]:
    """The request's JSON object, its known fields as strings; anything else is a BadRequest."""
    try:
        body = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("Send a JSON object, like {\"loginId\": \"...\", \"password\": \"...\"}.") from None
    if not isinstance(body, dict):
        raise BadRequest("Send a JSON object, like {\"loginId\": \"...\", \"password\": \"...\"}.")
    missing = [name for name in required if name not in body]
    if missing:
        raise BadRequest(f"Missing {', '.join(missing)}.")
    wrong = [name for name in known if name in body and not isinstance(body[name], str)]
    if wrong:
        raise BadRequest(f"{', '.join(wrong)} must be {'strings' if len(wrong) > 1 else 'a string'}.")
    return {name: body[name] for name in known if name in body}
