"""The core driver: each step calls the core, exactly as a screen would, and reports the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..core import accounts, agents, filing, firms, linking, mfa, registration, signon, world
from ..core.actions import CHECKS, WORLD_ACTIONS, Call
from ..core.context import Ctx, Outcome, Simulation
from ..core.credentials import find_pacer
from ..core.errors import SimError
from .loader import Scenario, Step


def resolve_document(reference: str, directory: Path) -> str:
    """A document is `sample:NAME` or a path beside the scenario."""
    if reference.startswith("sample:"):
        return reference
    return str((directory / reference).resolve())


def attachments_of(params: dict, directory: Path) -> list[tuple[str, str]]:
    found = []
    for item in params.get("attachments", []):
        if isinstance(item, str):
            found.append((resolve_document(item, directory), ""))
        else:
            found.append((resolve_document(item["document"], directory), item.get("description", "")))
    return found


def step_otp(ctx: Ctx, params: dict) -> str | None:
    """otp = "auto": the current code of the account's enrolled secret at the simulated time."""
    otp = params.get("otp")
    if otp != "auto":
        return otp
    account = find_pacer(ctx, params["username"])
    return mfa.current_code(ctx, mfa.secret_of(account)) if account is not None and mfa.enrolled(account) else None


Handler = Callable[[Ctx, dict, Path], Outcome]



def _without_directory(call: Call) -> Handler:
    return lambda ctx, params, directory: call(ctx, params)


HANDLERS: dict[str, Handler] = {
    **{name: _without_directory(call) for name, call in {**WORLD_ACTIONS, **CHECKS}.items()},
    "visit": lambda c, p, d: signon.visit(c, p["court"]),
    "ecf_login": lambda c, p, d: signon.ecf_login(
        c, p["court"], p["login"], p["password"], p.get("client_code", ""), p.get("redaction_ack", True)
    ),
    "pacer_login": lambda c, p, d: signon.pacer_login(
        c, p["username"], p["password"], step_otp(c, p), p.get("client_code", ""), p.get("redaction_ack", True)
    ),
    "logout": lambda c, p, d: signon.logout(c),
    "forgot_password": lambda c, p, d: accounts.forgot_password(c, p.get("court"), p.get("login"), p.get("username")),
    "register_pacer_account": lambda c, p, d: accounts.register_pacer_account(
        c, p["username"], p["password"], p["name"], p["email"]
    ),
    "upgrade_account": lambda c, p, d: accounts.upgrade_account(
        c, p["date_of_birth"], p["county"], p["new_username"], p["new_password"], p.get("security")
    ),
    "enroll_mfa": lambda c, p, d: accounts.enroll_mfa(c),
    "link_account": lambda c, p, d: linking.link_account(c, p["court"], p["ecf_login"], p["ecf_password"]),
    "request_registration": lambda c, p, d: registration.request_registration(c, p["court"], p["role"]),
    "create_filing_agent": lambda c, p, d: agents.create_filing_agent(
        c, p["court"], p["login"], p["password"], p["name"], p["email"]
    ),
    "add_filing_agent": lambda c, p, d: agents.add_filing_agent(c, p["court"], p["agent"], p.get("internet_payment", False)),
    "remove_filing_agent": lambda c, p, d: agents.remove_filing_agent(c, p["court"], p["agent"]),
    "change_user": lambda c, p, d: agents.change_user(c, p["court"], p["primary"]),
    "file": lambda c, p, d: filing.file(
        c,
        p["court"],
        p["case"],
        p["event"],
        resolve_document(p["document"], d),
        attachments_of(p, d),
        p.get("text", ""),
        p.get("pay", "later"),
        p.get("party", ""),
        p.get("modifier", ""),
    ),
    "pay_fees": lambda c, p, d: filing.pay_fees(c, p["court"]),
    "change_password": lambda c, p, d: accounts.change_password(c, p["current_password"], p["new_password"]),
    "reset_password": lambda c, p, d: accounts.reset_password(
        c, p["new_password"], p.get("court"), p.get("login"), p.get("username")
    ),
    "update_contact": lambda c, p, d: accounts.update_contact(c, p.get("name"), p.get("email"), p.get("address")),
    "update_ecf_account": lambda c, p, d: accounts.update_ecf_account(
        c, p["court"], p.get("email"), p.get("secondary_emails"), p.get("name")
    ),
    "register_firm_account": lambda c, p, d: firms.register_firm_account(
        c, p["username"], p["password"], p["name"], p["email"]
    ),
    "invite_to_firm": lambda c, p, d: firms.invite_to_firm(c, p["account_number"], p["last_name"]),
    "accept_firm_invitation": lambda c, p, d: firms.accept_firm_invitation(c, p["firm"]),
}


class CoreDriver:
    """Runs a scenario's steps against the core, in a private in-memory world."""

    name = "core"

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.simulation = Simulation(world.private_world(scenario.world))

    def do(self, step: Step) -> dict[str, Any]:
        handler = HANDLERS[step.action]
        try:
            with self.simulation.ctx() as ctx:
                outcome = handler(ctx, step.params, self.scenario.directory)
            fields = {name: value for name, value in outcome.fields.items() if name in step.spec.fields}
            result: dict[str, Any] = {"ok": True, "message": outcome.message, **fields}
        except SimError as error:
            result = {"ok": False, "error": error.code.value, "message": error.message}
        result["location"] = self.simulation.read(lambda ctx: ctx.browser.location)
        return result

    async def perform(self, step: Step) -> dict[str, Any]:
        return self.do(step)

    async def __aenter__(self) -> "CoreDriver":
        return self

    async def __aexit__(self, *exc) -> None:
        self.simulation.engine.dispose()
