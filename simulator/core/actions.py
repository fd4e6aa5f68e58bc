"""The world actions and checks of the scenario language as core calls, keyed by action name.

Both faces use this table: the core driver for scenario steps, the trainer's console for its forms.
Parameters arrive already typed (dates, datetimes, booleans)."""

from __future__ import annotations

from typing import Any, Callable

from . import checks, courts, deadlines, linking, world
from .context import Ctx, Outcome

Call = Callable[[Ctx, dict[str, Any]], Outcome]

WORLD_ACTIONS: dict[str, Call] = {
    "advance_clock": lambda c, p: world.advance_clock(c, p.get("by"), p.get("to")),
    "declare_outage": lambda c, p: courts.declare_outage(c, p["court"], p["until"], p.get("extends_deadlines", True)),
    "clerk_approve": lambda c, p: linking.clerk_approve(c, p["court"], p["username"]),
    "clerk_reject": lambda c, p: linking.clerk_reject(c, p["court"], p["username"], p["reason"]),
}

CHECKS: dict[str, Call] = {
    "check_account": lambda c, p: checks.check_account(c, p["username"]),
    "check_court": lambda c, p: checks.check_court(c, p["court"]),
    "check_menu": lambda c, p: checks.check_menu(c, p["court"]),
    "check_link": lambda c, p: checks.check_link(c, p["court"], p["username"]),
    "check_registration": lambda c, p: checks.check_registration(c, p["court"], p["username"]),
    "check_docket": lambda c, p: checks.check_docket(c, p["court"], p["case"]),
    "check_transactions": lambda c, p: checks.check_transactions(c, p["court"], p["user"]),
    "check_email": lambda c, p: checks.check_email(c, p["to"]),
    "check_deadline": lambda c, p: deadlines.check_deadline(c, p["court"], p["due"], p.get("kind")),
}
