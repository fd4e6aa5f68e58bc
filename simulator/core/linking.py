"""Linking a court-issued CM/ECF account to an upgraded individual PACER account (R16, R17, R20),
and the clerk's decisions on links and registrations.

The link wizard has two pages: credentials, then a verify screen showing both accounts. `verify`
judges the first page; `submit` judges everything again and makes the link.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from . import access, mail, registration, signon
from .access import CourtSession
from .context import Ctx, Outcome
from .credentials import (
    attempts_left_note,
    check_password,
    find_ecf,
    find_pacer_any,
    record_failure,
    record_success,
    refuse_if_locked,
    stand_in,
)
from .errors import Code, SimError, invalid, not_found
from .models import Court, EcfAccount, Link, PacerAccount, Registration
from .timeutil import local, long_date


def open_link(ctx: Ctx, court_id: str) -> CourtSession:
    """Utilities > Link a CM/ECF account to my PACER account: who may use it."""
    session = signon.court_session(ctx, court_id)
    if not session.nextgen:
        raise SimError(
            Code.NOT_NEXTGEN,
            f"{session.court.name} is not on NextGen CM/ECF yet, so there is nothing to link: keep using the login "
            "this court issued you. Link on or after the court's go-live date.",
        )
    refusal = access.account_refusal(ctx, session)
    if refusal is not None:
        raise refusal
    return session


@dataclass
class LinkPreview:
    """The verify screen: both accounts, side by side."""

    court_name: str
    ecf_login: str
    ecf_name: str
    ecf_role: str
    pacer_username: str
    pacer_name: str
    pacer_account_number: str


def verify(ctx: Ctx, court_id: str, ecf_login: str, ecf_password: str) -> LinkPreview:
    session = open_link(ctx, court_id)
    court, pacer = session.court, session.pacer
    if not (ecf_login or "").strip() or not ecf_password:
        raise invalid("Enter both the CM/ECF login and the CM/ECF password this court issued you.")
    ecf = find_ecf(ctx, court.id, ecf_login)
    # an unknown login (or one with no password to check) is judged like a real one: same words, time and count
    judged = ecf if ecf is not None and ecf.password_hash else stand_in(ctx, court.id, ecf_login)
    refuse_if_locked(ctx, judged, court.time_zone)
    if not check_password(judged, ecf_password):
        record_failure(ctx, judged)
        raise SimError(
            Code.BAD_CREDENTIALS,
            f"Invalid CM/ECF login or password. Enter the login and password {court.name} issued you before NextGen "
            f"(not your PACER credentials). If you have lost them, contact the court's help desk."
            f"{attempts_left_note(ctx, judged)}",
        )
    record_success(ctx, ecf)
    _refuse_if_already_linked(ctx, court.id, pacer, ecf)
    return LinkPreview(
        court.name, ecf.login, ecf.name, ecf.role, pacer.username, pacer.name, pacer.account_number
    )


def _refuse_if_already_linked(ctx: Ctx, court_id: str, pacer: PacerAccount, ecf: EcfAccount) -> None:
    mine = access.link_of(ctx, court_id, pacer)
    if mine is not None:
        linked_ecf = ctx.db.get(EcfAccount, mine.ecf_account_id)
        state = "linked" if mine.status == "linked" else "waiting for the clerk's review of a link"
        if linked_ecf.id == ecf.id:
            raise SimError(
                Code.ALREADY_LINKED,
                f"Your PACER account is already {state} to CM/ECF account '{ecf.login}' here. There is nothing more to do.",
            )
        raise SimError(
            Code.ALREADY_LINKED,
            f"Your PACER account is already {state} to CM/ECF account '{linked_ecf.login}' at this court, and one "
            "PACER account links to one CM/ECF account per court. Keep that one, and file the work of your other "
            f"account ('{ecf.login}') through filing agents, or have its owner link it to their own PACER account.",
        )
    theirs = access.live_link_of_ecf(ctx, ecf)
    if theirs is not None:
        raise SimError(
            Code.ALREADY_LINKED,
            f"CM/ECF account '{ecf.login}' is already linked (or waiting for review) to another PACER account. A "
            "link cannot be undone by the filer: contact the court's help desk if this is wrong.",
        )


def submit(ctx: Ctx, court_id: str, ecf_login: str, ecf_password: str) -> Outcome:
    """Submit on the verify screen: link at once, or wait for the clerk (R16). Cannot be undone."""
    preview = verify(ctx, court_id, ecf_login, ecf_password)
    session = access.build(ctx, ctx.court(court_id))
    court, pacer = session.court, session.pacer
    ecf = find_ecf(ctx, court.id, ecf_login)
    link = Link(court_id=court.id, pacer_account_id=pacer.id, ecf_account_id=ecf.id, requested=ctx.now)
    if court.link_review == "immediate":
        link.status, link.decided = "linked", ctx.now
        ctx.db.add(link)
        ctx.db.flush()
        _email_linked(ctx, court, pacer, ecf)
        return Outcome(
            f"Your CM/ECF account '{preview.ecf_login}' is now linked to your PACER account '{pacer.username}' at "
            f"{court.name}. The filing menus are on your menu bar; from now on use only your PACER account here.",
            {"status": "linked"},
        )
    ctx.db.add(link)
    ctx.db.flush()
    return Outcome(
        f"Your request to link CM/ECF account '{preview.ecf_login}' to PACER account '{pacer.username}' has gone to "
        f"the clerk of {court.name} for review. You will get an email when it is approved; you cannot file here until then.",
        {"status": "pending"},
    )


def link_account(ctx: Ctx, court_id: str, ecf_login: str, ecf_password: str) -> Outcome:
    return submit(ctx, court_id, ecf_login, ecf_password)


def _email_linked(ctx: Ctx, court: Court, pacer: PacerAccount, ecf: EcfAccount) -> None:
    mail.send(
        ctx,
        pacer.email,
        f"{court.name}: CM/ECF account linked to your PACER account",
        f"Your CM/ECF account '{ecf.login}' ({ecf.name}) has been linked to your PACER account '{pacer.username}' "
        f"(account number {pacer.account_number}) at {court.name} on "
        f"{long_date(local(ctx.now, court.time_zone).date())}.\n\n"
        "From now on, sign in to this court's CM/ECF with your PACER username and password.\n\n" + mail.NO_REPLY,
    )


# --- the clerk's desk -------------------------------------------------------------------------------

@dataclass
class PendingRequest:
    court_id: str
    username: str
    what: str  # "link" | "registration"
    detail: str


def pending_requests(ctx: Ctx) -> list[PendingRequest]:
    found = []
    for link in ctx.db.exec(select(Link).where(Link.status == "pending").order_by(Link.id)):
        pacer = ctx.db.get(PacerAccount, link.pacer_account_id)
        ecf = ctx.db.get(EcfAccount, link.ecf_account_id)
        found.append(PendingRequest(link.court_id, pacer.username, "link", f"link to CM/ECF account '{ecf.login}' ({ecf.name})"))
    for reg in ctx.db.exec(select(Registration).where(Registration.status == "pending").order_by(Registration.id)):
        pacer = ctx.db.get(PacerAccount, reg.pacer_account_id)
        found.append(PendingRequest(reg.court_id, pacer.username, "registration", f"e-file registration as {reg.role.replace('_', ' ')} ({pacer.name})"))
    return found


def _pending_for(ctx: Ctx, court_id: str, username: str) -> tuple[PacerAccount, list[Link], list[Registration]]:
    court = ctx.court(court_id)
    pacer = find_pacer_any(ctx, username)
    if pacer is None:
        raise not_found(f"There is no PACER account '{username}'.")
    links = list(ctx.db.exec(select(Link).where(Link.court_id == court.id, Link.pacer_account_id == pacer.id, Link.status == "pending")))
    regs = list(
        ctx.db.exec(
            select(Registration).where(
                Registration.court_id == court.id, Registration.pacer_account_id == pacer.id, Registration.status == "pending"
            )
        )
    )
    if not links and not regs:
        raise not_found(f"Nothing from '{username}' is waiting for review at {court.name}.")
    return pacer, links, regs


def clerk_approve(ctx: Ctx, court_id: str, username: str) -> Outcome:
    pacer, links, regs = _pending_for(ctx, court_id, username)
    court = ctx.court(court_id)
    for link in links:
        link.status, link.decided = "linked", ctx.now
        ctx.db.add(link)
        _email_linked(ctx, court, pacer, ctx.db.get(EcfAccount, link.ecf_account_id))
    for reg in regs:
        registration.approve(ctx, court, pacer, reg)
    ctx.db.flush()
    return Outcome(f"Approved: {', '.join(_what(links, regs))} for {pacer.username} at {court.name}. The filer has been emailed.")


def clerk_reject(ctx: Ctx, court_id: str, username: str, reason: str) -> Outcome:
    if not (reason or "").strip():
        raise invalid("Give the reason for rejecting; it goes to the filer by email.")
    pacer, links, regs = _pending_for(ctx, court_id, username)
    court = ctx.court(court_id)
    for link in links:
        link.status, link.decided, link.reason = "rejected", ctx.now, reason
        ctx.db.add(link)
        ecf = ctx.db.get(EcfAccount, link.ecf_account_id)
        mail.send(
            ctx,
            pacer.email,
            f"{court.name}: link request not approved",
            f"The clerk of {court.name} did not approve linking CM/ECF account '{ecf.login}' to your PACER account "
            f"'{pacer.username}'.\n\nReason: {reason}\n\nContact the clerk's office, then submit the link again.\n\n"
            + mail.NO_REPLY,
        )
    for reg in regs:
        registration.reject(ctx, court, pacer, reg, reason)
    ctx.db.flush()
    return Outcome(f"Rejected: {', '.join(_what(links, regs))} for {pacer.username} at {court.name}. The filer has been emailed.")


def _what(links: list[Link], regs: list[Registration]) -> list[str]:
    return (["link request"] if links else []) + (["e-file registration"] if regs else [])


def link_status(ctx: Ctx, court_id: str, username: str) -> dict:
    court = ctx.court(court_id)
    pacer = find_pacer_any(ctx, username)
    if pacer is None:
        raise not_found(f"There is no PACER account '{username}'.")
    link = access.link_of(ctx, court.id, pacer)
    if link is None:
        return {"status": "none", "ecf_login": ""}
    return {"status": link.status, "ecf_login": ctx.db.get(EcfAccount, link.ecf_account_id).login}
