"""What each learner screen shows, read from the core in the worker that ran the action.

These are queries over the core's services, assembled into plain data so a screen renders without
touching the database. No rule is judged here: access, menus and notices come from the core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import select

from ..core import access, accounts, courts, firms, menus, mfa, signon
from ..core.context import Ctx
from ..core.models import Court, EcfAccount, FirmInvitation, Link, PacerAccount, Registration
from ..core.timeutil import status_datetime, zone


@dataclass
class View:
    location: str
    court_id: str | None
    status: str
    data: Any = None
    now_iso: str = ""


@dataclass
class CourtPageData:
    court_id: str
    name: str
    type: str
    generation: str
    go_live_notice: str
    notices: list[courts.Notice]
    help_desk: str
    about: str = ""


@dataclass
class CourtData:
    court_id: str
    name: str
    court_type: str
    nextgen: bool
    menus: list[menus.Menu]
    who: str


@dataclass
class AccountData:
    username: str
    name: str
    email: str
    account_number: str
    type_label: str
    kind: str
    mfa: bool
    backup_codes_left: int
    mfa_available: bool
    firm: str
    registered_courts: list[str]
    invitations: list[str]
    address: str


@dataclass
class PromptData:
    text: str


def status_text(ctx: Ctx) -> str:
    zone = signon.display_zone(ctx)
    pacer = signon.signed_in_pacer(ctx)
    who = f"PACER: {pacer.username}" if pacer else "PACER: signed out"
    logins = ctx.browser.court_logins
    if logins:
        who += " · court logins: " + ", ".join(f"{court}" for court in sorted(logins))
    return f"{status_datetime(ctx.now, zone)}  ·  {who}"


def build(ctx: Ctx) -> View:
    browser = ctx.browser
    location, court_id = browser.location, browser.court_id
    data: Any = None
    court = ctx.db.get(Court, court_id) if court_id else None
    if location == signon.HOME:
        data = courts.listing(ctx)
    elif location == signon.COURT_PAGE and court:
        data = CourtPageData(court.id, court.name, court.type, courts.generation(court, ctx.now),
                             courts.go_live_notice(ctx, court), courts.notices(ctx, court), court.help_desk,
                             courts.about(court))
    elif location == signon.COURT_UNAVAILABLE and court:
        data = courts.unavailable_message(ctx, court) or f"{court.name} CM/ECF is available again."
    elif location == signon.COURT_LOGIN and court:
        data = CourtPageData(court.id, court.name, court.type, courts.generation(court, ctx.now),
                             courts.go_live_notice(ctx, court), [], court.help_desk)
    elif location in (signon.COURT_MENU, signon.FILING_RECEIPT) and court:
        data = court_data(ctx, court)
    elif location in (signon.PACER_LOGIN, signon.PACER_MFA):
        data = court.name if court else ""
    elif location in (signon.PACER_PROMPT, signon.PACER_UPDATE_REQUIRED):
        account = ctx.db.get(PacerAccount, browser.pacer_account_id) if browser.pacer_account_id else None
        updates = signon.pending_updates(ctx, account) if account else []
        data = PromptData(signon.updates_text(updates))
    elif location == signon.PACER_ACCOUNT:
        account = signon.signed_in_pacer(ctx)
        data = account_data(ctx, account) if account else None
    return View(location, court_id, status_text(ctx), data, ctx.now.astimezone(zone(signon.display_zone(ctx))).isoformat())


def court_data(ctx: Ctx, court: Court) -> CourtData:
    session = access.build(ctx, court)
    bar = menus.menu_bar(ctx, session) if access.is_signed_in(session) else []
    if session.nextgen:
        who = f"Signed in with PACER as {session.pacer.username} ({session.pacer.name})" if session.pacer else "Not signed in"
    else:
        who = f"Signed in with court login {session.login.login} ({session.login.name})" if session.login else "Not signed in"
    if session.is_agent:
        acting = access.acting_primary(ctx, session)
        who += f" · filing agent for {acting.name}" if acting else " · filing agent: choose whom you act for (Change User)"
    return CourtData(court.id, court.name, court.type, session.nextgen, bar, who)


def account_data(ctx: Ctx, account: PacerAccount) -> AccountData:
    links = ctx.db.exec(select(Link).where(Link.pacer_account_id == account.id, Link.status.in_(("linked", "pending"))))
    registered = []
    for link in links:
        ecf = ctx.db.get(EcfAccount, link.ecf_account_id)
        registered.append(f"{link.court_id}: {ecf.login} ({ecf.role.replace('_', ' ')}, {link.status})")
    for reg in ctx.db.exec(select(Registration).where(Registration.pacer_account_id == account.id, Registration.status == "pending")):
        registered.append(f"{reg.court_id}: e-file registration as {reg.role.replace('_', ' ')} (pending)")
    invitations = []
    for invitation in ctx.db.exec(
        select(FirmInvitation).where(FirmInvitation.member_id == account.id, FirmInvitation.status == "pending")
    ):
        firm = ctx.db.get(PacerAccount, invitation.firm_id)
        invitations.append(f"{firm.name} ({firm.username})")
    firm = firms.firm_of(ctx, account)
    return AccountData(
        username=account.username, name=account.name, email=account.email, account_number=account.account_number,
        type_label=accounts.account_type_label(account), kind=account.kind, mfa=mfa.enrolled(account),
        backup_codes_left=mfa.backup_codes_left(ctx, account), mfa_available=mfa.available(ctx),
        firm=f"{firm.name} ({firm.account_number})" if firm else "", registered_courts=registered,
        invitations=invitations, address=account.address,
    )
