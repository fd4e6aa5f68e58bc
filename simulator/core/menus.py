"""The court's CM/ECF menu bar (R15): which menus a learner may open, and why not the others.

The TUI shows every menu; the ones the learner may not use are marked unavailable and, chosen, show
the reason. `available_labels` is what scenarios compare against.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import access
from .access import CourtSession
from .context import Ctx

FILING_MENUS = {
    "district": ("Civil", "Criminal"),
    "bankruptcy": ("Bankruptcy", "Adversary"),
    "appellate": ("Filing",),
}


@dataclass
class MenuItem:
    label: str
    function: str  # what choosing it opens: "file", "link", "agents", ... (see signon/TUI)
    available: bool = True
    reason: str = ""


@dataclass
class Menu:
    label: str
    available: bool = True
    reason: str = ""
    items: list[MenuItem] = field(default_factory=list)  # Utilities' pages; the other menus open one page each


def menu_bar(ctx: Ctx, session: CourtSession) -> list[Menu]:
    court = session.court
    refusal = access.filing_refusal(ctx, session) if session.login or session.nextgen else None
    can_file = session.login is not None and refusal is None
    reason = refusal.message if refusal is not None else ""
    bar = [Menu(label, can_file, reason) for label in FILING_MENUS[court.type]]
    bar += [Menu("Query"), Menu("Reports"), Menu("Utilities", items=utilities(ctx, session)), Menu("Help"), Menu("Log Out")]
    return bar


def utilities(ctx: Ctx, session: CourtSession) -> list[MenuItem]:
    items: list[MenuItem] = []
    filer = session.login is not None
    not_filer = "This needs a CM/ECF filer account at this court."
    if session.nextgen:
        items.append(MenuItem("Link a CM/ECF account to my PACER account", "link"))
        items.append(MenuItem("Maintain Your ECF Account", "maintain", filer, "" if filer else not_filer))
    else:
        items.append(MenuItem("Maintain Your Account", "maintain", filer, "" if filer else not_filer))
        if filer and session.login.role in access.PRIMARY_ROLES:
            items.append(MenuItem("Create a new Filing Agent", "create_agent"))
    items.append(MenuItem("View Your Transaction Log", "transactions", filer, "" if filer else not_filer))
    items.append(MenuItem("Internet Payments Due", "payments", filer, "" if filer else not_filer))
    if session.is_agent:
        items.append(MenuItem("Change User", "change_user"))
    return items


def available_labels(bar: list[Menu]) -> list[str]:
    return [menu.label for menu in bar if menu.available]


def access_note(ctx: Ctx, session: CourtSession) -> str:
    """One sentence on what the learner can do here, shown when they arrive."""
    if not session.nextgen:
        return ""
    refusal = access.filing_refusal(ctx, session)
    if refusal is None and session.login is not None:
        primary = access.acting_primary(ctx, session)
        if session.is_agent:
            return f"You can file here as filing agent for {primary.name}."
        return f"You can file here as {primary.name}."
    return f"You can search here. To file: {refusal.message}" if refusal else "You can search here."
