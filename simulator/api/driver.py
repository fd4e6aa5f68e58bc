"""The API driver (`cmecf-sim run --driver api`): a scenario's sign-on steps over HTTP, through the
Authentication API served on the scenario's world, as a client program would take them.

`pacer_login` posts to /services/cso-auth; once signed on, `logout` posts to /services/cso-logout and
`check_menu` reads the court's menu with the NextGenCSO cookie. Every other step is not this face's
to take: it runs on the core, on the same browser session the token signs on (so the world moves on
as the scenario says), and is reported as not applicable. The API shows `ok` and `message` (and a
menu), so those are all it is judged on."""

from __future__ import annotations

from typing import Any

import aiohttp
from aiohttp import web

from ..core import cso
from ..scenario.core_driver import CoreDriver, step_otp
from ..scenario.loader import Scenario, Step
from .server import AuthApi, listen


class ApiDriver:
    name = "api"
    observes = ("ok", "message", "menu")

    def __init__(self, scenario: Scenario) -> None:
        self.core = CoreDriver(scenario)
        self.token = ""
        self.runner: web.AppRunner | None = None
        self.client: aiohttp.ClientSession | None = None
        self.base = ""

    @property
    def simulation(self):
        return self.core.simulation

    @property
    def reusable(self) -> bool:
        return False  # each scenario gets its own world and its own server

    async def __aenter__(self) -> "ApiDriver":
        self.runner, self.base = await listen(AuthApi(self.simulation).app())
        self.client = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc) -> None:
        if self.client is not None:
            await self.client.close()
        if self.runner is not None:
            await self.runner.cleanup()
        await self.core.__aexit__(*exc)

    async def perform(self, step: Step) -> dict[str, Any]:
        if step.action == "pacer_login":
            return await self.sign_in(step)
        if step.action == "logout" and self.token:
            return await self.log_out()
        if step.action == "check_menu" and self.token:
            return await self.menu(step.params["court"])
        return {**self.core.do(step), "not_applicable": True}

    async def sign_in(self, step: Step) -> dict[str, Any]:
        params = step.params
        otp = self.simulation.read(step_otp, params) or ""
        body = {"loginId": params["username"], "password": params["password"], "clientCode": params.get("client_code", ""),
                "otpCode": otp, **({"redactFlag": "1"} if params.get("redaction_ack", True) else {})}
        async with self.client.post(f"{self.base}/services/cso-auth", json=body) as answer:
            found = await answer.json()
        if found.get("loginResult") != "0":
            if found.get("errorDescription", "").startswith("User Update Required"):
                # the screens keep the session at that page, where the scenario's next steps update the
                # account; the API has no such page, so the session is taken there on the core
                self.core.do(step)
            return {"ok": False, "message": found.get("errorDescription", "")}
        self.token = found["nextGenCSO"]
        # the scenario goes on in the session this token signs on (R13), with the court logins it had
        signed_on = self.simulation.read(cso.browser_of, self.token)
        with self.simulation.ctx() as ctx:
            cso.carry_over(ctx, self.core.simulation.browser_id, signed_on)
        self.core.simulation.browser_id = signed_on
        return {"ok": True, "message": found.get("errorDescription", "")}

    async def log_out(self) -> dict[str, Any]:
        async with self.client.post(f"{self.base}/services/cso-logout", json={"nextGenCSO": self.token}) as answer:
            found = await answer.json()
        self.token = ""
        return {"ok": found.get("loginResult") == "0", "message": found.get("errorDescription", "")}

    async def menu(self, court: str) -> dict[str, Any]:
        async with self.client.get(f"{self.base}/courts/{court}/menu", cookies={"NextGenCSO": self.token}) as answer:
            found = await answer.json()
        if answer.status != 200:
            return {"ok": False, "message": found.get("message", "")}
        return {"ok": True, "message": found.get("message", ""), "menu": found["menu"]}

