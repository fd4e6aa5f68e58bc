"""What each page shows, read from the core in the worker that ran the action.

These are queries over the core's services, assembled into plain data so a screen (the TUI's, or any
other face's) renders without touching the database. No rule is judged here: access, menus and
notices come from the core.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import select

from . import access, accounts, courts, fees, filing, firms, linking, mail, menus, mfa, signon
from .context import Ctx
from .models import Court, EcfAccount, Email, FirmInvitation, Link, PacerAccount, Registration, Window
from .timeutil import local, status_datetime, zone
from .views import Listing, View


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


SIGNED_OUT = "PACER: signed out"


def signed_in(ctx: Ctx) -> str:
    """Who the status line says is signed in: the PACER account, and the court-issued logins."""
    pacer = signon.signed_in_pacer(ctx)
    who = f"PACER: {pacer.username}" if pacer else SIGNED_OUT
    logins = ctx.browser.court_logins
    if logins:
        who += " · court logins: " + ", ".join(f"{court}" for court in sorted(logins))
    return who


def _view(ctx: Ctx, location: str, court_id: str | None, data: Any, who: str, zone_name: str) -> View:
    """A page's view, with the status line (the time in `zone_name`, then `who`) and the instant shown."""
    return View(location, court_id, f"{status_datetime(ctx.now, zone_name)}  ·  {who}", data,
                ctx.now.astimezone(zone(zone_name)).isoformat())


def opening(ctx: Ctx, listing: list[Listing]) -> View:
    """The court list as a new browser finds it, signed out and in the world's own zone: what the
    next launch draws before its world is open (core/opening.py)."""
    return _view(ctx, signon.HOME, None, listing, SIGNED_OUT, ctx.world.display_zone)


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
    return _view(ctx, location, court_id, data, signed_in(ctx), signon.display_zone(ctx))


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


def transactions(ctx: Ctx, court_id: str) -> list[tuple[str, str, str]]:
    """Reports > Transaction log: when (in the court's time), what, and who filed it."""
    court = ctx.court(court_id)
    return [
        (status_datetime(row.at, court.time_zone), row.description, ctx.db.get(EcfAccount, row.actor_ecf_id).name)
        for row in filing.transaction_log(ctx, court_id)
    ]


def payments_due(ctx: Ctx, court_id: str) -> list[str]:
    """Utilities > Internet Payments Due: the unpaid fees, as dollars."""
    session, primary = filing.open_payments(ctx, court_id)
    return [fees.dollars(fee.amount_cents) for fee in fees.unpaid(ctx, session.court, primary)]


@dataclass
class InboxMessage:
    id: int
    sent: str
    to: str
    subject: str
    body: str
    link_kind: str


def inbox(ctx: Ctx) -> list[InboxMessage]:
    """Every message the world sent, newest first, its time in the learner's zone."""
    shown_in = signon.display_zone(ctx)
    return [InboxMessage(e.id, status_datetime(e.sent, shown_in), e.to_address, e.subject, e.body, e.link_kind)
            for e in ctx.db.exec(select(Email).order_by(Email.id.desc()))]


def eml(ctx: Ctx, email_id: int) -> bytes:
    """One message as the .eml file a mail tool opens."""
    return mail.mime(ctx.db.get(Email, email_id)).as_bytes()


@dataclass
class TimeMachineData:
    pending: list[linking.PendingRequest]
    moments: list[tuple[str, str]]  # (label, ISO time) of what comes next in the world


def time_machine(ctx: Ctx) -> TimeMachineData:
    """The clerk's queue and every coming go-live and maintenance edge, soonest first, each labelled in
    its court's own time, for the console's lists."""
    moments = []
    windows_of = defaultdict(list)
    for window in ctx.db.exec(select(Window).order_by(Window.start)):
        windows_of[window.court_id].append(window)
    for court in ctx.db.exec(select(Court).order_by(Court.id)):
        marks = []
        if court.nextgen_go_live is not None:
            go_live = court.nextgen_go_live
            marks += [("the day before its go-live", go_live - timedelta(days=1)), ("its go-live", go_live),
                      ("the day after its go-live", go_live + timedelta(days=1))]
        for window in windows_of[court.id]:
            marks += [(f"the start of '{window.reason or 'maintenance'}'", window.start),
                      (f"the end of '{window.reason or 'maintenance'}'", window.end)]
        for label, moment in marks:
            if moment > ctx.now:
                there = local(moment, court.time_zone)
                moments.append((moment, f"{court.id}: {label} ({there:%a %Y-%m-%d %H:%M} {there.tzname()})",
                                there.isoformat()))
    moments.sort()
    return TimeMachineData(linking.pending_requests(ctx), [(label, iso) for _, label, iso in moments])
